/**
 * The opt-in sentence encoder (`MEMORY_ENCODER=use-lite`, 612-d joined vectors) on the backends
 * beside SQLite: Chroma (SQLite storage, whole memories), PostgreSQL with vectors in Chroma, and
 * PostgreSQL with pgvector (on PGlite). Memories stored by the local embedder (100-d) are
 * re-embedded by `memory.reindex` into the encoder's own collection or rows, found by meaning
 * afterwards, and new memories are stored and found at 612-d.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ChromaClient } from "chromadb";
import { PgliteDatabase } from "../storage/testing/pglite.ts";
import type { MemoryBackend } from "./backend.ts";
import { ChromaBackend } from "./chroma_backend.ts";
import type { ChromaSettings } from "./chroma_client.ts";
import { startChromaServer } from "./chroma_server.ts";
import { ChromaVectorStore } from "./chroma_vector_store.ts";
import { PgvectorStore } from "./pgvector_store.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { type BackendFactory, input, memoryFixture } from "./testing/contract_fixture.ts";
import { reindexedWithEncoder } from "./testing/encoder_reindex.ts";
import type { Database } from "../storage/mod.ts";

const STORED = [
  "Spiders give me the creeps.",
  "My brother collects old stamps from Portugal.",
  "We painted the kitchen a pale green last spring.",
];

/** Stores with the local embedder, reindexes with the encoder, then searches and stores. */
async function reindexAndSearch(
  factory: BackendFactory,
  options: { database?: () => Promise<Database>; pgvector?: boolean } = {},
): Promise<void> {
  const fixture = await memoryFixture(factory, {
    database: options.database ? await options.database() : undefined,
    pgvector: options.pgvector,
  });
  try {
    for (const content of STORED) await fixture.memory.store(fixture.aria, input({ content }));
    await fixture.memory.store(fixture.kira, input({ content: "I am scared of the dark." }));
    const memory = await reindexedWithEncoder(fixture);
    await memory.store(fixture.aria, input({ content: "I earn my money as a nurse." }));
    const [job] = await memory.search(fixture.aria, {
      query: "What do I do for a living?",
      n_results: 1,
      min_importance: 0,
    });
    assert.equal(job?.content, "I earn my money as a nurse.");
    // Kira's memory, still at 100-d under the local embedder, does not break a 612-d search.
    const kiras = await memory.search(fixture.kira, {
      query: "What am I afraid of?",
      n_results: 1,
      min_importance: 0,
    });
    assert.ok(kiras.length <= 1);
  } finally {
    await fixture.close();
  }
}

/** Runs `body` with a Chroma server that each step starts empty. */
async function withChroma(
  body: (
    settings: ChromaSettings,
    empty: () => Promise<void>,
  ) => Promise<void>,
): Promise<void> {
  const chroma = await startChromaServer();
  try {
    const client = new ChromaClient({ host: "127.0.0.1", port: chroma.port });
    const empty = async () => {
      for (const collection of await client.listCollections()) {
        await client.deleteCollection({ name: collection.name });
      }
    };
    await body({
      url: chroma.url,
      tenant: "default_tenant",
      database: "default_database",
      token: "",
      timeoutMs: 60_000, // a real server on a loaded machine: no test here is about time
    }, empty);
  } finally {
    await chroma.stop();
  }
}

Deno.test("the sentence encoder's 612-d vectors on Chroma: reindex from 100-d, search, store", async (t) => {
  await withChroma(async (settings, empty) => {
    await t.step("MEMORY_BACKEND=chroma (SQLite storage)", async () => {
      await empty();
      await reindexAndSearch((): MemoryBackend => new ChromaBackend(settings));
    });
    await t.step("STORAGE=postgres with vectors in Chroma (on PGlite)", async () => {
      await empty();
      await reindexAndSearch(
        (db) => new PostgresMemoryBackend(db, new ChromaVectorStore(settings)),
        { database: () => PgliteDatabase.open() },
      );
    });
  });
});

Deno.test("the sentence encoder's 612-d vectors on pgvector (PGlite): reindex from 100-d, search, store", async () => {
  await reindexAndSearch(
    (db) => new PostgresMemoryBackend(db, new PgvectorStore(db)),
    { database: () => PgliteDatabase.open(), pgvector: true },
  );
});
