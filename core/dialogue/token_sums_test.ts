/**
 * A dialogue's token total over turns whose `tokens` are far beyond any real answer (a legacy or
 * hand-edited file): SQLite's SUM raised "integer overflow" on them, failing every read of the
 * dialogue. The total is now each turn's count held to `COUNT_MAX`, the sum held there too, the
 * same from `find` and `findWithTurns`, on a real SQLite file and on PostgreSQL.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { ManualClock } from "../clock.ts";
import { COUNT_MAX } from "../numbers.ts";
import {
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../personas/mod.ts";
import type { SqlValue } from "../storage/database.ts";
import { type Database, SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import { onPostgres } from "../storage/testing/databases.ts";
import { dialogueMigrations } from "./migrations.ts";
import { DialogueRepository } from "./repository.ts";

/** Near int64's top: two of them overflow a 64-bit sum. */
const HUGE = 9_000_000_000_000_000_000n;

/** Creates dialogue "d1" of two new personas; returns their ids. */
async function dialogue(db: Database): Promise<string[]> {
  await db.migrate([...storageMigrations, ...personaMigrations, ...dialogueMigrations]);
  const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
  const ids = [];
  for (const name of ["Ada", "Bo"]) {
    ids.push((await personas.create(PersonaCreate.parse({ name }))).id);
  }
  await new DialogueRepository(db).create({
    id: "d1",
    topic: "tea",
    token_budget: 1000,
    tokens_used: 0,
    turn_count: 0,
    last_score: null,
    last_speaker_id: null,
    status: "active",
    end_reason: null,
    started_at: 5,
    ended_at: null,
    participant_ids: ids,
  });
  return ids;
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
