import assert from "node:assert/strict";
import { SqliteConnection } from "./sqlite_connection.ts";

Deno.test("migrations run once, in order, each in a transaction", () => {
  const db = new SqliteConnection(":memory:");
  const migrations = [
    { name: "a_1", sql: "CREATE TABLE a (x INTEGER)" },
    { name: "a_2", sql: "INSERT INTO a VALUES (1)" },
  ];
  assert.deepEqual(db.migrate(migrations), ["a_1", "a_2"]);
  assert.deepEqual(db.migrate(migrations), []);
  assert.equal(db.get<{ n: number }>("SELECT COUNT(*) AS n FROM a")!.n, 1);
  assert.throws(() => db.migrate([{ name: "bad_1", sql: "CREATE TABLE b (x); NOT SQL" }]));
  assert.equal(db.all("SELECT name FROM sqlite_master WHERE name = 'b'").length, 0, "rolled back");
  db.close();
});
