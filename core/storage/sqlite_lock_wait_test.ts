/**
 * Another connection holding the SQLite file's write lock (a second process, `sqlite3`, a
 * backup): the server's connection waits for it with awaited pauses, so the event loop runs
 * meanwhile (attack23 F1), tries again only where that is safe, and past `lockWaitMs` fails
 * with `Busy`. Real files, a second real connection holding `BEGIN IMMEDIATE`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { Busy } from "../errors.ts";
import { SqliteDatabase } from "./sqlite.ts";

/** A database file with table `t`, and a second connection to it that can hold the lock. */
async function lockedPair(lockWaitMs: number) {
  const dir = Deno.makeTempDirSync({ prefix: "persona-lock-" });
  const path = `${dir}/persona.db`;
  const db = new SqliteDatabase(path, { lockWaitMs });
  await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  const other = new DatabaseSync(path);
  return {
    db,
    other,
    hold: () => other.exec("BEGIN IMMEDIATE"),
    release: () => other.exec("COMMIT"),
    async [Symbol.asyncDispose]() {
      if (other.isTransaction) other.exec("ROLLBACK");
      other.close();
      await db.close();
      Deno.removeSync(dir, { recursive: true });
    },
  };
}

/** Resolves after a timer: the event loop got a turn. */
const tick = () => new Promise<string>((resolve) => setTimeout(() => resolve("timer"), 0));

Deno.test("a write finding the file locked waits without blocking, then fails with Busy", async () => {
  await using pair = await lockedPair(300);
  // SQLite's own busy handler would sleep on this thread, the whole event loop with it.
  const pragma = pair.db.connection.raw.prepare("PRAGMA busy_timeout").get();
  assert.deepEqual({ ...pragma }, { timeout: 0 });
  pair.hold();
  const order: string[] = [];
  const write = pair.db.run("INSERT INTO t (v) VALUES ('a')").then(
    () => order.push("write ok"),
    (error) => order.push(error instanceof Busy ? "write busy" : `write ${error}`),
  );
  // A timer set after the write started fires before the write gives up: with SQLite's own
  // busy handler the main thread slept inside the statement for the whole wait.
  const timer = tick().then((what) => order.push(what));
  // A read beside the waiting write is served (WAL: readers do not wait for the writer).
  const read = pair.db.get<{ n: number }>("SELECT count(*) AS n FROM t").then((row) =>
    order.push(`read ${row?.n}`)
  );
  await Promise.all([write, timer, read]);
  assert.deepEqual(order, ["read 0", "timer", "write busy"]);
  const error = await pair.db.run("INSERT INTO t (v) VALUES ('b')").catch((e) => e);
  assert.ok(error instanceof Busy);
  assert.equal((error.data as { reason: string }).reason, "database_locked");
  assert.match(error.message, /SQLITE_LOCK_WAIT_MS/);
  assert.doesNotMatch(error.message, /^Busy/, "the name is not repeated in the message");
  pair.release();
  assert.equal(await pair.db.run("INSERT INTO t (v) VALUES ('c')"), 1);
});

Deno.test("a write and a transaction waiting for a lock go through once it is released", async () => {
  await using pair = await lockedPair(60_000);
  pair.hold();
  let runs = 0;
  const write = pair.db.run("INSERT INTO t (v) VALUES ('a')");
  const transaction = pair.db.transaction(async () => {
    runs++;
    await pair.db.run("INSERT INTO t (v) VALUES ('b')");
    await pair.db.run("INSERT INTO t (v) VALUES ('c')");
  });
  // Both are waiting: the event loop turns; then the lock goes mid-wait.
  for (let i = 0; i < 5; i++) await tick();
  pair.release();
  await Promise.all([write, transaction]);
  assert.equal(runs, 1, "the transaction's work ran once: BEGIN was tried again, not the work");
  const rows = await pair.db.all<{ v: string }>("SELECT v FROM t ORDER BY v");
  assert.deepEqual(rows.map((row) => row.v), ["a", "b", "c"]);
});

Deno.test("work whose earlier write took effect is not run again when a later one finds a lock", async () => {
  await using pair = await lockedPair(60_000);
  let runs = 0;
  const error = await pair.db.exclusive((c) => {
    runs++;
    c.run("INSERT INTO t (v) VALUES ('first')");
    // Another process takes the lock between two autocommit statements of one piece of work.
    pair.hold();
    c.run("INSERT INTO t (v) VALUES ('second')");
  }).catch((e) => e);
  assert.ok(error instanceof Busy, String(error));
  assert.equal(runs, 1, "not run again: 'first' would be written twice");
  pair.release();
  const first = await pair.db.all<{ v: string }>("SELECT v FROM t");
  assert.deepEqual(first.map((row) => row.v), ["first"]);
  // Work in a transaction of its own rolls back whole, so it is run again.
  let tries = 0;
  pair.hold();
  const again = pair.db.exclusive((c) =>
    c.transaction(() => {
      tries++;
      c.run("INSERT INTO t (v) VALUES ('third')");
    })
  );
  for (let i = 0; i < 3; i++) await tick();
  pair.release();
  await again;
  assert.ok(tries >= 1);
  const rows = await pair.db.all<{ v: string }>("SELECT v FROM t ORDER BY id");
  assert.deepEqual(rows.map((row) => row.v), ["first", "third"]);
});
