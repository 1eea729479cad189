/**
 * A write read back (`INSERT … RETURNING`, through `all` or `get`) counts as a write that landed
 * (`SqliteConnection.landed`), as `run` does (mutation review, session 27): the lock wait never
 * runs a landed write again, and the first write that lands ends a storage fault.
 *
 * @module
 */
import assert from "node:assert/strict";
import { SqliteDatabase } from "./sqlite.ts";

Deno.test("an INSERT … RETURNING read with all or get has landed; a plain read has not", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    await db.exec("CREATE TABLE t (v INTEGER)");
    const c = db.connection;
    let before = c.landed;
    c.all("INSERT INTO t (v) VALUES (1) RETURNING v");
    assert.equal(c.landed, before + 1, "all");
    before = c.landed;
    c.get("INSERT INTO t (v) VALUES (2) RETURNING v");
    assert.equal(c.landed, before + 1, "get");
    before = c.landed;
    c.all("SELECT v FROM t");
    assert.equal(c.landed, before, "a read lands nothing");
  } finally {
    await db.close();
  }
});
