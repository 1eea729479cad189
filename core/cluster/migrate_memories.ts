/**
 * The memories `migrate-to-postgres` moves (`migrate_to_postgres.ts`), read from the SQLite file
 * or from a Chroma server's whole-memory collections, each with its vector and whether that
 * vector is stale: made by the local embedder from an older analyser's words
 * (`core/memory/vector_remake.ts`). SQLite queues those in `memory_remake`, Chroma leaves their
 * vectors without the analyser's mark; PostgreSQL queues them in its own `memory_remake`, whatever
 * holds the vectors (pgvector or Chroma: `PostgresMemoryBackend.remakeQueue` reads the table), so
 * {@linkcode queueRemakes} puts them there, and the new deployment makes them again in the
 * background (`vector_remaker.ts`) or on `memory.reindex`, as the old one would have. They are
 * not made again during the move: the embedder that made them (the sentence encoder's, say) may
 * not be the one this command would build, and the queue keeps the move a copy.
 *
 * @module
 */
import type { ChromaClient } from "chromadb";
import type { MemoryWrite } from "../memory/backend.ts";
import { ChromaConnection } from "../memory/chroma_client.ts";
import { COLLECTION_PREFIX, fromChroma } from "../memory/chroma_records.ts";
import { JSON_TEXTS } from "../memory/postgres_rows.ts";
import { fromRow, MEMORY_RECORDS, type MemoryRow, RECORD_SELECT } from "../memory/sqlite_rows.ts";
import { staleChromaVector } from "../memory/vector_remake.ts";
import type { Database, SqliteConnection } from "../storage/mod.ts";

const BATCH = 200;

/** A memory to move: its record, its vector, and whether the vector waits to be made again. */
export type SourceMemory = MemoryWrite & { stale: boolean };

/** The memories kept in the SQLite file, with their vectors (stale: queued in `memory_remake`). */
export function* sqliteMemories(source: SqliteConnection): Generator<SourceMemory[]> {
  const total = source.get<{ n: number }>("SELECT COUNT(*) AS n FROM memories")?.n ?? 0;
  for (let offset = 0; offset < total; offset += BATCH) {
    const rows = source.all<MemoryRow & { vector: Uint8Array; stale: number }>(
      `SELECT ${RECORD_SELECT}, vector,
         EXISTS (SELECT 1 FROM memory_remake q WHERE q.id = memories.id) AS stale
       FROM ${MEMORY_RECORDS} ORDER BY seq LIMIT ? OFFSET ?`,
      BATCH,
      offset,
    );
    yield rows.map(({ vector, stale, ...row }) => ({
      record: fromRow(row),
      vector: new Float32Array(new Uint8Array(vector).buffer),
      stale: stale === 1,
    }));
  }
}

/**
 * The memories of a Chroma server's whole-memory collections (SQLite storage with Chroma); stale:
 * a local vector without this analyser's mark.
 */
export async function chromaMemories(url: string): Promise<SourceMemory[]> {
  const chroma = new ChromaConnection({
    url,
    tenant: "default_tenant",
    database: "default_database",
    token: "",
    timeoutMs: 60_000,
  });
  return await chroma.run("read memories to migrate", async (client: ChromaClient) => {
    const writes: SourceMemory[] = [];
    const collections = (await client.listCollections({ limit: 1000 }))
      .filter((collection) => collection.name.startsWith(COLLECTION_PREFIX));
    for (const collection of collections) {
      for (let offset = 0;; offset += 1000) {
        const page = await collection.get({
          limit: 1000,
          offset,
          include: ["documents", "metadatas", "embeddings"],
        });
        page.ids.forEach((id, i) => {
          const embedding = page.embeddings[i];
          const record = fromChroma(id, page.documents[i], page.metadatas[i]);
          writes.push({
            record,
            vector: embedding ? Float32Array.from(embedding) : undefined,
            stale: staleChromaVector(record.embedder, record.content, page.metadatas[i]),
          });
        });
        if (page.ids.length < 1000) break;
      }
    }
    return writes;
  });
}

/**
 * Queues `ids` (memories just moved into `db`) in PostgreSQL's `memory_remake`; how many. In the
 * move's transaction: a failure leaves no queue either.
 */
export async function queueRemakes(db: Database, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return await db.run(
    `INSERT INTO memory_remake (id) SELECT id FROM memories WHERE id IN ${JSON_TEXTS}
       ON CONFLICT DO NOTHING`,
    JSON.stringify(ids),
  );
}
