/**
 * A memory's access count saturates at `COUNT_MAX` (10^9), as every stored count: touches past it
 * leave it there, on SQLite (its access table, the row cache, the pending touches) and on
 * PostgreSQL.
 */
import assert from "node:assert/strict";
import { COUNT_MAX } from "../numbers.ts";
import {
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../personas/mod.ts";
import { ManualClock } from "../clock.ts";
import { type SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import type { MemoryBackend } from "./backend.ts";
import { memoryMigrationsFor } from "./mod.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import type { VectorStore } from "./vector_store.ts";

/** Vectors nowhere: this test is about counts. */
const NO_VECTORS: VectorStore = {
  name: "none",
  write: () => Promise.resolve(),
  nearest: () => Promise.resolve([]),
  similarities: () => Promise.resolve(new Map()),
  remove: () => Promise.resolve(),
  removePersona: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

eachDatabase("a memory's access count stops at 10^9", async (db, kind) => {
  await db.migrate([
    ...storageMigrations,
    ...personaMigrations,
    ...memoryMigrationsFor({ MEMORY_BACKEND: kind === "sqlite" ? "sqlite" : "chroma" }),
  ]);
  const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
  const aria = await personas.create(PersonaCreate.parse({ name: "Aria" }));
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
