/**
 * A task that ends while its node cannot reach PostgreSQL (attack16 F3): its end is written once
 * the database answers again, so that every node answers the end the task had, even when another
 * node's sweep marked it `failed` (node lost) in between. Two nodes on one real PostgreSQL schema;
 * node A reaches it through a TCP proxy the test takes down and brings back up.
 */
import assert from "node:assert/strict";
import { type Database, PostgresDatabase, storageMigrations } from "../storage/mod.ts";
import { POSTGRES_SKIPPED, testSchema } from "../storage/testing/databases.ts";
import { taskMigrations, TaskRecords } from "../tasks/mod.ts";
import type { TaskStore } from "./task_store.ts";
import { NODE_LOST } from "./task_types.ts";
import { RpcCode } from "./rpc/wire_errors.ts";
import { eventually, taskNode, toError } from "./testing/task_nodes.ts";
import { type TcpProxy, tcpProxy } from "../storage/testing/tcp_proxy.ts";

/** What each test gets: A (through the proxy) and B (direct), their stores and A's failures. */
interface Outage {
  proxy: TcpProxy;
  a: TaskStore;
  b: TaskStore;
  dbB: Database;
  /** The failed writes A reported. */
  errors: unknown[];
}

/** Runs `test` with two nodes on a fresh schema, A behind a proxy; cleans everything up. */
function withOutage(name: string, test: (outage: Outage) => Promise<void>): void {
  Deno.test({ name: `${name} [postgres]`, ignore: POSTGRES_SKIPPED }, async () => {
    const schema = await testSchema();
    const proxy = tcpProxy(schema.url);
    const open = (url: string, poolSize: number) =>
      new PostgresDatabase({
        url,
        poolSize,
        idleTimeoutS: 0,
        connectTimeoutS: 10,
        outageRetryMs: 50,
      });
    // One connection for A, open before the outage: the cut never lands mid-handshake (see the
    // report of fix71: such a cut can leave postgres.js with an unhandled rejection).
    const dbA = open(proxy.url, 1);
    const dbB = open(schema.url, 2);
    await dbB.migrate([...storageMigrations, ...taskMigrations]);
    const errors: unknown[] = [];
    // No relay: its LISTEN connection would reconnect through the proxy on its own schedule.
    const a = taskNode(dbA, { tickMs: 50, relay: undefined, onError: (e) => errors.push(e) });
    const b = taskNode(dbB, { tickMs: 50, relay: undefined });
    try {
      await test({ proxy, a: a.tasks, b: b.tasks, dbB, errors });
    } finally {
      proxy.set("pass");
      await a.stop();
      await b.stop();
      proxy.stop();
      await dbA.close().catch(() => {});
      await dbB.close();
      await schema.drop();
    }
  });
}

/** Starts on `a` a task that completes with `result` once `finish()` is called. */
async function gatedTask(a: TaskStore, result: Record<string, unknown>) {
  const gate = Promise.withResolvers<void>();
  const task = await a.start(async () => (await gate.promise, result), toError);
  return { taskId: task.taskId, finish: () => gate.resolve() };
}

/** Ends the gated task while A cannot reach the database; resolves once A's end write failed. */
async function endDuringOutage(outage: Outage, finish: () => void, taskId: string) {
  outage.proxy.set("down");
  finish();
  await eventually(() => outage.errors.length, (n) => n > 0, 15_000);
  const here = await outage.a.get(taskId, null);
  assert.equal(here?.status, "completed", "the owner answers the end from memory");
}

const status = async (db: Database, id: string) =>
  (await db.get<{ status: string }>("SELECT status FROM tasks WHERE id = ?", id))?.status;

withOutage(
  "tasks: an end written during an outage lands once the database is back, on every node",
  async (outage) => {
    const { a, b, dbB, proxy } = outage;
    const { taskId, finish } = await gatedTask(a, { answer: 42 });
    await endDuringOutage(outage, finish, taskId);
    assert.equal(await status(dbB, taskId), "working", "the row could not take the end yet");
    assert.equal((await b.get(taskId, null))?.status, "working");

    proxy.set("pass");
    const seen = await eventually(
      () => b.get(taskId, null),
      (view) => view?.status === "completed",
      15_000,
    );
    assert.deepEqual(seen?.result, { answer: 42 }, "the result was written with the end");
    assert.equal(await status(dbB, taskId), "completed");
    assert.deepEqual(seen, await a.get(taskId, null), "both nodes tell the same");
  },
);

withOutage(
  "tasks: the owner's end replaces another node's sweep that marked the task lost meanwhile",
  async (outage) => {
    const { a, b, dbB, proxy } = outage;
    const { taskId, finish } = await gatedTask(a, { answer: 7 });
    await endDuringOutage(outage, finish, taskId);
    // A's heartbeat is a minute old (the outage lasted), and B's sweep fails the task.
    await dbB.run("UPDATE tasks SET heartbeat_at = heartbeat_at - 61000 WHERE id = ?", taskId);
    await new TaskRecords(dbB).sweep(Date.now(), {
      runner: "node-b",
      stale: { ms: 60_000 },
      lostError: { ...NODE_LOST },
      keepEnded: 256,
    });
    assert.equal(await status(dbB, taskId), "failed", "swept as lost");
    assert.equal((await b.get(taskId, null))?.error?.code, RpcCode.ShuttingDown);

    proxy.set("pass");
    const seen = await eventually(
      () => b.get(taskId, null),
      (view) => view?.status === "completed",
      15_000,
    );
    assert.deepEqual(seen?.result, { answer: 7 }, "the node that ran it has the last word");
    assert.equal(seen?.error, undefined);
    assert.deepEqual(seen, await a.get(taskId, null), "both nodes tell the same");
  },
);
