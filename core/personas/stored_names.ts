/**
 * The start-up rewrite of persona names stored in another Unicode form than NFC (by versions
 * before the name rules).
 *
 * @module
 */
import { freeNameIn, NAMES_LOCK, takenNames } from "./name_checks.ts";
import type { PersonaRepository } from "./repository.ts";
import type { Persona } from "./schema.ts";

/** One rename {@linkcode normalizeStoredNames} made, for the log (a type alias: log fields). */
export type NameRewrite = { id: string; from: string; to: string };

/**
 * Rewrites names stored in another Unicode form than NFC (by versions before the name rules) to
 * NFC, so either spelling finds them and an NFC twin is refused. When the NFC name is another
 * persona's, the older of the two keeps it and the newer takes the first free "Name (2)", ...
 * Runs at every start (a no-op once done, one read); returns each rename, for the log.
 */
export function normalizeStoredNames(repository: PersonaRepository): Promise<NameRewrite[]> {
  return repository.exclusively(NAMES_LOCK, async () => {
    const renames: NameRewrite[] = [];
    const personas = await repository.list(); // oldest first
    const age = new Map(personas.map((persona, i) => [persona.id, i]));
    const rename = async (persona: Persona, to: string) => {
      await repository.update({ ...persona, name: to });
      renames.push({ id: persona.id, from: persona.name, to });
    };
    for (const persona of personas) {
      const name = persona.name.normalize("NFC");
      if (name === persona.name) continue;
      // What the unique index refuses, no more: look-alikes stored before the rules stay.
      const owner = await repository.findByIndexedName(name);
      // An import under way keeps its name (it cannot be renamed before it is done).
      if (owner === "importing") {
        await rename(persona, await freeNameIn(await takenNames(repository), name));
        continue;
      }
      if (owner && owner.id !== persona.id && age.get(owner.id)! < age.get(persona.id)!) {
        await rename(persona, await freeNameIn(await takenNames(repository), name));
        continue;
      }
      if (owner && owner.id !== persona.id) {
        await rename(owner, await freeNameIn(await takenNames(repository), owner.name));
      }
      await rename(persona, name);
    }
    return renames;
  });
}
