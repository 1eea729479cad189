/**
 * Tasks in the `tasks` table: two task stores (two nodes) on one PostgreSQL schema, each with its
 * own connections and LISTEN, and one SQLite file across a restart. A task started on one node is
 * read, followed and cancelled through the other; a task whose node died fails after the bound.
 */
import assert from "node:assert/strict";
import { type Database, SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import { onSharedPostgres } from "../storage/testing/databases.ts";
import { taskMigrations, TaskRecords } from "../tasks/mod.ts";
import { NODE_LOST, type TaskStoreOptions } from "./task_types.ts";
import { RpcCode } from "./rpc/wire_errors.ts";
import { eventually, taskNode, toError } from "./testing/task_nodes.ts";

/** A node whose store looks at the table every 50 ms unless told otherwise. */
const node = (db: Database, options: Partial<TaskStoreOptions> = {}) =>
  taskNode(db, { tickMs: 50, ...options });

/** Waits for the work to see its abort; fails (rather than hangs) after 5 s. */
async function stoppedSoon(stopped: Promise<void>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      stopped,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error("the running node never stopped the task")),
          5_000,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Work that reports once and runs until cancelled; `stopped` resolves when it saw the abort. */
function longWork() {
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => stopped = resolve);
  const work = ({ signal, report }: { signal: AbortSignal; report(m: string): void }) =>
    new Promise<Record<string, unknown>>((_, reject) => {
      report("tick 1/100");
      signal.addEventListener("abort", () => {
        stopped();
        reject(signal.reason);
      });
    });
  return { work, stopped: done };
}

onSharedPostgres("tasks: read, followed and cancelled through another node", async (dbA, dbB) => {
  await dbA.migrate([...storageMigrations, ...taskMigrations]);
  await dbB.migrate([...storageMigrations, ...taskMigrations]);
  // The cancel flag alone (no relay) is read each tick; the relay is tried on its own below.
  const a = node(dbA, { relay: undefined });
  const b = node(dbB);
  try {
    const run = longWork();
    const task = await a.tasks.start(run.work, toError);
    const seen = await b.tasks.get(task.taskId, null);
    assert.equal(seen?.status, "working", "stored before the answer: the other node has it");
    const progress = await eventually(
      () => b.tasks.get(task.taskId, null),
      (view) => view?.statusMessage === "tick 1/100",
    );
    assert.equal(progress?.createdAt, task.createdAt);
    assert.equal(await b.tasks.cancel(task.taskId, null), true);
    await stoppedSoon(run.stopped);
    const ended = await eventually(
      () => b.tasks.get(task.taskId, null),
      (view) => view?.status === "cancelled",
    );
    assert.deepEqual(ended, await a.tasks.get(task.taskId, null), "both nodes tell the same");

    const done = await a.tasks.start(() => Promise.resolve({ answer: 42 }), toError);
    const result = await eventually(
      () => b.tasks.get(done.taskId, null),
      (view) => view?.status === "completed",
    );
    assert.deepEqual(result?.result, { answer: 42 });
    const failed = await a.tasks.start(() => Promise.reject(new Error("boom")), toError);
    const failure = await eventually(
      () => b.tasks.get(failed.taskId, null),
      (view) => view?.status === "failed",
    );
    assert.deepEqual(failure?.error, { code: -32603, message: "Error: boom" });
    assert.equal(await b.tasks.get("not-a-task", null), undefined);
    assert.equal(await b.tasks.cancel("not-a-task", null), false);
  } finally {
    await a.stop();
    await b.stop();
  }
});

onSharedPostgres(
  "tasks: an owned task is its owner's on every node; to others it is unknown",
  async (dbA, dbB) => {
    await dbA.migrate([...storageMigrations, ...taskMigrations]);
    await dbB.migrate([...storageMigrations, ...taskMigrations]);
    const a = node(dbA);
    const b = node(dbB);
    try {
      const run = longWork();
      const task = await a.tasks.start(run.work, toError, { owner: "session:s1" });
      assert.equal((await b.tasks.get(task.taskId, "session:s1"))?.status, "working");
      for (const stranger of ["session:s2", null]) {
        assert.equal(await b.tasks.get(task.taskId, stranger), undefined, `B, ${stranger}`);
        assert.equal(await b.tasks.cancel(task.taskId, stranger), false);
        assert.equal(await a.tasks.get(task.taskId, stranger), undefined, `A, ${stranger}`);
      }
      const row = await dbA.get<{ owner: string }>(
        "SELECT owner FROM tasks WHERE id = ?",
        task.taskId,
      );
      assert.ok(row && !row.owner.includes("s1"), "the owner is kept as a digest");
      // The strangers' cancels asked nothing of A: the owner's does.
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.equal((await a.tasks.get(task.taskId, "session:s1"))?.status, "working");
      assert.equal(await b.tasks.cancel(task.taskId, "session:s1"), true);
      await stoppedSoon(run.stopped);
    } finally {
      await a.stop();
      await b.stop();
    }
  },
);

onSharedPostgres(
  "tasks: a cancel through another node arrives by the relay at once",
  async (dbA, dbB) => {
    await dbA.migrate([...storageMigrations, ...taskMigrations]);
    await dbB.migrate([...storageMigrations, ...taskMigrations]);
    // A tick far away: only the relayed message can stop the work within the test's time.
    const a = node(dbA, { tickMs: 600_000 });
    const b = node(dbB, { tickMs: 600_000 });
    try {
      const run = longWork();
      const task = await a.tasks.start(run.work, toError);
      // Let A's LISTEN connection start (the relay listens from the store's creation).
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(await b.tasks.cancel(task.taskId, null), true);
      await stoppedSoon(run.stopped);
      await eventually(
        () => a.tasks.get(task.taskId, null),
        (view) => view?.status === "cancelled",
      );
    } finally {
      await a.stop();
      await b.stop();
    }
  },
);

onSharedPostgres(
  "tasks: a task whose node died fails after the heartbeat bound; expired ones go",
  async (dbA, dbB) => {
    await dbA.migrate([...storageMigrations, ...taskMigrations]);
    await dbB.migrate([...storageMigrations, ...taskMigrations]);
    const records = new TaskRecords(dbA);
    const now = Date.now();
    const stored = {
      runner: "a-dead-node",
      owner: null,
      status: "working" as const,
      statusMessage: "tick 3/100",
      resultJson: null,
      error: null,
      createdAt: now - 120_000,
      updatedAt: now - 120_000,
      expiresAt: now + 3_600_000,
      ttlMs: 3_600_000,
      pollIntervalMs: 1_000,
      cancelRequested: false,
    };
    await records.insert({ ...stored, id: "alive", heartbeatAt: now - 1_000 });
    await records.insert({ ...stored, id: "dead", heartbeatAt: now - 61_000 });
    // On PostgreSQL a new row's heartbeat is the database's now: the dead one's set back.
    await dbA.run("UPDATE tasks SET heartbeat_at = heartbeat_at - 61000 WHERE id = 'dead'");
    await records.insert({
      ...stored,
      id: "expired",
      status: "completed",
      heartbeatAt: now - 61_000,
      expiresAt: now - 1,
    });
    const b = node(dbB);
    try {
      assert.equal((await b.tasks.get("alive", null))?.status, "working");
      const dead = await b.tasks.get("dead", null);
      assert.equal(dead?.status, "failed");
      assert.deepEqual(dead?.error, NODE_LOST);
      assert.equal(await b.tasks.get("expired", null), undefined, "expired: unknown");
      // Starting a task sweeps the table: the dead task is failed for good, the expired one gone.
      await b.tasks.start(() => Promise.resolve({}), toError);
      await eventually(() => records.get("expired"), (row) => row === undefined);
      const row = await eventually(() => records.get("dead"), (row) => row?.status === "failed");
      assert.deepEqual(row?.error, NODE_LOST);
      assert.equal((await records.get("alive"))?.status, "working");
    } finally {
      await b.stop();
    }
  },
);

Deno.test("tasks on SQLite: kept in the file; after a restart a task left working reads failed", async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-tasks-" });
  try {
    const first = new SqliteDatabase(`${dir}/persona.db`);
    await first.migrate([...storageMigrations, ...taskMigrations]);
    // Its writes after the "death" fail: not this test's matter.
    const before = node(first, { onError: () => {} });
    const running = await before.tasks.start(longWork().work, toError);
    const done = await before.tasks.start(() => Promise.resolve({ kept: true }), toError);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The process dies: nothing of it runs any more (no shutdown writes either).
    await first.close();

    const second = new SqliteDatabase(`${dir}/persona.db`);
    const after = node(second);
    try {
      const lost = await after.tasks.get(running.taskId, null);
      assert.equal(lost?.status, "failed");
      assert.deepEqual(lost?.error, NODE_LOST);
      // A node lost is the server stopping (-32008, retryable), not an internal error (-32603).
      assert.equal((lost?.error as { code?: number } | undefined)?.code, RpcCode.ShuttingDown);
      assert.match(String((lost?.error as { message?: string }).message), /stopped.*run it again/);
      assert.deepEqual((await after.tasks.get(done.taskId, null))?.result, { kept: true });
    } finally {
      await after.stop();
      await second.close();
    }
    await before.stop();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
