/**
 * A dialogue's token total over turns whose `tokens` are far beyond any real answer (a legacy or
 * hand-edited file): SQLite's SUM raised "integer overflow" on them, failing every read of the
 * dialogue. The total is now each turn's count held to `COUNT_MAX`, the sum held there too, the
 * same from `find` and `findWithTurns`, on a real SQLite file and on PostgreSQL. A negative count
 * (hand-edited) counts as 0 in both.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { COUNT_MAX } from "../numbers.ts";
import type { SqlValue } from "../storage/database.ts";
import { type Database, SqliteDatabase } from "../storage/mod.ts";
import { eachDatabase, onPostgres } from "../storage/testing/databases.ts";
import { DialogueRepository } from "./repository.ts";
import { startDialogue } from "./testing/dialogues.ts";

/** Near int64's top: two of them overflow a 64-bit sum. */
const HUGE = 9_000_000_000_000_000_000n;

/** Creates dialogue "d1" of two new personas; returns their ids. */
async function dialogue(db: Database): Promise<string[]> {
  return (await startDialogue(db, ["Ada", "Bo"])).participants;
}

/** A turn row of "d1" with `tokens`, as SQL and its parameters (written outside the repository). */
function turnRow(number: number, speaker: string, tokens: bigint | number): SqlValue[] {
  return ["d1", number, speaker, "Ada", "Tea?", 70, "[]", "{}", "full", 0.5, tokens, 6 + number];
}

const INSERT = `INSERT INTO dialogue_turns (dialogue_id, turn_number, speaker_id, speaker_name,
  content, continue_score, reasons, factors, response_type, quality, tokens, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** `find` and `findWithTurns` agree, with the total held to COUNT_MAX. */
async function assertHeld(db: Database): Promise<void> {
  const repository = new DialogueRepository(db);
  const found = await repository.find("d1");
  assert.equal(found!.tokens_used, COUNT_MAX);
  assert.equal(found!.turn_count, 3);
  const read = await repository.findWithTurns("d1");
  assert.deepEqual(read!.dialogue, found);
}

Deno.test("a legacy SQLite file with huge turn token counts still reads its dialogue", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "persona.db");
  try {
    let db = new SqliteDatabase(path);
    const [ada] = await dialogue(db);
    await db.close();
    // Edited by hand (or written before counts were bounded), outside the server.
    const raw = new DatabaseSync(path);
    const insert = raw.prepare(INSERT);
    insert.run(...(turnRow(1, ada!, HUGE) as never[]));
    insert.run(...(turnRow(2, ada!, HUGE) as never[]));
    insert.run(...(turnRow(3, ada!, 7) as never[]));
    raw.close();
    db = new SqliteDatabase(path);
    try {
      await assertHeld(db);
    } finally {
      await db.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

onPostgres("huge turn token counts read as a total held to COUNT_MAX", async (db) => {
  const [ada] = await dialogue(db);
  await db.run(INSERT, ...turnRow(1, ada!, HUGE));
  await db.run(INSERT, ...turnRow(2, ada!, HUGE));
  await db.run(INSERT, ...turnRow(3, ada!, 7));
  await assertHeld(db);
});

eachDatabase("a negative turn token count counts as 0 in find and findWithTurns", async (db) => {
  const [ada] = await dialogue(db);
  await db.run(INSERT, ...turnRow(1, ada!, -5));
  await db.run(INSERT, ...turnRow(2, ada!, 7));
  const repository = new DialogueRepository(db);
  assert.equal((await repository.find("d1"))!.tokens_used, 7);
  assert.equal((await repository.findWithTurns("d1"))!.dialogue.tokens_used, 7);
});
