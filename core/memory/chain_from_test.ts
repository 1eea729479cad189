/**
 * `chainFrom` on SQLite and PostgreSQL: one recursive query follows chains to their heads and
 * ends at a cycle (an old database's), each memory once.
 */
import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import type { MemoryBackend } from "./backend.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { migrateWithAria, NO_VECTORS } from "./testing/bare_backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

eachDatabase("chainFrom reads a 150-link chain and a cycle in one query", async (db, kind) => {
  const aria = await migrateWithAria(db, kind === "sqlite" ? "sqlite" : "chroma");
  const backend: MemoryBackend = kind === "sqlite"
    ? new SqliteBackend(db as SqliteDatabase)
    : new PostgresMemoryBackend(db, NO_VECTORS);
  const length = 150;
  const link = (id: string, superseded_by: string | null) =>
    sampleRecord({ id, persona_id: aria.id, superseded_by });
  const records = [
    ...Array.from({ length }, (_, i) => link(`c${i}`, i + 1 < length ? `c${i + 1}` : null)),
    link("x", "y"),
    link("y", "x"),
    link("alone", null),
  ];
  await backend.insert(records.map((record) => ({ record, vector: new Float32Array([1]) })));
  const read = (await backend.chainFrom!(["c0", "x", "missing"])).map((record) => record.id);
  assert.equal(new Set(read).size, read.length, "each memory once");
  assert.deepEqual(read.sort(), [...records.slice(0, length + 2).map((r) => r.id)].sort());
  assert.deepEqual(await backend.chainFrom!([]), []);
});
