/**
 * A bundle's relationships on import: checked before anything is created (a relationship with
 * the bundle's own persona is refused, as `relationship.update` refuses a persona's relationship
 * with itself), then restored to the personas of the same name here, each pair once, with what
 * could not be restored said in one note per reason.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import type { Persona } from "../personas/mod.ts";
import { TimeSlice } from "../simulation/time_slice.ts";
import type { Bundle } from "./schema.ts";
import type { BundleDeps } from "./types.ts";

/**
 * Throws {@linkcode InvalidInput} naming `bundle.relationships.N.other_id` for each relationship
 * with the bundle's own persona: a persona has no relationship with itself (no export writes one).
 */
export function checkRelationships(bundle: Bundle): void {
  const own = bundle.persona.id;
  if (typeof own !== "string") return;
  const fields = bundle.relationships.flatMap((bond, index) =>
    bond.other_id === own
      ? [{
        field: `bundle.relationships.${index}.other_id`,
        message: "names the bundle's own persona: a persona has no relationship with itself",
      }]
      : []
  ).slice(0, 20);
  if (fields.length > 0) {
    throw new InvalidInput(`Invalid bundle: ${fields[0]!.field} ${fields[0]!.message}`, fields);
  }
}

/** How many of the personas not found here a note names (the rest are counted). */
export const NOTE_NAMES_MAX = 5;

/**
 * Restores each pair once (a bundle naming one persona twice keeps its last, as writing each
 * would) and returns how many pairs were restored. What was not restored is said in one note
 * each, however many relationships it covers: a count and the first {@linkcode NOTE_NAMES_MAX}
 * names, so the reply stays small (attack10 F4: 5,000 notes made a 5.4 MB reply). A persona the
 * bundle names that maps to the imported persona itself (it was imported under that persona's
 * name) is not related to itself: that is its own note.
 */
export async function restoreRelationships(
  deps: BundleDeps,
  context: {
    bundle: Bundle;
    persona: Persona;
    mapId: (id: string) => string | undefined;
    notes: string[];
  },
): Promise<number> {
  const { bundle } = context;
  const names = new Map(bundle.personas.map((other) => [other.id, other.name]));
  const bonds = new Map<string, Bundle["relationships"][number]>();
  const missing = new Set<string>();
  let unmatched = 0;
  let repeated = 0;
  const ownNames = new Set<string>();
  for (const bond of bundle.relationships) {
    const otherId = context.mapId(bond.other_id);
    if (otherId === context.persona.id) {
      ownNames.add(names.get(bond.other_id) ?? bond.other_id);
      continue;
    }
    if (!otherId) {
      unmatched++;
      missing.add(names.get(bond.other_id) ?? bond.other_id);
      continue;
    }
    if (bonds.has(otherId)) repeated++;
    bonds.set(otherId, bond);
  }
  const slice = new TimeSlice();
  for (const [otherId, bond] of bonds) {
    await slice.pass();
    await deps.relationships.restore(context.persona.id, otherId, bond);
  }
  if (unmatched > 0) context.notes.push(unmatchedNote(unmatched, [...missing]));
  if (ownNames.size > 0) {
    const one = ownNames.size === 1;
    const shown = [...ownNames].slice(0, NOTE_NAMES_MAX).map((name) => `"${name}"`).join(", ");
    context.notes.push(
      `${one ? "The relationship" : "The relationships"} with ${shown} ${one ? "was" : "were"} ` +
        `not restored: the imported persona itself has that name here ` +
        `(${JSON.stringify(context.persona.name)}), and a persona has no relationship with itself`,
    );
  }
  if (repeated > 0) {
    context.notes.push(
      `${repeated} ${
        repeated === 1 ? "relationship repeats a persona" : "relationships repeat personas"
      } named before: the last relationship with each was restored`,
    );
  }
  return bonds.size;
}

function unmatchedNote(count: number, names: readonly string[]): string {
  const shown = names.slice(0, NOTE_NAMES_MAX).map((name) => `"${name}"`).join(", ");
  if (count === 1) {
    return `The relationship with ${shown} was not restored: no persona of that name here`;
  }
  const more = names.length > NOTE_NAMES_MAX ? ` and ${names.length - NOTE_NAMES_MAX} more` : "";
  return `${count} relationships were not restored: no persona here has the name of ${names.length} of the personas they name (${shown}${more})`;
}

/**
 * Maps the related personas of the bundle's memories with `mapId`, keeping count of those with
 * nobody of their name here (dropped), for one note ({@linkcode RelatedPersonas.note}) with the
 * count of memories and the first {@linkcode NOTE_NAMES_MAX} names (the docs promise it; attack24
 * F6: they were dropped without a word).
 */
export class RelatedPersonas {
  readonly #names: ReadonlyMap<string, string>;
  readonly #mapId: (id: string) => string | undefined;
  readonly #missing = new Set<string>();
  #memories = 0;

  constructor(bundle: Bundle, mapId: (id: string) => string | undefined) {
    this.#names = new Map(bundle.personas.map((other) => [other.id, other.name]));
    this.#mapId = mapId;
  }

  /** The ids here of `related` (one memory's), those not found left out and counted. */
  map(related: readonly string[]): string[] {
    let dropped = false;
    const ids = related.flatMap((other) => {
      const id = this.#mapId(other);
      if (id !== undefined) return [id];
      this.#missing.add(this.#names.get(other) ?? other);
      dropped = true;
      return [];
    });
    if (dropped) this.#memories++;
    return ids;
  }

  /** The note saying what was dropped, or null when nothing was. */
  note(): string | null {
    if (this.#memories === 0) return null;
    const names = [...this.#missing];
    const shown = names.slice(0, NOTE_NAMES_MAX).map((name) => `"${name}"`).join(", ");
    const more = names.length > NOTE_NAMES_MAX ? ` and ${names.length - NOTE_NAMES_MAX} more` : "";
    const memories = this.#memories === 1 ? "1 memory" : `${this.#memories} memories`;
    const which = names.length === 1
      ? "no persona of that name here"
      : "no personas of those names here";
    return `Related personas ${shown}${more} were left out of ${memories}: ${which}`;
  }
}
