/**
 * MCP tasks on PostgreSQL expire by the database's clock (attack19 F3): a node whose clock is two
 * hours ahead or behind neither sweeps another node's ended task before its hour is up nor reads
 * it as expired, and its own tasks get their hour too; a task past its hour by the database's
 * clock is swept by any node.
 */
import assert from "node:assert/strict";
import { workingTask } from "./testing/working_task.ts";
import type { Database } from "../storage/database.ts";
import { storageMigrations } from "../storage/mod.ts";
import { onSharedPostgres } from "../storage/testing/databases.ts";
import { taskMigrations, TaskRecords } from "./mod.ts";

const HOUR = 3_600_000;
const SKEW_MS = 2 * HOUR;

/** A node whose clock is `skew` ms off the database's. */
function node(db: Database, skew: number) {
  const now = () => Date.now() + skew;
  return { now, records: new TaskRecords(db, { databaseClock: now }) };
}

/** A task started and ended at once by `on`, with an hour to live by its clock. */
async function endedTask(on: ReturnType<typeof node>, id: string): Promise<void> {
  const at = on.now();
  const task = workingTask(id, { at, ttlMs: HOUR });
  await on.records.insert(task);
  const end = {
    status: "completed",
    statusMessage: null,
    resultJson: "{}",
    error: null,
    at,
  } as const;
  assert.ok(await on.records.finish(id, end));
}

async function ids(db: Database): Promise<string[]> {
  return (await db.all<{ id: string }>("SELECT id FROM tasks ORDER BY id")).map((r) => r.id);
}

onSharedPostgres(
  "tasks table: a node whose clock is ahead or behind sweeps no task before its hour is up",
  async (db, other) => {
    await db.migrate([...storageMigrations, ...taskMigrations]);
    const right = node(db, 0);
    const ahead = node(other, SKEW_MS);
    const behind = node(other, -SKEW_MS);
    await endedTask(right, "by-right");
    await endedTask(behind, "by-behind");
    const clean = (runner: string) => ({ runner, stale: HOUR, lostError: {}, keepEnded: 10 });
    await ahead.records.sweep(ahead.now(), clean("ahead"));
    await right.records.sweep(right.now(), clean("right"));
    assert.deepEqual(await ids(db), ["by-behind", "by-right"], "both have their hour");
    // Read on the node ahead: an hour left by its own clock, so not expired.
    const read = (await ahead.records.get("by-right"))!;
    const left = read.expiresAt - ahead.now();
    assert.ok(left > HOUR - 60_000 && left <= HOUR, `${left} ms left`);

    // Past its hour by the database's clock: any node sweeps it, the one behind too.
    await db.run("UPDATE tasks SET expires_at = expires_at - ? WHERE id = ?", HOUR + 1, "by-right");
    await behind.records.sweep(behind.now(), clean("behind"));
    assert.deepEqual(await ids(db), ["by-behind"]);
  },
);
