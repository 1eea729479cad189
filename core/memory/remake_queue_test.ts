/**
 * The queue of vectors to make again (`memory_remake`, `vector_remake.ts`) on SQLite and
 * PostgreSQL storage: a save that brings a new vector takes its memory off it, one that does not
 * leaves it there; the upgrade queues the local embedder's vectors of text that is not plain
 * ASCII, never a model's (a model's vectors do not depend on the analyser).
 */
import assert from "node:assert/strict";
import { personaMigrations } from "../personas/mod.ts";
import { type Database, type SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import type { MemoryBackend } from "./backend.ts";
import { memoryMigrationsFor } from "./mod.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { migrateWithAria, NO_VECTORS } from "./testing/bare_backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

/** Aria and a backend over `db` (its vectors nowhere on PostgreSQL). */
async function backendOf(db: Database, kind: "sqlite" | "postgres") {
  const aria = await migrateWithAria(db, kind === "sqlite" ? "sqlite" : "chroma");
  const backend: MemoryBackend = kind === "sqlite"
    ? new SqliteBackend(db as SqliteDatabase)
    : new PostgresMemoryBackend(db, NO_VECTORS);
  return { aria, backend };
}

const vector = new Float32Array([1, 0, 0]);

eachDatabase("a save with a new vector takes its memory off the remake queue", async (db, kind) => {
  const { aria, backend } = await backendOf(db, kind);
  const records = ["edited", "reweighed"].map((id) =>
    sampleRecord({ id, persona_id: aria.id, content: "我住在北京", embedder: "local-test" })
  );
  await backend.insert(records.map((record) => ({ record, vector })));
  await db.run("INSERT INTO memory_remake (id) VALUES ('edited'), ('reweighed')");
  const queued = async () => (await backend.remakeQueue!(aria.id)).map((row) => row.id);
  assert.deepEqual(await queued(), ["edited", "reweighed"]);
  await backend.save([
    { record: { ...records[0]!, content: "我住在上海" }, vector: new Float32Array([0, 1, 0]) },
    { record: { ...records[1]!, importance: 0.9 } },
  ]);
  assert.deepEqual(await queued(), ["reweighed"], "only the one whose vector was made again");
  await backend.close();
});

eachDatabase(
  "the upgrade queues the local embedder's non-ASCII vectors, not a model's",
  async (db, kind) => {
    const { aria, backend } = await backendOf(db, kind);
    const record = (id: string, embedder: string, content: string) =>
      sampleRecord({ id, persona_id: aria.id, embedder, content });
    await backend.insert([
      record("local", "local-test", "我住在北京"),
      record("model", "ollama-nomic-embed-text", "我住在北京"),
      record("ascii", "local-test", "I live in Beijing"),
    ].map((record) => ({ record, vector })));
    // As before the version that queues them: no queue, the migration not applied.
    const migration = kind === "sqlite"
      ? "memories_vectors_analyser_2"
      : "pg_memories_vectors_analyser_2";
    await db.run("DROP TABLE memory_remake");
    await db.run("DELETE FROM schema_migrations WHERE name = ?", migration);
    await db.migrate([
      ...storageMigrations,
      ...personaMigrations,
      ...memoryMigrationsFor({ MEMORY_BACKEND: kind === "sqlite" ? "sqlite" : "chroma" }),
    ]);
    const queued = await db.all<{ id: string }>("SELECT id FROM memory_remake ORDER BY id");
    assert.deepEqual(queued.map((row) => row.id), ["local"]);
    await backend.close();
  },
);

eachDatabase(
  "the upgrade to analyser 3 queues local vectors of texts with a texting spelling",
  async (db, kind) => {
    const { aria, backend } = await backendOf(db, kind);
    const record = (id: string, embedder: string, content: string) =>
      sampleRecord({ id, persona_id: aria.id, embedder, content });
    await backend.insert([
      record("texted", "local-test", "its jakes bday lol"),
      record("model", "ollama-nomic-embed-text", "its jakes bday lol"),
      record("written", "local-test", "Jake's birthday is immediately after mine"),
    ].map((record) => ({ record, vector })));
    // As before version 3: its migration not applied.
    await db.run("DELETE FROM memory_remake");
    const migration = kind === "sqlite" ? "memories_analyser_3" : "pg_memories_analyser_3";
    await db.run("DELETE FROM schema_migrations WHERE name = ?", migration);
    await db.migrate([
      ...storageMigrations,
      ...personaMigrations,
      ...memoryMigrationsFor({ MEMORY_BACKEND: kind === "sqlite" ? "sqlite" : "chroma" }),
    ]);
    const queued = await db.all<{ id: string }>("SELECT id FROM memory_remake ORDER BY id");
    assert.deepEqual(queued.map((row) => row.id), ["texted"]);
    await backend.close();
  },
);
