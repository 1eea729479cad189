/**
 * A dialogue to test on: the migrations run, a persona per name, and dialogue "d1" (topic "tea",
 * budget 1000, active, started at 5) between them, written by the repository.
 *
 * @module
 */
import { personaMigrations, type PersonaService } from "../../personas/mod.ts";
import { createdNamed, personaServiceOn } from "../../personas/testing/stored_personas.ts";
import { type Database, storageMigrations } from "../../storage/mod.ts";
import { dialogue } from "../../storage/testing/contract_fixture.ts";
import { dialogueMigrations } from "../migrations.ts";
import { DialogueRepository } from "../repository.ts";

/** What {@linkcode startDialogue} made. */
export interface StartedDialogue {
  /** The persona service it created them with (to delete some). */
  personas: PersonaService;
  /** The dialogue's participant ids, in its order. */
  participants: string[];
}

/**
 * Migrates `db`, creates a persona for each of `names`, and dialogue "d1" between them, listed in
 * `order` (indexes into `names`; by default as given).
 */
export async function startDialogue(
  db: Database,
  names: string[],
  order: number[] = names.map((_, i) => i),
): Promise<StartedDialogue> {
  await db.migrate([...storageMigrations, ...personaMigrations, ...dialogueMigrations]);
  const personas = personaServiceOn(db);
  const ids = (await createdNamed(personas, names)).map((persona) => persona.id);
  const participants = order.map((i) => ids[i]!);
  await new DialogueRepository(db).create({
    ...dialogue("d1", participants, 5),
    token_budget: 1000,
  });
  return { personas, participants };
}
