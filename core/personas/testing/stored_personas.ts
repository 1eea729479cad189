/**
 * Personas stored in a real database for tests of what builds on them (storage, lore, memory,
 * dialogue fixtures): the persona service over the database, and personas created by name.
 *
 * @module
 */
import { type Clock, ManualClock } from "../../clock.ts";
import type { Database } from "../../storage/database.ts";
import { PersonaRepository } from "../repository.ts";
import { type Persona, PersonaCreate } from "../schema.ts";
import { PersonaService } from "../service.ts";

/** The persona service over `db` (migrated for personas), its times from `clock`. */
export function personaServiceOn(db: Database, clock: Clock = new ManualClock()): PersonaService {
  return new PersonaService(new PersonaRepository(db), clock);
}

/** A persona created by `personas` for each of `names`, with nothing else set, in order. */
export async function createdNamed(
  personas: PersonaService,
  names: readonly string[],
): Promise<Persona[]> {
  const created: Persona[] = [];
  for (const name of names) created.push(await personas.create(PersonaCreate.parse({ name })));
  return created;
}
