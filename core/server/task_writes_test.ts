/**
 * {@linkcode TaskWrites} on a real SQLite `tasks` table whose records refuse ends while `down`
 * (review24's surviving mutations M1–M4, M7–M10): the backoff schedule, an end tried at once when
 * another write lands, given up at its time to live or past `maxPending` without waiting for its
 * timer, and its failure logged once. The waits are an hour long where a test needs the wake, so
 * that only the behaviour under test can pass it (no timed assertion).
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { StorageUnavailable } from "../errors.ts";
import { type Database, SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import { taskMigrations } from "../tasks/mod.ts";
import type { TaskEntry } from "./task_entries.ts";
import { startingTask } from "./task_view.ts";
import {
  END_MAX_RETRY_MS,
  END_RETRY_MS,
  retryDelay,
  TaskWrites,
  type TaskWritesOptions,
} from "./task_writes.ts";
import { eventually, givenUpCount, RefusingRecords, storedStatus } from "./testing/task_nodes.ts";

const HOUR = 3_600_000;

interface Bench {
  db: Database;
  records: RefusingRecords;
  writes: TaskWrites;
  errors: unknown[];
  clock: ManualClock;
  /** A task stored as working now, its entry already `completed` in memory (`ttlMs`: an hour). */
  task(id: string, ttlMs?: number): Promise<TaskEntry>;
}

async function withWrites(
  test: (bench: Bench) => Promise<void>,
  options: Partial<TaskWritesOptions> = {},
): Promise<void> {
  const db = new SqliteDatabase(":memory:");
  await db.migrate([...storageMigrations, ...taskMigrations]);
  const records = new RefusingRecords(db);
  const errors: unknown[] = [];
  const clock = new ManualClock(Date.now());
  const writes = new TaskWrites({
    records,
    runner: "me",
    clock,
    onError: (error) => errors.push(error),
    ...options,
  });
  const task = async (taskId: string, ttlMs = HOUR) => {
    const now = clock.now();
    const start = { taskId, runner: "me", owner: null, now, ttlMs, pollIntervalMs: 1_000 };
    const { view, record } = startingTask(start);
    await records.insert(record);
    return {
      view: { ...view, status: "completed" },
      resultJson: undefined,
      resultBytes: 0,
      stored: false,
      writing: false,
      owner: null,
      controller: new AbortController(),
      expiresAt: now + ttlMs,
      unsaved: false,
      writes: Promise.resolve(),
    } as TaskEntry;
  };
  try {
    await test({ db, records, writes, errors, clock, task });
  } finally {
    writes.close();
    await writes.settled();
    await db.close();
  }
}

Deno.test("retryDelay: 250 ms doubling, at most 2 s; the circuit's hint within the cap", () => {
  const down = new Error("connection refused");
  assert.equal(END_RETRY_MS, 250);
  assert.equal(END_MAX_RETRY_MS, 2_000);
  const delays = [0, 1, 2, 3, 4, 30].map((attempt) => retryDelay(attempt, down));
  assert.deepEqual(delays, [250, 500, 1_000, 2_000, 2_000, 2_000]);
  assert.equal(retryDelay(0, new StorageUnavailable(1_500)), 1_500, "the circuit says when");
  assert.equal(retryDelay(0, new StorageUnavailable(10_000)), 2_000, "within the cap");
  assert.equal(retryDelay(2, down, { retryMs: 10, maxRetryMs: 1_000 }), 40);
});

Deno.test("TaskWrites: a waiting end is tried as soon as another write lands (M8)", async () => {
  await withWrites(async ({ db, records, writes, errors, task }) => {
    const first = await task("first");
    writes.end(first, '{"n":1}', () => {});
    await eventually(() => errors.length, (n) => n === 1);
    records.down = false;
    // Its next try is an hour away: only the landing of another write wakes it.
    const other = await task("other");
    writes.queue(other, (r) => r.progress("other", "busy", Date.now()));
    await eventually(() => storedStatus(db, "first"), (s) => s === "completed");
    assert.equal(writes.pending, 0);
  }, { retryMs: HOUR, maxRetryMs: HOUR });
});

Deno.test("TaskWrites: an end is given up once its task's time to live passed (M9)", async () => {
  await withWrites(async ({ db, records, writes, errors, clock, task }) => {
    const entry = await task("t", 60_000);
    writes.end(entry, null, () => {});
    await eventually(() => errors.length, (n) => n === 1);
    clock.advance(61_000);
    await eventually(() => givenUpCount(errors), (n) => n === 1);
    assert.equal(writes.pending, 0, "no longer waiting");
    assert.equal(records.down, true, "given up while the table still refuses");
    assert.equal(await storedStatus(db, "t"), "working");
  }, { retryMs: 5, maxRetryMs: 5 });
});

Deno.test("TaskWrites: an end's failure is logged once, not once per try (M10)", async () => {
  await withWrites(async ({ db, records, writes, errors, task }) => {
    writes.end(await task("t"), null, () => {});
    await eventually(() => records.tries, (n) => n >= 3);
    records.down = false;
    await eventually(() => storedStatus(db, "t"), (s) => s === "completed");
    assert.equal(errors.length, 1);
  }, { retryMs: 1, maxRetryMs: 1 });
});

Deno.test("TaskWrites: past maxPending the oldest end is given up at once (M7)", async () => {
  await withWrites(async ({ writes, errors, task }) => {
    writes.end(await task("a"), null, () => {});
    await eventually(() => errors.length, (n) => n === 1);
    writes.end(await task("b"), null, () => {});
    // Both wait an hour for their next try: only the wake gives the first up now.
    await eventually(() => givenUpCount(errors), (n) => n === 1);
    assert.match(
      String(errors.find((e) => /given up/.test(String(e)))),
      /after 2 tries/,
      "woken: one more try, then given up",
    );
    assert.equal(writes.pending, 1);
  }, { retryMs: HOUR, maxRetryMs: HOUR, maxPending: 1 });
});
