/**
 * Writing a new persona's row under the name rules: inside the names lock (`name_checks.ts`), a
 * persona's id is refused as a name, a taken name is a Conflict or (with `rename`) the first free
 * "Name (2)", ..., and the row is written in the same transaction as what must commit with it.
 * `PersonaService.create` and `createImporting` share it.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import {
  assertNameUnheld,
  assertNotAnId,
  freeNameIn,
  NAMES_LOCK,
  takenNames,
} from "./name_checks.ts";
import { assertWithinSize, newPersona } from "./persona_writes.ts";
import type { PersonaRepository } from "./repository.ts";
import type { Persona, PersonaCreate } from "./schema.ts";

/** How {@linkcode insertPersona} writes the persona. */
export interface InsertOptions {
  /** Take the first free "Name (2)", ... when the name is taken (else a Conflict). */
  rename?: boolean;
  /** Writes that commit with the persona, or fail with it (its avatar). */
  alongside?: (persona: Persona) => Promise<void>;
  /** The import mark to write the row with (unseen until the import finishes), or null. */
  mark: string | null;
  /** When the persona was first made (an ISO time: a bundle's), instead of now. */
  createdAt?: string;
}

/**
 * Creates `input` as a new persona in `repository` (its times from `clock`), the name checked and
 * chosen while the names lock is held, so concurrent creates each get their own free name; returns
 * the persona written.
 */
export function insertPersona(
  { repository, clock }: { repository: PersonaRepository; clock: Clock },
  input: PersonaCreate,
  options: InsertOptions,
): Promise<Persona> {
  return repository.exclusively(NAMES_LOCK, async () => {
    const names = await takenNames(repository);
    // A persona's id is refused as a name also where a taken name would be renamed.
    assertNotAnId(names, input.name);
    const name = options.rename ? await freeNameIn(names, input.name) : input.name;
    if (!options.rename) await assertNameUnheld(repository, names, { name, exceptId: "" });
    const made = newPersona(input, { name, now: isoTime(clock.now()) });
    const persona = options.createdAt ? { ...made, created_at: options.createdAt } : made;
    assertWithinSize(persona);
    if (options.mark === null) await repository.insert(persona);
    else await repository.insertImporting(persona, options.mark);
    // In this transaction: a failure here rolls the persona's row back too.
    if (options.alongside) await options.alongside(persona);
    return persona;
  });
}
