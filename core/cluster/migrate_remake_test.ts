/**
 * `migrate-to-postgres` and the stale local vectors (`core/memory/vector_remake.ts`): a memory
 * whose vector the source holds stale (queued in SQLite's `memory_remake`, or in Chroma without
 * this analyser's mark) is still stale after the move, queued in PostgreSQL's `memory_remake`
 * whatever holds the vectors there (pgvector on PGlite; a Chroma server beside a real
 * PostgreSQL), so the new deployment makes it again; one whose vector is current is not queued.
 */
import assert from "node:assert/strict";
import { ChromaClient } from "chromadb";
import { loadConfig } from "../config.ts";
import { migrationsFor } from "../migrations.ts";
import type { MemoryBackend } from "../memory/backend.ts";
import { ChromaBackend } from "../memory/chroma_backend.ts";
import type { ChromaSettings } from "../memory/chroma_client.ts";
import { collectionName } from "../memory/chroma_records.ts";
import { startChromaServer } from "../memory/chroma_server.ts";
import { chromaSettings } from "../memory/mod.ts";
import { ChromaVectorStore } from "../memory/chroma_vector_store.ts";
import { LocalEmbedder } from "../memory/embedder.ts";
import { PgvectorStore } from "../memory/pgvector_store.ts";
import { PostgresMemoryBackend } from "../memory/postgres_backend.ts";
import { SqliteBackend } from "../memory/sqlite_backend.ts";
import { migrateWithAria } from "../memory/testing/bare_backend.ts";
import { sampleRecord } from "../memory/testing/record_fixture.ts";
import { VECTORS_ANALYSER_KEY } from "../memory/vector_remake.ts";
import { type Database, SqliteConnection, SqliteDatabase } from "../storage/mod.ts";
import { onPostgres } from "../storage/testing/databases.ts";
import { PgliteDatabase } from "../storage/testing/pglite.ts";
import { migrateToPostgres } from "./migrate_to_postgres.ts";

const LOCAL = new LocalEmbedder().id;

/** Aria's three local memories: two not plain ASCII, of which `stale` waits to be made again. */
function memories(personaId: string) {
  const record = (id: string, content: string) => ({
    record: sampleRecord({ id, persona_id: personaId, content, embedder: LOCAL }),
    vector: new Float32Array([1, 0.5, 0.25, 0]),
  });
  return [record("stale", "Café au lait"), record("current", "Naïve art"), record("a", "plain")];
}

/** A SQLite file of a SQLite deployment whose memory `stale` is queued in `memory_remake`. */
async function sqliteSource(): Promise<{ path: string; aria: string }> {
  const path = await Deno.makeTempFile({ suffix: ".db" });
  const db = new SqliteDatabase(path);
  try {
    const aria = await migrateWithAria(db, "sqlite");
    await new SqliteBackend(db).insert(memories(aria.id));
    // As the analyser's migration left a memory an older version had stored.
    await db.run("INSERT INTO memory_remake (id) VALUES (?)", "stale");
    return { path, aria: aria.id };
  } finally {
    await db.close();
  }
}

/** Moves the SQLite file at `path` (memories from `chromaSource` when given) into `db`. */
async function move(
  path: string,
  target: { db: Database; memory: MemoryBackend; chromaSource?: string },
  backend: "pgvector" | "chroma",
): Promise<Record<string, number>> {
  const env = { STORAGE: "postgres", DATABASE_URL: "postgres://x@h/x", MEMORY_BACKEND: backend };
  await target.db.migrate(migrationsFor(loadConfig({ env, dotenv: "" })));
  const source = new SqliteConnection(path);
  try {
    return await migrateToPostgres(source, target);
  } finally {
    source.close();
  }
}

/** The target's queue of vectors to make again, as its server reads it. */
async function queueOf(memory: MemoryBackend, personaId: string) {
  return await memory.remakeQueue!(personaId);
}

Deno.test("migrate-to-postgres keeps a stale local vector queued (pgvector, on PGlite)", async () => {
  const { path, aria } = await sqliteSource();
  const db = await PgliteDatabase.open();
  const memory = new PostgresMemoryBackend(db, new PgvectorStore(db));
  try {
    const report = await move(path, { db, memory }, "pgvector");
    assert.equal(report.memories, 3);
    assert.equal(report.vectors_to_remake, 1);
    assert.deepEqual(await queueOf(memory, aria), [{ id: "stale", embedder: LOCAL }]);
  } finally {
    await memory.close();
    await db.close();
    await Deno.remove(path);
  }
});

/** Runs `work` with a Chroma server of its own, and its settings as the server reads them. */
async function withChroma(
  work: (settings: ChromaSettings, port: number) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "migrate-remake-" });
  const chroma = await startChromaServer({ path: `${dir}/chroma` });
  try {
    await work(
      chromaSettings(loadConfig({ env: { CHROMA_URL: chroma.url }, dotenv: "" })),
      chroma.port,
    );
  } finally {
    await chroma.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

onPostgres(
  "migrate-to-postgres keeps a stale local vector queued (vectors into Chroma)",
  (db) =>
    withChroma(async (settings) => {
      const { path, aria } = await sqliteSource();
      const memory = new PostgresMemoryBackend(db, new ChromaVectorStore(settings));
      try {
        const report = await move(path, { db, memory }, "chroma");
        assert.equal(report.vectors_to_remake, 1);
        assert.deepEqual(await queueOf(memory, aria), [{ id: "stale", embedder: LOCAL }]);
      } finally {
        await memory.close();
        await Deno.remove(path);
      }
    }),
);

Deno.test("migrate-to-postgres keeps a stale local vector queued (memories from Chroma)", () =>
  withChroma(async (settings, port) => {
    const path = await Deno.makeTempFile({ suffix: ".db" });
    const sqlite = new SqliteDatabase(path);
    const aria = await migrateWithAria(sqlite, "chroma");
    await sqlite.close();
    const source = new ChromaBackend(settings);
    await source.insert(memories(aria.id));
    // An older version's vector: stored with an older analyser's mark.
    const collection = await new ChromaClient({ host: "127.0.0.1", port })
      .getCollection({ name: collectionName(LOCAL) });
    await collection.update({ ids: ["stale"], metadatas: [{ [VECTORS_ANALYSER_KEY]: 1 }] });
    await source.close();
    const db = await PgliteDatabase.open();
    const memory = new PostgresMemoryBackend(db, new PgvectorStore(db));
    try {
      const report = await move(path, { db, memory, chromaSource: settings.url }, "pgvector");
      assert.equal(report.memories, 3);
      assert.equal(report.vectors_to_remake, 1);
      assert.deepEqual(await queueOf(memory, aria.id), [{ id: "stale", embedder: LOCAL }]);
    } finally {
      await memory.close();
      await db.close();
      await Deno.remove(path);
    }
  }));
