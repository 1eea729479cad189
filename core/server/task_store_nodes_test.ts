/**
 * A task store's life with the `tasks` table: each node's finished tasks stay readable from the
 * others as long as it keeps them, a silent task's heartbeat keeps it alive elsewhere, and
 * `close()` lets cancelled tasks end and waits for their writes.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { type Database, SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import { onSharedPostgres } from "../storage/testing/databases.ts";
import { type TaskEnd, taskMigrations, TaskRecords } from "../tasks/mod.ts";
import { taskNode, toError } from "./testing/task_nodes.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Work that reports nothing and runs until cancelled. */
function silent({ signal }: { signal: AbortSignal }): Promise<Record<string, unknown>> {
  return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
}

onSharedPostgres(
  "tasks: a node's finished tasks stay readable on another node while it keeps them",
  async (dbA, dbB) => {
    await dbA.migrate([...storageMigrations, ...taskMigrations]);
    await dbB.migrate([...storageMigrations, ...taskMigrations]);
    // Each keeps 3 finished; B cleans the table at each start (sweepMs 0).
    const a = taskNode(dbA, { maxFinished: 3, sweepMs: 0 });
    const b = taskNode(dbB, { maxFinished: 3, sweepMs: 0 });
    try {
      const first = await a.tasks.start(() => Promise.resolve({ n: 1 }), toError);
      for (const n of [2, 3]) await a.tasks.start(() => Promise.resolve({ n }), toError);
      await sleep(100);
      for (const n of [4, 5]) {
        await b.tasks.start(() => Promise.resolve({ n }), toError);
        await sleep(100);
      }
      // Five ended in the table, A's three and B's two: B's cleanup leaves A's alone.
      for (const store of [a.tasks, b.tasks]) {
        const view = await store.get(first.taskId, null);
        assert.equal(view?.status, "completed");
        assert.deepEqual(view?.result, { n: 1 });
      }
    } finally {
      await a.stop();
      await b.stop();
    }
  },
);

onSharedPostgres(
  "tasks: a silent task stays working on another node: its heartbeat is written",
  async (dbA, dbB) => {
    await dbA.migrate([...storageMigrations, ...taskMigrations]);
    await dbB.migrate([...storageMigrations, ...taskMigrations]);
    // Staleness is judged by the database's clock: real time passes (three stale bounds).
    const options = { tickMs: 10, heartbeatMs: 50, staleMs: 300 };
    const a = taskNode(dbA, options);
    const b = taskNode(dbB, { ...options, sweepMs: 0 });
    try {
      const task = await a.tasks.start(silent, toError);
      for (let i = 0; i < 6; i++) {
        await sleep(150);
        assert.equal((await b.tasks.get(task.taskId, null))?.status, "working");
      }
      await b.tasks.start(() => Promise.resolve({}), toError); // B sweeps the table
      await sleep(100);
      assert.equal((await b.tasks.get(task.taskId, null))?.status, "working");
    } finally {
      await a.stop();
      await b.stop();
    }
  },
);

onSharedPostgres(
  "tasks: liveness goes by the database's clock: nodes whose clocks disagree by minutes agree",
  async (dbA, dbB) => {
    await dbA.migrate([...storageMigrations, ...taskMigrations]);
    await dbB.migrate([...storageMigrations, ...taskMigrations]);
    // A's clock is ten minutes behind, B's ten minutes ahead (review19: B read A's tasks failed).
    const behind = new ManualClock(Date.now() - 600_000);
    const ahead = new ManualClock(Date.now() + 600_000);
    const options = { tickMs: 10, heartbeatMs: 50, staleMs: 60_000 };
    const a = taskNode(dbA, { ...options, clock: behind });
    const b = taskNode(dbB, { ...options, clock: ahead, sweepMs: 0 });
    try {
      const task = await a.tasks.start(silent, toError);
      assert.equal((await b.tasks.get(task.taskId, null))?.status, "working");
      // B's sweep does not fail it either (it would for good).
      await b.tasks.start(() => Promise.resolve({}), toError);
      await sleep(100);
      const row = await new TaskRecords(dbB).get(task.taskId);
      assert.equal(row?.status, "working");
      assert.equal((await b.tasks.get(task.taskId, null))?.status, "working");
      // And A, whose clock is behind, still reads a dead node's task as failed.
      await new TaskRecords(dbA).insert({
        ...row!,
        id: "dead",
        runner: "a-dead-node",
      });
      await dbA.run("UPDATE tasks SET heartbeat_at = heartbeat_at - 61000 WHERE id = 'dead'");
      assert.equal((await a.tasks.get("dead", null))?.status, "failed");
    } finally {
      await a.stop();
      await b.stop();
    }
  },
);

/** Records whose ends take `delayMs` to be written, and say which were. */
class SlowEnds extends TaskRecords {
  readonly ended = new Map<string, string>();
  constructor(db: Database, readonly delayMs: number) {
    super(db);
  }
  override async finish(id: string, end: TaskEnd): Promise<boolean> {
    await sleep(this.delayMs);
    const written = await super.finish(id, end);
    this.ended.set(id, end.status);
    return written;
  }
}

async function withSqlite(fn: (db: Database) => Promise<void>): Promise<void> {
  const db = new SqliteDatabase(":memory:");
  try {
    await db.migrate([...storageMigrations, ...taskMigrations]);
    await fn(db);
  } finally {
    await db.close();
  }
}

Deno.test("TaskStore.close waits for the table writes under way", async () => {
  await withSqlite(async (db) => {
    const records = new SlowEnds(db, 100);
    const { tasks, stop } = taskNode(db, { records });
    const task = await tasks.start(() => Promise.resolve({ done: true }), toError);
    await sleep(0);
    await stop();
    assert.equal(records.ended.get(task.taskId), "completed");
    assert.equal((await records.get(task.taskId))?.status, "completed");
  });
});

Deno.test("TaskStore.close gives tasks cancelled by the server's stop time to end and be written", async () => {
  await withSqlite(async (db) => {
    const records = new SlowEnds(db, 0);
    const { tasks, stop } = taskNode(db, { records });
    // Work that takes a while to wind down once cancelled.
    const task = await tasks.start(
      ({ signal }) =>
        new Promise((_, reject) =>
          signal.addEventListener("abort", () => setTimeout(() => reject(signal.reason), 100))
        ),
      toError,
    );
    await stop();
    assert.equal((await records.get(task.taskId))?.status, "cancelled");
  });
});
