/**
 * `migrate-to-postgres` and the kept referents (`core/memory/referent_rows.ts`): a memory's
 * referent in the SQLite file is kept after the move, so a search on PostgreSQL reads its line as
 * it did on SQLite; a referent of a memory not moved (the memories come from Chroma) is left
 * behind, its memory being absent.
 */
import assert from "node:assert/strict";
import { loadConfig } from "../config.ts";
import { migrationsFor } from "../migrations.ts";
import { ChromaBackend } from "../memory/chroma_backend.ts";
import { startChromaServer } from "../memory/chroma_server.ts";
import { chromaSettings } from "../memory/mod.ts";
import { PgvectorStore } from "../memory/pgvector_store.ts";
import { PostgresMemoryBackend } from "../memory/postgres_backend.ts";
import { SqliteBackend } from "../memory/sqlite_backend.ts";
import { migrateWithAria } from "../memory/testing/bare_backend.ts";
import { sampleRecord } from "../memory/testing/record_fixture.ts";
import { SqliteConnection, SqliteDatabase } from "../storage/mod.ts";
import { PgliteDatabase } from "../storage/testing/pglite.ts";
import { migrateToPostgres } from "./migrate_to_postgres.ts";

/** Aria's two memories: the line about Dad, then the one whose "he" stands for him. */
function memories(personaId: string) {
  const record = (id: string, content: string) => ({
    record: sampleRecord({ id, persona_id: personaId, content }),
    vector: new Float32Array([1, 0.5, 0.25, 0]),
  });
  return [
    record("hearing", "Dad's hearing aids are the NHS ones"),
    record("pills", "he takes bisoprolol 2.5mg"),
  ];
}

/** Moves the SQLite file at `path` (memories from `chromaSource` when given) into PGlite. */
async function moved(path: string, chromaSource?: string) {
  const db = await PgliteDatabase.open();
  const memory = new PostgresMemoryBackend(db, new PgvectorStore(db));
  const env = { STORAGE: "postgres", DATABASE_URL: "postgres://x@h/x", MEMORY_BACKEND: "pgvector" };
  await db.migrate(migrationsFor(loadConfig({ env, dotenv: "" })));
  const source = new SqliteConnection(path);
  try {
    const report = await migrateToPostgres(source, { db, memory, chromaSource });
    return { report, referents: await memory.referents(["hearing", "pills", "old"]) };
  } finally {
    source.close();
    await memory.close();
    await db.close();
  }
}

Deno.test("migrate-to-postgres keeps the referents of the memories it moves", async () => {
  const path = await Deno.makeTempFile({ suffix: ".db" });
  try {
    const db = new SqliteDatabase(path);
    try {
      const aria = await migrateWithAria(db, "sqlite");
      const sqlite = new SqliteBackend(db);
      await sqlite.insert(memories(aria.id));
      await sqlite.writeReferents([{ id: "pills", referent: "Dad" }]);
    } finally {
      await db.close();
    }
    const { report, referents } = await moved(path);
    assert.equal(report.memories, 2);
    assert.equal(report.memory_referents, 1);
    assert.deepEqual([...referents], [["pills", "Dad"]]);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("migrate-to-postgres leaves behind the referent of a memory it does not move", async () => {
  const dir = await Deno.makeTempDir({ prefix: "migrate-referents-" });
  const chroma = await startChromaServer({ path: `${dir}/chroma` });
  const path = `${dir}/persona.db`;
  try {
    const db = new SqliteDatabase(path);
    let aria: string;
    try {
      aria = (await migrateWithAria(db, "chroma")).id;
      // The file's own memory and referent (from when it held its memories), not Chroma's.
      const sqlite = new SqliteBackend(db);
      const old = sampleRecord({ id: "old", persona_id: aria, content: "he takes statins" });
      await sqlite.insert([{ record: old, vector: new Float32Array([1, 0, 0, 0]) }]);
      await sqlite.writeReferents([{ id: "old", referent: "Dad" }]);
    } finally {
      await db.close();
    }
    const settings = chromaSettings(loadConfig({ env: { CHROMA_URL: chroma.url }, dotenv: "" }));
    const source = new ChromaBackend(settings);
    await source.insert(memories(aria));
    await source.close();
    const { report, referents } = await moved(path, settings.url);
    assert.equal(report.memories, 2);
    assert.equal(report.memory_referents, 0);
    assert.equal(referents.size, 0);
  } finally {
    await chroma.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
