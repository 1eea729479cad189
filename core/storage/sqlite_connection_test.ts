import assert from "node:assert/strict";
import { SqliteConnection, STATEMENT_CACHE_SIZE } from "./sqlite_connection.ts";

Deno.test("the statement cache keeps a bounded number of statements, most recent first", () => {
  const db = new SqliteConnection(":memory:");
  db.exec("CREATE TABLE t (a INTEGER)");
  const hot = "SELECT COUNT(*) AS n FROM t";
  const prepared = db.prepare(hot);
  for (let i = 0; i < STATEMENT_CACHE_SIZE * 3; i++) {
    db.get(`SELECT ${i} AS v`);
    db.get(hot);
  }
  assert.equal(db.cachedStatements, STATEMENT_CACHE_SIZE);
  assert.equal(db.prepare(hot), prepared, "a statement in use stays cached");
  db.close();
});

/** A connection whose statement cache holds `first`, then `others` more statements. */
function cacheAfter(others: number): { db: SqliteConnection; first: unknown } {
  const db = new SqliteConnection(":memory:");
  const first = db.prepare("SELECT 'first' AS v");
  for (let i = 0; i < others; i++) db.prepare(`SELECT ${i} AS v`);
  return { db, first };
}

Deno.test("the statement cache holds 256 statements: the 257th evicts the one used longest ago", () => {
  assert.equal(STATEMENT_CACHE_SIZE, 256);
  const full = cacheAfter(STATEMENT_CACHE_SIZE - 1);
  assert.equal(full.db.prepare("SELECT 'first' AS v"), full.first, "still cached when full");
  full.db.close();
  const past = cacheAfter(STATEMENT_CACHE_SIZE);
  assert.notEqual(past.db.prepare("SELECT 'first' AS v"), past.first, "evicted, prepared anew");
  past.db.close();
});

Deno.test("a statement that fails to prepare evicts nothing", () => {
  const { db, first } = cacheAfter(STATEMENT_CACHE_SIZE - 1);
  assert.throws(() => db.prepare("SELECT FROM nowhere WHERE"));
  assert.equal(db.cachedStatements, STATEMENT_CACHE_SIZE);
  assert.equal(db.prepare("SELECT 'first' AS v"), first);
  db.close();
});

Deno.test("what a cache registers with onRollback runs when the outermost transaction rolls back", () => {
  const db = new SqliteConnection(":memory:");
  db.exec("CREATE TABLE t (v TEXT)");
  const undone: string[] = [];
  db.onRollback(() => undone.push("outside"));
  db.transaction(() => db.onRollback(() => undone.push("committed")));
  assert.throws(() =>
    db.transaction(() => {
      db.transaction(() => {
        db.run("INSERT INTO t VALUES ('a')");
        db.onRollback(() => undone.push("first"));
      });
      db.onRollback(() => undone.push("second"));
      throw new Error("the outer work fails");
    })
  );
  assert.deepEqual(undone, ["second", "first"], "latest first; none outside or committed");
  assert.equal(db.all("SELECT v FROM t").length, 0);
  assert.throws(() => db.transaction(() => db.exec("NOT SQL")));
  assert.deepEqual(undone, ["second", "first"], "each runs once");
  db.close();
});

Deno.test("writes counts a write read back with RETURNING and each end of a transaction", () => {
  const db = new SqliteConnection(":memory:");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  const before = db.writes;
  db.get("INSERT INTO t (v) VALUES (?) RETURNING id", "a");
  assert.equal(db.writes, before + 1);
  db.get("SELECT v FROM t WHERE id = 1");
  db.all("SELECT v FROM t");
  assert.equal(db.writes, before + 1, "plain reads are not writes");
  db.transaction(() => db.get("SELECT v FROM t WHERE id = 1"));
  assert.equal(db.writes, before + 3, "a transaction begins and ends as a write");
  // Its statement is cached now: a hit counts as a write too, through `all` as through `get`.
  db.get("INSERT INTO t (v) VALUES (?) RETURNING id", "b");
  db.all("INSERT INTO t (v) VALUES (?) RETURNING id", "c");
  assert.equal(db.writes, before + 5, "a cached RETURNING statement still writes");
  db.raw.close();
});

Deno.test("insert returns the new row's rowid, not that of a row its triggers inserted, and counts a write", () => {
  const db = new SqliteConnection(":memory:");
  db.exec(`
    CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
    CREATE TABLE log (id INTEGER PRIMARY KEY, v TEXT);
    INSERT INTO log (id, v) VALUES (100, 'x');
    CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log (v) VALUES (new.v); END;
  `);
  const before = db.writes;
  assert.equal(db.insert("INSERT INTO t (v) VALUES (?)", "a"), 1);
  assert.equal(db.insert("INSERT INTO t (id, v) VALUES (?, ?)", 7, "b"), 7);
  assert.equal(db.get<{ n: number }>("SELECT max(id) AS n FROM log")!.n, 102, "the trigger ran");
  assert.equal(db.writes, before + 2);
  db.raw.close();
});
