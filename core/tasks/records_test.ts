/**
 * The `tasks` table on both dialects: an end is written once, and the cleanup keeps each
 * runner's newest `keepEnded` ended tasks, leaving other runners' rows to their time to live.
 */
import assert from "node:assert/strict";
import { workingTask } from "./testing/working_task.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { taskMigrations, type TaskRecord, TaskRecords } from "./mod.ts";

const HOUR = 3_600_000;
const LOST = { code: -32008, message: "node lost" };

async function migrated(db: Database): Promise<TaskRecords> {
  await db.migrate([...storageMigrations, ...taskMigrations]);
  return new TaskRecords(db);
}

function task(id: string, runner: string, at: number): TaskRecord {
  return workingTask(id, { runner, at, ttlMs: HOUR });
}

/** Stores `count` tasks of `runner`, ended at `from`, `from + 1`, ... (ids `prefix0`, ...). */
async function ended(
  records: TaskRecords,
  runner: string,
  prefix: string,
  from: number,
  count = 4,
) {
  for (let i = 0; i < count; i++) {
    await records.insert(task(`${prefix}${i}`, runner, from));
    await records.finish(`${prefix}${i}`, {
      status: "completed",
      statusMessage: null,
      resultJson: JSON.stringify({ i }),
      error: null,
      at: from + i,
    });
  }
}

/** Cleans up as `runner`, keeping its newest `keepEnded` (no node lost). */
function clean(runner: string, keepEnded: number) {
  return { runner, stale: 0, lostError: {}, keepEnded };
}

async function ids(db: Database): Promise<string[]> {
  const rows = await db.all<{ id: string }>("SELECT id FROM tasks ORDER BY id");
  return rows.map((row) => row.id);
}

eachDatabase("tasks table: an end is written once; a later end never overwrites it", async (db) => {
  const records = await migrated(db);
  await records.insert(task("t", "a", 1_000));
  const end = { statusMessage: null, resultJson: null, at: 2_000 };
  await records.finish("t", { ...end, status: "failed", error: { code: -32603 } });
  await records.finish("t", { ...end, status: "completed", resultJson: "{}", error: null });
  const row = await records.get("t");
  assert.equal(row?.status, "failed", "a node-lost failure is not turned into completed");
  assert.deepEqual(row?.error, { code: -32603 });
  assert.equal(row?.resultJson, null);
});

eachDatabase(
  "tasks table: the runner's end replaces another node's sweep's failure, never another end",
  async (db) => {
    const records = await migrated(db);
    await records.insert(task("t", "a", 1_000));
    // B's sweep: A's heartbeat stopped (A could not reach the database), A taken for lost.
    await records.sweep(100_000, {
      runner: "b",
      stale: Number.MAX_SAFE_INTEGER,
      lostError: LOST,
      keepEnded: 9,
    });
    assert.equal((await records.get("t"))?.status, "failed");
    const end = { statusMessage: null, at: 2_000 };
    const completed = { ...end, status: "completed", resultJson: '{"n":1}', error: null } as const;
    assert.equal(await records.finish("t", { ...completed, runner: "b" }), false, "not B's task");
    assert.equal(await records.finish("t", { ...completed, runner: "a" }), true, "A ran it");
    const row = await records.get("t");
    assert.equal(row?.status, "completed");
    assert.equal(row?.resultJson, '{"n":1}');
    assert.equal(row?.error, null);
    const failed = { ...end, status: "failed", resultJson: null, error: LOST } as const;
    assert.equal(await records.finish("t", { ...failed, runner: "a" }), false, "an end stays");
    assert.equal((await records.get("t"))?.status, "completed");
  },
);

eachDatabase(
  "tasks table: the cleanup keeps exactly a runner's newest keepEnded ended tasks",
  async (db) => {
    const records = await migrated(db);
    await ended(records, "a", "a", 10_000);
    await records.insert(task("running", "a", 9_000));
    await records.sweep(20_000, clean("a", 2));
    assert.deepEqual(await ids(db), ["a2", "a3", "running"], "two kept, not three; working kept");
    await records.sweep(20_000, clean("a", 0));
    assert.deepEqual(await ids(db), ["running"], "keepEnded 0: none ended kept");
  },
);

eachDatabase(
  "tasks table: the cleanup keeps those that ended in the same ms as the last kept",
  async (db) => {
    const records = await migrated(db);
    await ended(records, "a", "a", 10_000);
    await db.run("UPDATE tasks SET updated_at = 10002 WHERE id = 'a1'");
    await records.sweep(20_000, clean("a", 2));
    assert.deepEqual(await ids(db), ["a1", "a2", "a3"], "a1 ended with a2: the node may hold it");
  },
);

eachDatabase("tasks table: each runner trims only its own ended tasks", async (db) => {
  const records = await migrated(db);
  // B's tasks ended after A's: a trim of the whole table would leave A none.
  await ended(records, "a", "a", 10_000);
  await ended(records, "b", "b", 20_000);
  await records.sweep(30_000, clean("a", 2));
  assert.deepEqual(await ids(db), ["a2", "a3", "b0", "b1", "b2", "b3"]);
  await records.sweep(30_000, clean("b", 3));
  assert.deepEqual(await ids(db), ["a2", "a3", "b1", "b2", "b3"]);
  // Past their time to live, any runner's go (a dead node's too).
  await records.sweep(10_000 + HOUR, clean("c", 2));
  assert.deepEqual(await ids(db), ["b1", "b2", "b3"]);
});

eachDatabase(
  "tasks table: a row read without its result carries none; with it, its JSON text",
  async (db) => {
    const records = await migrated(db);
    await ended(records, "a", "a", 10_000, 1);
    const head = await records.get("a0", { result: false });
    assert.equal(head?.status, "completed");
    assert.equal(head?.resultJson, null, "not selected");
    assert.equal((await records.get("a0"))?.resultJson, '{"i":0}', "the stored text, not parsed");
    const again = {
      status: "failed",
      statusMessage: null,
      resultJson: null,
      error: null,
      at: 1,
    } as const;
    assert.equal(await records.finish("a0", again), false, "an end is written once");
  },
);
