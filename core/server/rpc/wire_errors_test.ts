import assert from "node:assert/strict";
import { SqliteDatabase } from "../../storage/mod.ts";
import { GONE_MEANWHILE, RpcCode, toWireError } from "./wire_errors.ts";

/** A real FOREIGN KEY failure from SQLite: a child row whose parent is gone. */
async function sqliteForeignKeyError(): Promise<unknown> {
  const db = new SqliteDatabase(":memory:");
  try {
    await db.exec(`CREATE TABLE parent (id TEXT PRIMARY KEY);
      CREATE TABLE child (parent_id TEXT NOT NULL REFERENCES parent(id))`);
    return await db.run("INSERT INTO child (parent_id) VALUES ('gone')").then(
      () => assert.fail("the insert should have failed"),
      (error) => error,
    );
  } finally {
    await db.close();
  }
}

Deno.test("a row deleted meanwhile (foreign key) is a clear 409-style error, not -32603", async () => {
  const sqlite = toWireError(await sqliteForeignKeyError());
  // PostgreSQL's driver reports the SQLSTATE as `code`.
  const postgres = toWireError(
    Object.assign(new Error("insert or update violates foreign key"), { code: "23503" }),
  );
  for (const mapped of [sqlite, postgres]) {
    assert.deepEqual(mapped, {
      error: { code: RpcCode.InvalidParams, message: GONE_MEANWHILE },
      status: 409,
      internal: false,
    });
  }
});

Deno.test("any other unknown error stays -32603, internal, its message not echoed", () => {
  const mapped = toWireError(new Error("no such table: secrets"));
  assert.deepEqual(mapped, {
    error: { code: RpcCode.InternalError, message: "Internal error" },
    status: 500,
    internal: true,
  });
});
