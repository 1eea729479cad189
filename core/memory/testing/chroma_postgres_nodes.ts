/**
 * Server nodes sharing one PostgreSQL schema and one real Chroma server, for tests of what two
 * nodes do to the same memories at once. Each node has its own database pool, backend (made by
 * the caller, e.g. with a hook between read and write), persona service and memory service.
 *
 * @module
 */
import { ManualClock } from "../../clock.ts";
import { createLogger } from "../../log.ts";
import {
  type Persona,
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../../personas/mod.ts";
import { PostgresDatabase, storageMigrations } from "../../storage/mod.ts";
import { testSchema } from "../../storage/testing/databases.ts";
import type { ChromaSettings } from "../chroma_client.ts";
import { startChromaServer } from "../chroma_server.ts";
import { ChromaVectorStore } from "../chroma_vector_store.ts";
import { LocalEmbedder } from "../embedder.ts";
import { memoryMigrationsFor } from "../mod.ts";
import { PostgresMemoryBackend } from "../postgres_backend.ts";
import { PurgeQueue } from "../purges.ts";
import { MemoryService } from "../service.ts";
import { CONTRACT_SETTINGS } from "./contract_fixture.ts";

/** One node: its pool, backend, personas and memory. */
export interface ChromaPostgresNode<B extends PostgresMemoryBackend> {
  db: PostgresDatabase;
  backend: B;
  personas: PersonaService;
  memory: MemoryService;
}

/**
 * Runs `work` with `node()`, which starts another node over the shared schema and Chroma server,
 * its backend made by `backendOf`; every node, the schema and the server are gone after.
 */
export async function withChromaPostgresNodes<B extends PostgresMemoryBackend>(
  options: {
    backendOf: (db: PostgresDatabase, vectors: ChromaVectorStore) => B;
  },
  work: (node: () => Promise<ChromaPostgresNode<B>>) => Promise<void>,
): Promise<void> {
  const chroma = await startChromaServer();
  const schema = await testSchema();
  const databases: PostgresDatabase[] = [];
  const services: MemoryService[] = [];
  try {
    const settings: ChromaSettings = {
      url: chroma.url,
      tenant: "default_tenant",
      database: "default_database",
      token: "",
      timeoutMs: 10_000,
    };
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    await work(async () => {
      const db = new PostgresDatabase({
        url: schema.url,
        poolSize: 4,
        idleTimeoutS: 0,
        connectTimeoutS: 10,
      });
      databases.push(db);
      await db.migrate([
        ...storageMigrations,
        ...personaMigrations,
        ...memoryMigrationsFor({ MEMORY_BACKEND: "chroma" }),
      ]);
      const backend = options.backendOf(db, new ChromaVectorStore(settings));
      const personas = new PersonaService(new PersonaRepository(db), clock);
      const memory = new MemoryService({
        backend,
        embedder: new LocalEmbedder(),
        personas,
        clock,
        log: createLogger("error", { write: () => {} }),
        purges: new PurgeQueue(db),
        settings: CONTRACT_SETTINGS,
      });
      services.push(memory);
      return { db, backend, personas, memory };
    });
  } finally {
    for (const memory of services) await memory.close();
    for (const db of databases) await db.close();
    await schema.drop();
    await chroma.stop();
  }
}

/** {@linkcode withChromaPostgresNodes} with each node's backend the plain `PostgresMemoryBackend`. */
export function withPostgresNodes(
  work: (node: () => Promise<ChromaPostgresNode<PostgresMemoryBackend>>) => Promise<void>,
): Promise<void> {
  return withChromaPostgresNodes(
    { backendOf: (db, vectors) => new PostgresMemoryBackend(db, vectors) },
    work,
  );
}

/** {@linkcode withPostgresNodes} with one node and the persona Aria created on it. */
export function withAriaOnOneNode(
  work: (one: ChromaPostgresNode<PostgresMemoryBackend>, aria: Persona) => Promise<void>,
): Promise<void> {
  return withPostgresNodes(async (node) => {
    const one = await node();
    const aria = await one.personas.create(PersonaCreate.parse({ name: "Aria" }));
    await work(one, aria);
  });
}
