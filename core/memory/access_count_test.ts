/**
 * A memory's access count saturates at `COUNT_MAX` (10^9), as every stored count: touches past it
 * leave it there, on SQLite (its access table, the row cache, the pending touches) and on
 * PostgreSQL.
 */
import assert from "node:assert/strict";
import { COUNT_MAX } from "../numbers.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import type { MemoryBackend } from "./backend.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { migrateWithAria, NO_VECTORS } from "./testing/bare_backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

eachDatabase("a memory's access count stops at 10^9", async (db, kind) => {
  const aria = await migrateWithAria(db, kind === "sqlite" ? "sqlite" : "chroma");
  const open = (): MemoryBackend =>
    kind === "sqlite"
      ? new SqliteBackend(db as SqliteDatabase)
      : new PostgresMemoryBackend(db, NO_VECTORS);
  const backend = open();
  const record = sampleRecord({ id: "m1", persona_id: aria.id, accessed_count: COUNT_MAX - 1 });
  await backend.insert([{ record, vector: new Float32Array([1]) }]);
  const stored = (await backend.get("m1"))!;
  assert.equal(stored.accessed_count, COUNT_MAX - 1);
  for (const at of ["2026-06-01T10:00:00.000Z", "2026-06-01T10:00:01.000Z"]) {
    await backend.touch([{ ...stored }], at);
  }
  assert.equal((await backend.get("m1"))?.accessed_count, COUNT_MAX, "before the write");
  await backend.flush?.();
  assert.equal((await backend.get("m1"))?.accessed_count, COUNT_MAX, "as written");
  const again = open();
  assert.equal((await again.get("m1"))?.accessed_count, COUNT_MAX, "read afresh");
  await again.touch([(await again.get("m1"))!], "2026-06-01T10:00:02.000Z");
  await again.flush?.();
  assert.equal((await open().get("m1"))?.accessed_count, COUNT_MAX);
});
