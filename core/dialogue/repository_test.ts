/**
 * A turn's read of its conversation (`DialogueRepository.findWithTurns`) on each database: the
 * dialogue with its participants in one query (a join) and the turns in a second, equal to
 * `find` whatever is left of the participants (in order, some deleted, none).
 */
import assert from "node:assert/strict";
import type { Database } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { DialogueRepository } from "./repository.ts";
import { startDialogue } from "./testing/dialogues.ts";

/** Counts the statements `db` runs. */
function counted(db: Database): () => number {
  let statements = 0;
  for (const method of ["all", "get", "run"] as const) {
    const original = db[method].bind(db) as (sql: string, ...params: unknown[]) => unknown;
    // deno-lint-ignore no-explicit-any
    (db as any)[method] = (sql: string, ...params: unknown[]) => {
      statements++;
      return original(sql, ...params);
    };
  }
  return () => statements;
}

eachDatabase("a turn reads its conversation and participants in one query", async (db) => {
  const statements = counted(db);
  // Listed in an order of their own (not by id or name): the read keeps it.
  const names = ["Cleo", "Ada", "Bo"];
  const { personas, participants: order } = await startDialogue(db, names, [2, 0, 1]);
  const repository = new DialogueRepository(db);
  await repository.addTurn({
    dialogue_id: "d1",
    turn_number: 1,
    speaker_id: order[0]!,
    speaker_name: "Bo",
    content: "Tea?",
    continue_score: 70,
    reasons: [],
    factors: {},
    response_type: "full",
    quality: 0.5,
    tokens: 3,
    created_at: 6,
  });

  const before = statements();
  const read = await repository.findWithTurns("d1");
  assert.equal(statements() - before, 2);
  assert.deepEqual(read!.dialogue, await repository.find("d1"));
  assert.deepEqual(read!.dialogue.participant_ids, order);
  assert.equal(read!.dialogue.turn_count, 1);
  assert.equal(read!.turns.length, 1);
  assert.equal(Object.hasOwn(read!.dialogue, "persona_id"), false);

  await personas.delete(order[1]!);
  const fewer = await repository.findWithTurns("d1");
  assert.deepEqual(fewer!.dialogue.participant_ids, [order[0], order[2]]);
  assert.deepEqual(fewer!.dialogue, await repository.find("d1"));

  for (const id of [order[0]!, order[2]!]) await personas.delete(id);
  const none = await repository.findWithTurns("d1");
  assert.deepEqual(none!.dialogue.participant_ids, []);
  assert.deepEqual(none!.dialogue, await repository.find("d1"));
  assert.equal(await repository.findWithTurns("d2"), undefined);
});
