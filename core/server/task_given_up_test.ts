/**
 * A task whose end was given up (review24 F1) is not `working` forever: once a table write lands
 * again its row is written `failed` (node lost, what its node answers once it forgot the task),
 * on SQLite too; until then the heartbeat beats only the tasks still running, so its row goes
 * stale and is swept as its node's loss, and its own node, once it forgot the task, reads its
 * row as lost too, never as `working`.
 */
import assert from "node:assert/strict";
import { workingTask } from "../tasks/testing/working_task.ts";
import { ManualClock } from "../clock.ts";
import { StorageUnavailable } from "../errors.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase, onSharedPostgres } from "../storage/testing/databases.ts";
import { type TaskEnd, taskMigrations, type TaskRecord, TaskRecords } from "../tasks/mod.ts";
import type { TaskEntry } from "./task_entries.ts";
import type { TaskStore } from "./task_store.ts";
import { runningIds } from "./task_table.ts";
import { eventually, taskNode, toError, withTaskTable } from "./testing/task_nodes.ts";

/** Records whose end writes are refused (StorageUnavailable) while `down`. */
class Refusing extends TaskRecords {
  down = true;
  /** A task whose writes are refused even once the others land again. */
  stuck: string | undefined;
  /** How many times each task's row was written `failed` (node lost). */
  readonly failedWrites = new Map<string, number>();
  /** While set, a `failed` write waits for it (to land other writes meanwhile). */
  gate: Promise<void> | undefined;
  override async finish(id: string, end: TaskEnd): Promise<boolean> {
    if (end.status === "failed") {
      this.failedWrites.set(id, (this.failedWrites.get(id) ?? 0) + 1);
      await this.gate;
    }
    if (this.down || id === this.stuck) throw new StorageUnavailable(10);
    return await super.finish(id, end);
  }
}

const status = async (db: Database, id: string) =>
  (await db.get<{ status: string }>("SELECT status FROM tasks WHERE id = ?", id))?.status;

const errorOf = async (db: Database, id: string) =>
  (await db.get<{ error: string | null }>("SELECT error FROM tasks WHERE id = ?", id))?.error;

/**
 * Starts two tasks whose ends are refused (records `down`, maxTasks 1): the first end is given up
 * when the second waits. Their ids.
 */
async function twoEndsOneGivenUp(tasks: TaskStore, errors: unknown[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    ids.push((await tasks.start(() => Promise.resolve({ i }), toError)).taskId);
    await eventually(() => errors.length, (n) => n > i);
  }
  await eventually(() => errors.filter((e) => /given up/.test(String(e))).length, (n) => n === 1);
  return ids;
}

Deno.test("TaskStore: a task whose end was given up never reads working to its node", async () => {
  const errors: unknown[] = [];
  let records!: Refusing;
  const clock = new ManualClock(Date.now());
  await withTaskTable(async ({ tasks, db }) => {
    const ids = await twoEndsOneGivenUp(tasks, errors);
    records.down = false;
    await eventually(() => status(db, ids[1]!), (s) => s === "completed");
    assert.equal((await tasks.get(ids[0]!, null))?.status, "completed", "held: its own end");
    // The store answers again: the given-up row is written failed, not left working (SQLite
    // has no other node to sweep it).
    await eventually(() => status(db, ids[0]!), (s) => s !== "working");
    assert.equal(await status(db, ids[0]!), "failed", "the table agrees with its node");
    assert.equal(JSON.parse((await errorOf(db, ids[0]!))!).code, -32008);
    // Once written, the id is forgotten: later landings write it no more (else every landing
    // would rewrite up to 1,024 such rows). close() waits for the writes under way.
    const after = (await tasks.start(() => Promise.resolve({ later: true }), toError)).taskId;
    await eventually(() => status(db, after), (s) => s === "completed");
    clock.advance(10 * 60_000);
    // Forgotten and past its time to live: gone like any ended task (a `working` row never was).
    assert.equal(await tasks.get(ids[0]!, null), undefined);
    await tasks.close();
    assert.equal(records.failedWrites.get(ids[0]!), 1, "written failed once");
  }, {
    recordsOf: (db) => records = new Refusing(db),
    maxTasks: 1,
    ttlMs: 60_000,
    clock,
    onError: (e) => errors.push(e),
  });
});

Deno.test("TaskStore: landings while a given-up row is being written failed do not write it again", async () => {
  const errors: unknown[] = [];
  let records!: Refusing;
  await withTaskTable(async ({ tasks, db }) => {
    const ids = await twoEndsOneGivenUp(tasks, errors);
    let open!: () => void;
    records.gate = new Promise((resolve) => open = resolve);
    records.down = false;
    await eventually(() => records.failedWrites.get(ids[0]!), (n) => n === 1);
    // The failed write is under way (held): another write lands meanwhile.
    const later = (await tasks.start(() => Promise.resolve({ later: true }), toError)).taskId;
    await eventually(() => status(db, later), (s) => s === "completed");
    // close() waits for the failed write (else it would run on a closed database): held, it
    // has not returned a while later (this never fails when close waits; it catches one that
    // does not, which returns at once).
    let closed = false;
    const closing = tasks.close().then(() => closed = true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(closed, false, "close waits for the write under way");
    open();
    await closing;
    assert.equal(await status(db, ids[0]!), "failed");
    assert.equal(records.failedWrites.get(ids[0]!), 1, "one write at a time: written once");
  }, {
    recordsOf: (db) => records = new Refusing(db),
    maxTasks: 1,
    ttlMs: 60_000,
    onError: (e) => errors.push(e),
  });
});

Deno.test("runningIds: the heartbeat's ids are the tasks still working", () => {
  const entry = (taskId: string, status: string) => ({ view: { taskId, status } }) as TaskEntry;
  const held = [entry("a", "working"), entry("b", "completed"), entry("c", "working")];
  assert.deepEqual(runningIds([...held, entry("d", "failed"), entry("e", "cancelled")]), [
    "a",
    "c",
  ]);
});

function task(id: string): TaskRecord {
  return workingTask(id, { runner: "a", at: 1_000 });
}

eachDatabase("tasks table: the heartbeat beats only the ids given", async (db) => {
  await db.migrate([...storageMigrations, ...taskMigrations]);
  const records = new TaskRecords(db);
  for (const id of ["run", "gone"]) await records.insert(task(id));
  await db.run("UPDATE tasks SET heartbeat_at = 5");
  await records.heartbeat("a", 2_000_000_000_000, ["run"]);
  const beats = await db.all<{ id: string; heartbeat_at: number | string }>(
    "SELECT id, heartbeat_at FROM tasks ORDER BY id",
  );
  const at = Object.fromEntries(beats.map((row) => [row.id, Number(row.heartbeat_at)]));
  assert.equal(at.gone, 5, "a task not running here is not beaten");
  assert.ok(at.run! > 5, "a running one is");
  await records.heartbeat("a", 2_000_000_000_000, []);
});

/** Work that reports nothing and runs until cancelled. */
function silent({ signal }: { signal: AbortSignal }): Promise<Record<string, unknown>> {
  return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
}

onSharedPostgres(
  "tasks: a given-up end's row goes stale while its node runs others, and another node fails it",
  async (dbA, dbB) => {
    await dbA.migrate([...storageMigrations, ...taskMigrations]);
    await dbB.migrate([...storageMigrations, ...taskMigrations]);
    const errors: unknown[] = [];
    const records = new Refusing(dbA);
    // Staleness goes by the database's clock: real time passes (a few stale bounds).
    const options = { tickMs: 10, heartbeatMs: 50, staleMs: 300 };
    const a = taskNode(dbA, { ...options, records, maxTasks: 2, onError: (e) => errors.push(e) });
    const b = taskNode(dbB, { ...options, sweepMs: 0 });
    try {
      const live = await a.tasks.start(silent, toError); // keeps A's heartbeat beating
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await a.tasks.start(() => Promise.resolve({ i }), toError)).taskId);
        await eventually(() => errors.length, (n) => n > i);
      }
      // maxTasks 2: two ends wait, the first is given up.
      await eventually(
        () => errors.filter((e) => /given up/.test(String(e))).length,
        (n) => n === 1,
      );
      // A cannot write the given-up row failed itself either: B's sweep does.
      records.stuck = ids[0];
      records.down = false;
      for (const id of ids.slice(1)) {
        await eventually(() => status(dbB, id), (s) => s === "completed");
      }
      // B's sweep (at its starts) fails the given-up row as node lost; the live task stays.
      await eventually(async () => {
        await b.tasks.start(() => Promise.resolve({}), toError);
        return await status(dbB, ids[0]!);
      }, (s) => s === "failed");
      assert.equal((await b.tasks.get(live.taskId, null))?.status, "working");
      assert.equal(await status(dbB, live.taskId), "working", "its heartbeat still beats");
    } finally {
      await a.stop();
      await b.stop();
    }
  },
);
