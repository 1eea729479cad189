/**
 * Edges of waiting for another connection's SQLite lock and of the start-up errors
 * (`sqlite.ts`, `sqlite_open.ts`): the `lockWaitMs` given or configured is the one used (0:
 * refused at once), a file locked at open is not refused (the migrations wait), a migration
 * that meets a lock held too long names the file, and a statement locked inside an open
 * transaction is not run again (its reads were of a snapshot that is gone). Real files, a second real connection.
 *
 * @module
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { Busy } from "../errors.ts";
import { SqliteDatabase } from "./sqlite.ts";
import { type Database, openDatabase } from "./mod.ts";
import { testConfig } from "../../tests/_helpers.ts";

/** A folder with a database file holding table `t`, and a second connection to it. */
async function lockedFile() {
  const dir = Deno.makeTempDirSync({ prefix: "persona-lock-edges-" });
  const path = `${dir}/persona.db`;
  const made = new SqliteDatabase(path);
  await made.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  await made.close();
  const other = new DatabaseSync(path);
  return {
    path,
    other,
    hold: () => other.exec("BEGIN IMMEDIATE"),
    [Symbol.dispose]() {
      if (other.isTransaction) other.exec("ROLLBACK");
      other.close();
      Deno.removeSync(dir, { recursive: true });
    },
  };
}

/** Resolves after a timer: the event loop got a turn. */
const tick = () => new Promise<string>((resolve) => setTimeout(() => resolve("timer"), 0));

/** What comes first after a write while the file is locked: its answer, or a timer. */
async function writeOrTimer(db: Database): Promise<string[]> {
  const order: string[] = [];
  const write = db.run("INSERT INTO t (v) VALUES ('a')").then(
    () => order.push("write ok"),
    (error) => order.push(error instanceof Busy ? "write busy" : `write ${error}`),
  );
  await Promise.all([write, tick().then((what) => order.push(what))]);
  return order;
}

Deno.test("a lock wait of 0, given or by SQLITE_LOCK_WAIT_MS, refuses before any timer runs", async () => {
  using file = await lockedFile();
  const dir = file.path.slice(0, file.path.lastIndexOf("/"));
  const given = new SqliteDatabase(file.path, { lockWaitMs: 0 });
  const configured = openDatabase(testConfig({ DATA_DIR: dir, SQLITE_LOCK_WAIT_MS: "0" }), {
    path: file.path,
  });
  try {
    file.hold();
    // With the default wait (5 s) the timer would fire first.
    assert.deepEqual(await writeOrTimer(given), ["write busy", "timer"]);
    assert.deepEqual(await writeOrTimer(configured), ["write busy", "timer"]);
  } finally {
    await given.close();
    await configured.close();
  }
});

Deno.test("a file another connection holds locked at start is opened, not refused", async () => {
  using file = await lockedFile();
  file.hold();
  // Not "database is locked" at start: the check for a writable file proves nothing then.
  const db = new SqliteDatabase(file.path, { lockWaitMs: 0 });
  try {
    assert.equal(db.isOpen, true);
    file.other.exec("ROLLBACK");
    assert.equal(await db.run("INSERT INTO t (v) VALUES ('a')"), 1);
  } finally {
    await db.close();
  }
});

Deno.test("a migration refused for a lock held too long names the file", async () => {
  using file = await lockedFile();
  const db = new SqliteDatabase(file.path, { lockWaitMs: 0 });
  try {
    file.hold();
    const error = await db.migrate([{ name: "0001_x", sql: "CREATE TABLE x (v TEXT)" }])
      .catch((e) => e);
    assert.ok(error instanceof Error);
    assert.match(error.message, new RegExp(`^database ${file.path}: `));
    assert.match(error.message, /SQLITE_LOCK_WAIT_MS/);
    assert.ok(error.cause instanceof Busy, "the Busy it was is its cause");
  } finally {
    await db.close();
  }
});

Deno.test("a statement locked inside an open transaction fails Busy and is not run again", async () => {
  using file = await lockedFile();
  const db = new SqliteDatabase(file.path, { lockWaitMs: 60_000 });
  try {
    let runs = 0;
    const error = await db.exclusive((c) => {
      runs++;
      // A deferred transaction read a snapshot; another process then took the write lock.
      c.raw.exec("BEGIN");
      c.raw.prepare("SELECT count(*) FROM t").get();
      file.hold();
      c.raw.prepare("INSERT INTO t (v) VALUES ('a')").run();
    }).catch((e) => e);
    assert.ok(error instanceof Busy, String(error));
    assert.equal(runs, 1, "not run again inside the transaction it began");
    db.connection.raw.exec("ROLLBACK");
  } finally {
    await db.close();
  }
});
