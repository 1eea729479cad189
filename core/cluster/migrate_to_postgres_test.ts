/**
 * MCP tasks in `migrate-to-postgres` (the whole move: tests/migrate_to_postgres_test.ts): a
 * finished task within its time to live is read after the move as before, by its owner only; an
 * expired one is left behind; one left working reads failed on the new deployment at once.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import type { MemoryBackend } from "../memory/backend.ts";
import { loadConfig } from "../config.ts";
import { migrationsFor } from "../migrations.ts";
import { TaskStore } from "../server/task_store.ts";
import { NODE_LOST } from "../server/task_types.ts";
import { SqliteConnection, SqliteDatabase } from "../storage/mod.ts";
import { onPostgres } from "../storage/testing/databases.ts";
import { type TaskRecord, TaskRecords } from "../tasks/mod.ts";
import { migrateToPostgres } from "./migrate_to_postgres.ts";

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

function task(id: string, change: Partial<TaskRecord>): TaskRecord {
  return {
    id,
    runner: "the-sqlite-server",
    owner: null,
    status: "working",
    statusMessage: null,
    resultJson: null,
    error: null,
    createdAt: NOW - 60_000,
    updatedAt: NOW - 60_000,
    expiresAt: NOW - 60_000 + HOUR,
    ttlMs: HOUR,
    pollIntervalMs: 1_000,
    // Beaten a moment ago: only the move itself can tell that its server is gone.
    heartbeatAt: NOW - 1_000,
    cancelRequested: false,
    ...change,
  };
}

/**
 * A SQLite file as its server leaves it: `done` run and finished there by the session `s1`, the
 * other rows as given.
 */
async function sqliteWith(rows: TaskRecord[]): Promise<{ path: string; done: string }> {
  const path = await Deno.makeTempFile({ suffix: ".db" });
  const db = new SqliteDatabase(path);
  const lifetime = new AbortController();
  try {
    // A SQLite deployment's tables, its memories included.
    await db.migrate(migrationsFor(loadConfig({ env: {}, dotenv: "" })));
    const records = new TaskRecords(db);
    const tasks = new TaskStore({
      clock: new ManualClock(NOW - 60_000),
      lifetime: lifetime.signal,
      records,
    });
    const done = await tasks.start(() => Promise.resolve({ answer: 42 }), () => ({}), {
      owner: "session:s1",
    });
    await tasks.close(0);
    // Written after the store's start, whose sweep would have failed a working task at once.
    for (const row of rows) await records.insert(row);
    return { path, done: done.taskId };
  } finally {
    lifetime.abort();
    await db.close();
  }
}

onPostgres("migrate-to-postgres moves the MCP tasks a client may still read", async (db) => {
  const expired = task("expired", {
    status: "failed",
    error: { code: -32603, message: "Internal error" },
    createdAt: NOW - 2 * HOUR,
    expiresAt: NOW - HOUR,
  });
  const { path, done } = await sqliteWith([expired, task("left-working", {})]);
  const source = new SqliteConnection(path);
  try {
    await db.migrate(
      migrationsFor(
        loadConfig({
          env: {
            STORAGE: "postgres",
            DATABASE_URL: "postgres://x@127.0.0.1/x",
            MEMORY_BACKEND: "chroma",
          },
          dotenv: "",
        }),
      ),
    );
    // No memories to move: the memory backend is never reached.
    const report = await migrateToPostgres(source, {
      db,
      memory: {} as MemoryBackend,
      now: NOW,
    });
    assert.equal(report.tasks, 2, "the expired task is left behind");
    const records = new TaskRecords(db);
    assert.equal(await records.get("expired"), undefined);
    assert.equal((await records.get(done))?.status, "completed");

    // The new deployment answers for them as if it had run them.
    const lifetime = new AbortController();
    const tasks = new TaskStore({
      clock: new ManualClock(NOW),
      lifetime: lifetime.signal,
      records,
    });
    try {
      const view = await tasks.get(done, "session:s1");
      assert.deepEqual(view?.result, { answer: 42 }, "its owner reads its result after the move");
      assert.equal(await tasks.get(done, "session:s2"), undefined, "another owner still cannot");
      const stored = await records.get("left-working");
      assert.equal(stored?.heartbeatAt, 0, "its server is gone");
      const lost = await tasks.get("left-working", null);
      assert.equal(lost?.status, "failed");
      assert.deepEqual(lost?.error, { ...NODE_LOST });
    } finally {
      lifetime.abort();
      await tasks.close(0);
    }
  } finally {
    source.close();
    await Deno.remove(path);
  }
});
