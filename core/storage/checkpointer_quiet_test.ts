import assert from "node:assert/strict";
import {
  CHECKPOINTER_QUIET_MS,
  CHECKPOINTER_START_CHECK_WRITES,
  CHECKPOINTER_START_FRAMES,
  CHECKPOINTER_START_NOW_FRAMES,
} from "./checkpointer_start.ts";
import { type QuietWatch, whenQuiet } from "./quiet_moment.ts";
import { SqliteDatabase } from "./sqlite.ts";
import type { WalCheckpointer } from "./wal_checkpointer.ts";

const ROWS = "CREATE TABLE items (id INTEGER PRIMARY KEY, body BLOB NOT NULL)";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** Pages in the WAL of `db` (a frame is a page and a 24-byte header, after a 32-byte header). */
function walFrames(db: SqliteDatabase, path: string): number {
  const pageSize = db.connection.get<{ page_size: number }>("PRAGMA page_size")!.page_size;
  return Math.floor((Deno.statSync(`${path}-wal`).size - 32) / (pageSize + 24));
}

/** The tables, then `rows` large rows (a WAL page or more each) in one statement. */
async function rowsInOneWrite(db: SqliteDatabase, rows: number): Promise<void> {
  await db.exec(ROWS);
  await db.exec("CREATE TABLE counter (n INTEGER NOT NULL)");
  await db.run("INSERT INTO counter (n) VALUES (0)");
  await db.exec(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
     INSERT INTO items (body) SELECT randomblob(4000) FROM n`,
  );
}

/**
 * Small awaited writes (a page each) up to the write count at which the writes look at the WAL,
 * calling `before` before each. Awaited writes run on microtasks alone: no timer fires among them.
 */
async function writesUpToTheLook(db: SqliteDatabase, before = () => {}): Promise<void> {
  while (db.connection.writes < CHECKPOINTER_START_CHECK_WRITES) {
    before();
    await db.run("UPDATE counter SET n = n + 1");
  }
}

/**
 * A file whose WAL the next look finds past CHECKPOINTER_START_FRAMES but short of
 * CHECKPOINTER_START_NOW_FRAMES: large rows in one statement, then small awaited writes (a
 * page each) up to the write count at which the writes look at the WAL.
 */
async function walBetweenThresholds(db: SqliteDatabase, path: string): Promise<void> {
  await rowsInOneWrite(db, CHECKPOINTER_START_FRAMES / 2);
  await writesUpToTheLook(db);
  const frames = walFrames(db, path);
  assert.ok(
    frames >= CHECKPOINTER_START_FRAMES && frames < CHECKPOINTER_START_NOW_FRAMES,
    `the WAL holds ${frames} pages`,
  );
}

Deno.test("past CHECKPOINTER_START_FRAMES the worker starts at a quiet moment, not in the write", async () => {
  // Starting it holds the event loop for 12-35 ms: not in the middle of a burst of requests.
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  // The quiet moment comes when this test says (the process runs other tests beside it).
  const watches: QuietWatch[] = [];
  const db = new SqliteDatabase(path, {
    checkpointInWorker: true,
    whenQuiet: (watch) => {
      watches.push(watch);
      return () => {};
    },
  });
  try {
    await walBetweenThresholds(db, path);
    assert.equal(db.checkpointer, null, "the write that looked did not start it");
    assert.equal(watches.length, 1, "it waits for a quiet moment");
    const watch = watches[0]!;
    assert.equal(watch.quietMs, CHECKPOINTER_QUIET_MS);
    const before = watch.activity();
    db.connection.get("SELECT 1");
    assert.notEqual(watch.activity(), before, "a statement is activity");
    await sleep(2 * CHECKPOINTER_QUIET_MS);
    assert.equal(db.checkpointer, null, "not before the quiet moment");
    // The next look, the WAL still between the thresholds, waits for the same quiet moment.
    const nextLook = 2 * CHECKPOINTER_START_CHECK_WRITES + 1;
    while (db.connection.writes < nextLook) await db.run("UPDATE counter SET n = n + 1");
    assert.ok(walFrames(db, path) < CHECKPOINTER_START_NOW_FRAMES, "still short of starting now");
    assert.equal(watches.length, 1, "one watch however many looks find the WAL between them");
    watch.onQuiet();
    const started = db.checkpointer as WalCheckpointer | null;
    assert.ok(started, "started at the quiet moment");
    assert.ok((await started.checkpoint()).checkpointed > 0);
  } finally {
    await db.close();
  }
  await Deno.remove(folder, { recursive: true });
});

Deno.test("while statements keep running the worker waits; once they pause it starts", async () => {
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  // Statements alone decide: the other tests in this process make its timers late and its CPU
  // busy (quiet_moment_test.ts tests those two).
  const db = new SqliteDatabase(path, {
    checkpointInWorker: true,
    whenQuiet: (watch) => whenQuiet({ ...watch, lateMs: Infinity, cpuShare: Infinity }),
  });
  // A read every few milliseconds, as requests would: never CHECKPOINTER_QUIET_MS of quiet.
  const busy = setInterval(() => db.connection.get("SELECT 1"), CHECKPOINTER_QUIET_MS / 4);
  try {
    await walBetweenThresholds(db, path);
    await sleep(20 * CHECKPOINTER_QUIET_MS);
    assert.equal(db.checkpointer, null, "no quiet moment yet");
    clearInterval(busy);
    await until(() => db.checkpointer !== null, "the worker's start once quiet");
  } finally {
    clearInterval(busy);
    await db.close();
  }
  await Deno.remove(folder, { recursive: true });
});

Deno.test("a closed database never starts a worker it was waiting to start", async () => {
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  let starts = 0;
  const db = new SqliteDatabase(path, {
    checkpointInWorker: true,
    startCheckpointer: () => {
      starts++;
      throw new Error("not expected");
    },
  });
  await walBetweenThresholds(db, path);
  await db.close();
  await sleep(5 * CHECKPOINTER_QUIET_MS);
  assert.equal(starts, 0);
  await Deno.remove(folder, { recursive: true });
});

Deno.test("past CHECKPOINTER_START_NOW_FRAMES the worker starts at the next look, not in the write that made them", async () => {
  // The README's wording (review38 F5): the WAL is looked at every CHECKPOINTER_START_CHECK_WRITES
  // writes (or each second), so a server that never pauses starts the worker past 1,000 pages.
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  const db = new SqliteDatabase(path, { checkpointInWorker: true });
  try {
    // A page a row: past CHECKPOINTER_START_NOW_FRAMES in one statement, no look among them.
    await rowsInOneWrite(db, Math.ceil(CHECKPOINTER_START_NOW_FRAMES * 1.2));
    const frames = walFrames(db, path);
    assert.ok(frames > CHECKPOINTER_START_NOW_FRAMES, `the WAL holds ${frames} pages`);
    assert.ok(db.connection.writes < CHECKPOINTER_START_CHECK_WRITES);
    assert.equal(db.checkpointer, null, "the write that took the WAL past it did not look");
    // No timer fires among awaited writes: only the writes' own look can start it.
    await writesUpToTheLook(db, () => {
      assert.equal(db.checkpointer, null, `not before the look (${db.connection.writes} writes)`);
    });
    assert.ok(db.checkpointer, "the look at CHECKPOINTER_START_CHECK_WRITES writes started it");
  } finally {
    await db.close();
  }
  await Deno.remove(folder, { recursive: true });
});
