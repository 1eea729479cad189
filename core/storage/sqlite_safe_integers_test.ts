/**
 * A row holding an integer past 2^53 - 1 (which node:sqlite refuses to read as a number) no
 * longer fails every read that meets it: reads give it as the nearest safe number, the other
 * columns and rows as they are, and the statement reads numbers again afterwards. A write that
 * reads back (`RETURNING`) is not run twice.
 */
import assert from "node:assert/strict";
import { SqliteConnection } from "./sqlite_connection.ts";
import { SqliteDatabase } from "./sqlite.ts";

function connection(): SqliteConnection {
  const db = new SqliteConnection(":memory:");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, x REAL NOT NULL)");
  db.run("INSERT INTO t (id, n, x) VALUES (1, 5, 0.5)");
  db.run("INSERT INTO t (id, n, x) VALUES (2, 9223372036854775807, 10)");
  db.run("INSERT INTO t (id, n, x) VALUES (3, -9223372036854775808, -1)");
  db.run(`INSERT INTO t (id, n, x) VALUES (4, ${2 ** 53}, 2)`);
  return db;
}

Deno.test("SQLite reads give an integer past 2^53 - 1 as the nearest safe number", () => {
  const db = connection();
  try {
    const max = Number.MAX_SAFE_INTEGER;
    assert.deepEqual(
      db.all<{ id: number; n: number; x: number }>("SELECT id, n, x FROM t ORDER BY id")
        .map((row) => ({ ...row })),
      [
        { id: 1, n: 5, x: 0.5 },
        { id: 2, n: max, x: 10 },
        { id: 3, n: -max, x: -1 },
        { id: 4, n: max, x: 2 },
      ],
    );
    assert.deepEqual({ ...db.get<{ n: number }>("SELECT n FROM t WHERE id = ?", 2) }, { n: max });
    assert.equal(db.get("SELECT n FROM t WHERE id = ?", 99), undefined);
    // The same statement reads numbers (not bigints) again.
    const small = db.get<{ n: unknown }>("SELECT n FROM t WHERE id = ?", 1);
    assert.equal(small?.n, 5);
    assert.equal(
      typeof db.all<{ n: unknown }>("SELECT id, n, x FROM t ORDER BY id")[0]?.n,
      "number",
    );
  } finally {
    db.raw.close();
  }
});

Deno.test("a write read back is not run again when its row holds an integer past 2^53 - 1", () => {
  const db = connection();
  try {
    assert.throws(
      () => db.all("UPDATE t SET x = x + 1 WHERE id = 2 RETURNING n"),
      RangeError,
    );
    assert.equal(db.get<{ x: number }>("SELECT x FROM t WHERE id = 4")?.x, 2);
    const [row] = db.all<{ x: number }>("SELECT x FROM t WHERE id = 2");
    assert.equal(row?.x, 11, "the update ran once");
  } finally {
    db.raw.close();
  }
});

Deno.test("SqliteDatabase reads through the same path", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    await db.exec("CREATE TABLE c (n INTEGER NOT NULL)");
    await db.run("INSERT INTO c (n) VALUES (9223372036854775807)");
    assert.equal((await db.get<{ n: number }>("SELECT n FROM c"))?.n, Number.MAX_SAFE_INTEGER);
    assert.equal((await db.all<{ n: number }>("SELECT n FROM c"))[0]?.n, Number.MAX_SAFE_INTEGER);
  } finally {
    await db.close();
  }
});
