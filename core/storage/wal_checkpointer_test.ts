import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import type { Config } from "../config.ts";
import { openDatabase } from "./mod.ts";
import {
  CHECKPOINTER_START_CHECK_MS,
  CHECKPOINTER_START_FILE_BYTES,
  CHECKPOINTER_START_FRAMES,
  SqliteDatabase,
} from "./sqlite.ts";
import { WAL_SIZE_LIMIT_BYTES } from "./sqlite_connection.ts";
import type { QuietWatch } from "./quiet_moment.ts";
import { CHECKPOINTER_START_NOW_FRAMES } from "./checkpointer_start.ts";
import { CHECKPOINT_FRAMES, CHECKPOINT_INTERVAL_MS, WalCheckpointer } from "./wal_checkpointer.ts";

const ROWS = "CREATE TABLE items (id INTEGER PRIMARY KEY, body BLOB NOT NULL)";

/** Rows of `items` in the database file alone (a copy without its WAL): what was checkpointed. */
function rowsInMainFile(path: string, folder: string): number {
  const copy = `${folder}/copy.db`;
  Deno.copyFileSync(path, copy);
  const db = new DatabaseSync(copy);
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'items'").get();
    return table
      ? Number((db.prepare("SELECT COUNT(*) AS n FROM items").get() as { n: number }).n)
      : 0;
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A quiet moment found at once (at the next turn of the event loop). */
function quietAtOnce(watch: QuietWatch): () => void {
  const timer = setTimeout(() => watch.onQuiet(), 0);
  return () => clearTimeout(timer);
}

Deno.test("the server's connection leaves checkpoints to the worker, which copies the WAL into the file", async () => {
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  const db = new SqliteDatabase(path, { checkpointInWorker: true });
  try {
    const setting = db.connection.get<{ wal_autocheckpoint: number }>("PRAGMA wal_autocheckpoint");
    // 8,000 pages, as core/storage/README.md says (by value: BACKSTOP_CHECKPOINT_FRAMES pinned).
    assert.equal(
      setting?.wal_autocheckpoint,
      8_000,
      "commits checkpoint on this thread only past the backstop",
    );
    await db.exec(ROWS);
    // 1,500 pages of rows: past SQLite's automatic checkpoint (1,000 pages), had it been on.
    for (let i = 0; i < 1500; i++) {
      await db.run("INSERT INTO items (body) VALUES (randomblob(4000))");
    }
    assert.ok(Deno.statSync(`${path}-wal`).size > 0, "the commits went to the WAL");
    // The worker looks every CHECKPOINT_INTERVAL_MS and checkpoints past CHECKPOINT_FRAMES pages.
    // It may have run before the last rows (fewer than the threshold) were written, and a first
    // PASSIVE one may copy nothing (this connection still reading): the next look copies then.
    const copied = () => {
      try {
        return rowsInMainFile(path, folder) > 0;
      } catch {
        return false; // copied in the middle of a checkpoint
      }
    };
    await until(
      () => (db.checkpointer?.checkpoints ?? 0) > 0 && copied(),
      "the worker's own checkpoint copying rows",
    );
    const asked = await db.checkpointer!.checkpoint();
    assert.equal(asked.busy, 0);
    assert.equal(asked.checkpointed, asked.log, "every frame is in the database file");
    assert.equal(rowsInMainFile(path, folder), 1500);
  } finally {
    await db.close();
  }
  assert.throws(
    () => Deno.statSync(`${path}-wal`),
    "closed last, the server's connection removed the WAL",
  );
  const reopened = new SqliteDatabase(path);
  assert.equal((await reopened.get<{ n: number }>("SELECT COUNT(*) AS n FROM items"))?.n, 1500);
  await reopened.close();
  await Deno.remove(folder, { recursive: true });
});

Deno.test("without the worker, commits below 1,000 WAL pages leave the database file as it was", async () => {
  // The control of the test above: what the worker copies is not copied by anything else.
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  const db = new SqliteDatabase(path);
  try {
    const setting = db.connection.get<{ wal_autocheckpoint: number }>("PRAGMA wal_autocheckpoint");
    assert.equal(setting?.wal_autocheckpoint, 1000);
    await db.exec(ROWS);
    for (let i = 0; i < 100; i++) {
      await db.run("INSERT INTO items (body) VALUES (randomblob(4000))");
    }
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(rowsInMainFile(path, folder), 0);
  } finally {
    await db.close();
  }
  await Deno.remove(folder, { recursive: true });
});

Deno.test("like SQLite, the worker leaves fewer than CHECKPOINT_FRAMES pages in the WAL", async () => {
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  const db = new SqliteDatabase(path, { checkpointInWorker: true });
  try {
    await db.exec(ROWS);
    for (let i = 0; i < 100; i++) {
      await db.run("INSERT INTO items (body) VALUES (randomblob(4000))");
    }
    await new Promise((resolve) => setTimeout(resolve, 4 * CHECKPOINT_INTERVAL_MS));
    assert.equal(db.checkpointer?.checkpoints ?? 0, 0, "no checkpoint for 100 pages");
    assert.equal(rowsInMainFile(path, folder), 0);
    for (let i = 0; i < CHECKPOINT_FRAMES; i++) {
      await db.run("INSERT INTO items (body) VALUES (randomblob(4000))");
    }
    await until(
      () => (db.checkpointer?.checkpoints ?? 0) > 0,
      "the checkpoint past the threshold",
    );
    // On a slow machine it may run before the last rows are written, or a first passive pass may
    // stop short while a commit holds the WAL: past the first 100 once a checkpoint has landed.
    await until(() => rowsInMainFile(path, folder) > 100, "more than the first 100 rows copied");
  } finally {
    await db.close();
  }
  await Deno.remove(folder, { recursive: true });
});

Deno.test("commits made while the worker checkpoints are kept, in order, and read back", async () => {
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  const db = new SqliteDatabase(path, { checkpointInWorker: true });
  await db.exec(ROWS);
  db.startCheckpointer();
  const checkpoints: Promise<unknown>[] = [];
  for (let i = 0; i < 600; i++) {
    await db.run("INSERT INTO items (id, body) VALUES (?, randomblob(3000))", i);
    if (i % 50 === 0) checkpoints.push(db.checkpointer!.checkpoint());
  }
  await Promise.all(checkpoints);
  const ids = await db.all<{ id: number }>("SELECT id FROM items ORDER BY id");
  assert.deepEqual(ids.map((row) => row.id), Array.from({ length: 600 }, (_, i) => i));
  await db.close();
  const reopened = new SqliteDatabase(path);
  assert.equal((await reopened.get<{ n: number }>("SELECT COUNT(*) AS n FROM items"))?.n, 600);
  assert.equal(
    (await reopened.get<{ integrity_check: string }>("PRAGMA integrity_check"))?.integrity_check,
    "ok",
  );
  await reopened.close();
  await Deno.remove(folder, { recursive: true });
});

Deno.test("a checkpointer that cannot open its file fails once, and the caller is told", async () => {
  const folder = await Deno.makeTempDir();
  const failures: Error[] = [];
  // A folder is not a database file: the worker's connection cannot open it.
  const checkpointer = WalCheckpointer.start(folder, {
    onFailure: (error) => failures.push(error),
  });
  await until(() => failures.length > 0, "the failure");
  assert.match(failures[0]!.message, /WAL checkpointer/);
  assert.equal(checkpointer.failure, failures[0]);
  await assert.rejects(checkpointer.checkpoint(), /WAL checkpointer/);
  await checkpointer.close();
  await Deno.remove(folder, { recursive: true });
});

Deno.test("when its worker fails, the server's connection checkpoints in its commits again", async () => {
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  const db = new SqliteDatabase(path, {
    checkpointInWorker: true,
    // The worker is pointed at the folder, which it cannot open as a database.
    startCheckpointer: (_path, options) => WalCheckpointer.start(folder, options),
  });
  try {
    db.startCheckpointer();
    await until(() => db.checkpointer!.failure !== null, "the worker's failure");
    const setting = db.connection.get<{ wal_autocheckpoint: number }>("PRAGMA wal_autocheckpoint");
    assert.equal(setting?.wal_autocheckpoint, 1000);
  } finally {
    await db.close();
  }
  await Deno.remove(folder, { recursive: true });
});

Deno.test("a worker that cannot be started fails no write: commits checkpoint inline again", async () => {
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  const db = new SqliteDatabase(path, {
    checkpointInWorker: true,
    startCheckpointer: () => {
      throw new Error("no workers here");
    },
  });
  try {
    await db.exec(ROWS);
    // Past the start threshold: the writes look at the WAL and try to start the worker.
    for (let i = 0; i < 2 * CHECKPOINTER_START_FRAMES; i++) {
      await db.run("INSERT INTO items (body) VALUES (randomblob(4000))");
    }
    assert.equal(db.checkpointer, null);
    assert.match(String(db.checkpointerError), /no workers here/);
    const setting = db.connection.get<{ wal_autocheckpoint: number }>("PRAGMA wal_autocheckpoint");
    assert.equal(setting?.wal_autocheckpoint, 1000);
    assert.equal(db.startCheckpointer(), null, "tried once");
  } finally {
    await db.close();
  }
  await Deno.remove(folder, { recursive: true });
});

Deno.test("the server's database file is opened with its checkpoints on a worker", async () => {
  const folder = await Deno.makeTempDir();
  const db = openDatabase({ STORAGE: "sqlite", DATA_DIR: folder } as Config);
  try {
    assert.ok(db instanceof SqliteDatabase);
    const setting = db.connection.get<{ wal_autocheckpoint: number }>("PRAGMA wal_autocheckpoint");
    assert.equal(setting?.wal_autocheckpoint, 8_000);
    await db.exec("CREATE TABLE t (x)");
    assert.ok(db.startCheckpointer(), "a worker checkpoints the file");
    assert.equal((await db.checkpointer!.checkpoint()).busy, 0);
  } finally {
    await db.close();
  }
  await Deno.remove(folder, { recursive: true });
});

Deno.test("the worker starts once the WAL holds CHECKPOINTER_START_FRAMES pages, not before", async () => {
  // A worker is an isolate of its own (~14 MB): a server that hardly writes never starts it.
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  // Always quiet: the pages alone decide (this process runs other tests, so it is never quiet for
  // long; checkpointer_quiet_test.ts tests the wait for quiet).
  const db = new SqliteDatabase(path, { checkpointInWorker: true, whenQuiet: quietAtOnce });
  try {
    await db.exec(ROWS);
    for (let i = 0; i < CHECKPOINTER_START_FRAMES / 4; i++) {
      await db.run("INSERT INTO items (body) VALUES (randomblob(4000))");
    }
    await new Promise((resolve) => setTimeout(resolve, CHECKPOINTER_START_CHECK_MS + 300));
    assert.equal(db.checkpointer, null, "no worker for a few pages");
    for (let i = 0; i < CHECKPOINTER_START_FRAMES; i++) {
      await db.run("INSERT INTO items (body) VALUES (randomblob(4000))");
    }
    await until(() => db.checkpointer !== null, "the worker's start");
    assert.equal((await db.checkpointer!.checkpoint()).checkpointed > 0, true);
  } finally {
    await db.close();
  }
  // A WAL left that large (a crash) starts the worker as the file is opened.
  const crashed = `${folder}/crashed.db`;
  const writer = new DatabaseSync(crashed);
  writer.exec("PRAGMA journal_mode = WAL");
  writer.exec("PRAGMA wal_autocheckpoint = 0");
  writer.exec(ROWS);
  for (let i = 0; i < CHECKPOINTER_START_FRAMES + 10; i++) {
    writer.exec("INSERT INTO items (body) VALUES (randomblob(4000))");
  }
  const reopened = new SqliteDatabase(crashed, { checkpointInWorker: true });
  try {
    assert.ok(reopened.checkpointer, "started at once");
  } finally {
    await reopened.close();
    writer.close();
  }
  // So does a large database file (its indexes may be read aside at once).
  const large = `${folder}/large.db`;
  const filler = new DatabaseSync(large);
  filler.exec(ROWS);
  const rows = Math.ceil(CHECKPOINTER_START_FILE_BYTES / 4000);
  filler.exec(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
     INSERT INTO items (body) SELECT randomblob(4000) FROM n`,
  );
  filler.close();
  const opened = new SqliteDatabase(large, { checkpointInWorker: true });
  try {
    assert.ok(opened.checkpointer, "started at open");
  } finally {
    await opened.close();
  }
  const small = new SqliteDatabase(path, { checkpointInWorker: true });
  try {
    assert.equal(small.checkpointer, null, "a small file waits for its WAL");
  } finally {
    await small.close();
  }
  await Deno.remove(folder, { recursive: true });
});

Deno.test("a burst of awaited writes starts the worker and keeps the WAL under the backstop", async () => {
  // An import loop: every write awaited, no timer ever runs between them.
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  const db = new SqliteDatabase(path, { checkpointInWorker: true });
  try {
    const limit = db.connection.get<{ journal_size_limit: number }>("PRAGMA journal_size_limit");
    assert.equal(limit?.journal_size_limit, WAL_SIZE_LIMIT_BYTES, "a grown WAL is cut back");
    await db.exec(ROWS);
    // Past CHECKPOINTER_START_NOW_FRAMES pages (two a row): the worker starts in a write, with
    // no quiet moment ever seen.
    for (let i = 0; i < CHECKPOINTER_START_NOW_FRAMES; i++) {
      await db.run("INSERT INTO items (body) VALUES (randomblob(4000))");
    }
    assert.ok(db.checkpointer, "the writes looked at the WAL: the worker started");
    // Well past the backstop: the worker's PASSIVE checkpoints alone never let the WAL restart.
    let largest = 0;
    for (let i = 0; i < 12_000; i++) {
      await db.run("INSERT INTO items (body) VALUES (randomblob(4000))");
      if (i % 100 === 0) largest = Math.max(largest, Deno.statSync(`${path}-wal`).size);
    }
    largest = Math.max(largest, Deno.statSync(`${path}-wal`).size);
    const pageSize = db.connection.get<{ page_size: number }>("PRAGMA page_size")!.page_size;
    const pages = Math.round(largest / (pageSize + 24));
    // A commit whose checkpoint meets the worker's skips it (a later one's does it): some
    // pages past the backstop on a busy machine, ~38,000 without it.
    assert.ok(pages < 16_000, `the WAL reached ${pages} pages`);
  } finally {
    await db.close();
  }
  await Deno.remove(folder, { recursive: true });
});

Deno.test("close closes the server's connection at once, before the worker has stopped", async () => {
  const folder = await Deno.makeTempDir();
  const db = new SqliteDatabase(`${folder}/persona.db`, { checkpointInWorker: true });
  await db.exec(ROWS);
  const closing = db.close();
  // As without a worker: what still runs after its caller closed the database cannot write.
  assert.equal(db.isOpen, false);
  await assert.rejects(db.run("INSERT INTO items (body) VALUES (x'00')"));
  await closing;
  assert.throws(
    () => Deno.statSync(`${folder}/persona.db-wal`),
    "the WAL is gone once both closed",
  );
  await Deno.remove(folder, { recursive: true });
});

Deno.test("reads aside run on the worker's connection in one snapshot; BLOBs arrive whole", async () => {
  const folder = await Deno.makeTempDir();
  const db = new SqliteDatabase(`${folder}/persona.db`, { checkpointInWorker: true });
  try {
    await db.exec(ROWS);
    const body = Uint8Array.from({ length: 70_000 }, (_, i) => i % 251);
    await db.run("INSERT INTO items (id, body) VALUES (1, ?), (2, ?)", body, body.subarray(0, 3));
    const rows = await db.readAside([
      { sql: "SELECT COUNT(*) AS n FROM items", params: [] },
      { sql: "SELECT body FROM items WHERE id = ?", params: [1] },
      { sql: "SELECT body FROM items WHERE id = ?", params: [9] },
    ])!;
    assert.equal(rows[0]?.n, 2);
    assert.deepEqual(rows[1]?.body, body);
    assert.equal(rows[2], undefined, "no row");
    await assert.rejects(
      db.readAside([{ sql: "SELECT x FROM nowhere", params: [] }])!,
      /no such table/,
      "a failed read fails alone",
    );
    assert.deepEqual(
      (await db.readAside([{ sql: "SELECT id FROM items WHERE id = ?", params: [2] }])!)[0],
      { id: 2 },
      "the worker goes on",
    );
  } finally {
    await db.close();
    await Deno.remove(folder, { recursive: true });
  }
  const memory = new SqliteDatabase(":memory:", { checkpointInWorker: true });
  assert.equal(memory.readAside([{ sql: "SELECT 1", params: [] }]), undefined, "no worker");
  assert.equal(memory.readAsideDerived([], "() => 0"), undefined, "no worker");
  await memory.close();
});

Deno.test("a derivation runs on the worker on a read's rows; its buffers are transferred", async () => {
  const folder = await Deno.makeTempDir();
  const db = new SqliteDatabase(`${folder}/persona.db`, { checkpointInWorker: true });
  try {
    await db.exec(ROWS);
    const body = Uint8Array.from({ length: 1_000 }, (_, i) => i % 7);
    await db.run("INSERT INTO items (id, body) VALUES (1, ?)", body);
    // Self-contained source: it runs from its text, on the worker.
    const derive = `(rows) => {
      const bytes = rows[1].body;
      const sums = new Float64Array([bytes.reduce((sum, value) => sum + value, 0), rows[0].n]);
      return { value: { sums }, transfer: [sums.buffer] };
    }`;
    const statements = [
      { sql: "SELECT COUNT(*) AS n FROM items", params: [] },
      { sql: "SELECT body FROM items WHERE id = ?", params: [1] },
    ];
    const { rows, derived } = (await db.readAsideDerived(statements, derive))!;
    assert.deepEqual(rows[1]?.body, body, "the rows come too");
    const { sums } = derived as { sums: Float64Array };
    assert.deepEqual([...sums], [body.reduce((sum, value) => sum + value, 0), 1]);
    // The same source again: made into a function once, still right.
    assert.deepEqual(
      [
        ...((await db.readAsideDerived(statements, derive))!.derived as { sums: Float64Array })
          .sums,
      ],
      [...sums],
    );
    await assert.rejects(
      db.readAsideDerived(statements, "(rows) => { throw new Error('no derivation'); }")!,
      /no derivation/,
      "a failed derivation fails its read",
    );
    assert.equal((await db.readAside(statements)!)[0]?.n, 1, "the worker goes on");
  } finally {
    await db.close();
    await Deno.remove(folder, { recursive: true });
  }
});
