/**
 * Long-term memory: backends (SQLite, Chroma), embedders, importance, ranking, decay, pruning,
 * and the service handlers and the chat engine use.
 *
 * @module
 */
import type { Telemetry } from "../telemetry.ts";
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { LlmClient } from "../llm/client.ts";
import type { Logger } from "../log.ts";
import type { PersonaService } from "../personas/mod.ts";
import {
  type Database,
  type Migration,
  onlyOn,
  PeriodClaims,
  SqliteDatabase,
} from "../storage/mod.ts";
import type { ChromaSettings } from "./chroma_client.ts";
import { ChromaVectorStore } from "./chroma_vector_store.ts";
import { PgvectorStore } from "./pgvector_store.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { pgvectorMigrations, postgresRowMigrations } from "./postgres_rows.ts";
import {
  kindKeysMigration,
  kindKeysWriterMigration,
  senderKeysMigration,
} from "./postgres_kind_keys.ts";
import { memoryMigrations } from "./sqlite_migrations.ts";
import type { MemoryBackend } from "./backend.ts";
import type { MemoryServiceDeps, MemorySettings } from "./service_deps.ts";
import { ChromaBackend } from "./chroma_backend.ts";
import type { Embedder } from "./embedder.ts";
import { createEmbedder } from "./embedder_choice.ts";
import { PurgeQueue } from "./purges.ts";
import { MemoryService } from "./service.ts";
import { SqliteBackend } from "./sqlite_backend.ts";

export type {
  Candidate,
  CandidateQuery,
  MemoryBackend,
  MemoryWrite,
  PersonaSummary,
} from "./backend.ts";
export { ChromaBackend, type ChromaSettings } from "./chroma_backend.ts";
export { DECAY_MODES, type DecayMode } from "./decay.ts";
export { type Embedder, LocalEmbedder, ModelEmbedder } from "./embedder.ts";
export { createEmbedder } from "./embedder_choice.ts";
export { EncoderEmbedder } from "./embedder_encoder.ts";
export { scoreImportance, scoreImportanceDetailed } from "./importance.ts";
export { listStart, scopedKey } from "./list_cursor.ts";
export { PurgeQueue } from "./purges.ts";
export {
  CrossPersonaParams,
  MAX_MEMORY_ID,
  memoryFields,
  MemoryInput,
  MemoryPatch,
  type MemoryRecord,
  type MemoryView,
  SearchParams,
  toView,
  VISIBILITIES,
  type Visibility,
} from "./schema.ts";
export type { CrossPersonaHit, SearchHit } from "./search.ts";
export type {
  MemoryOrigin,
  SimilarMemory,
  StoredEvent,
  StoredListener,
  StoreOptions,
} from "./events.ts";
export { MemoryService } from "./service.ts";
export type { MemorySettings } from "./service_deps.ts";
export type { ReindexProgress } from "./memory_reindex.ts";
export { memoryMigrations } from "./sqlite_migrations.ts";
export { SqliteBackend } from "./sqlite_backend.ts";
export { PostgresMemoryBackend } from "./postgres_backend.ts";
export { pgvectorMigrations } from "./postgres_rows.ts";

/** The PostgreSQL memory tables (whatever holds the vectors), the kind keys column last. */
export const postgresMemoryMigrations: Migration[] = [
  ...postgresRowMigrations,
  kindKeysMigration,
  kindKeysWriterMigration,
  senderKeysMigration,
];
export { PgvectorStore } from "./pgvector_store.ts";
export { ChromaVectorStore } from "./chroma_vector_store.ts";
export type { VectorStore } from "./vector_store.ts";

/** The memory settings in `config`. */
export function memorySettings(config: Config): MemorySettings {
  return {
    decayMode: config.MEMORY_DECAY_MODE,
    decayFloor: config.MEMORY_DECAY_FLOOR,
    decayIntervalMs: config.MEMORY_DECAY_INTERVAL_S * 1000,
    autoPrune: config.MEMORY_AUTO_PRUNE,
    pruneThreshold: config.MEMORY_PRUNE_THRESHOLD,
    pruneTarget: config.MEMORY_PRUNE_TARGET,
  };
}

/** The Chroma settings in `config`. */
export function chromaSettings(config: Config): ChromaSettings {
  return {
    url: config.CHROMA_URL,
    tenant: config.CHROMA_TENANT,
    database: config.CHROMA_DATABASE,
    token: config.CHROMA_TOKEN,
    timeoutMs: config.CHROMA_TIMEOUT_MS,
  };
}

/**
 * Every memory migration, for either storage: SQLite's tables (search columns, version rows) on SQLite,
 * PostgreSQL's (tsvector terms, BM25 statistics) on PostgreSQL, plus pgvector's column when
 * `MEMORY_BACKEND=pgvector` (the only case that needs the extension).
 */
export function memoryMigrationsFor(config: Pick<Config, "MEMORY_BACKEND">): Migration[] {
  return [
    ...onlyOn("sqlite", memoryMigrations),
    ...onlyOn("postgres", postgresMemoryMigrations),
    ...(config.MEMORY_BACKEND === "pgvector" ? pgvectorMigrations : []),
  ];
}

/**
 * The backend `config` asks for: with SQLite storage, the memories in the file (`sqlite`) or in a
 * Chroma server (`chroma`); with PostgreSQL storage, the memories in PostgreSQL and their vectors
 * in pgvector (`pgvector`) or a Chroma server (`chroma`).
 */
export function createBackend(config: Config, db: Database): MemoryBackend {
  if (db.dialect === "postgres") {
    const vectors = config.MEMORY_BACKEND === "pgvector"
      ? new PgvectorStore(db)
      : new ChromaVectorStore(chromaSettings(config));
    return new PostgresMemoryBackend(db, vectors);
  }
  if (config.MEMORY_BACKEND === "sqlite") {
    if (!(db instanceof SqliteDatabase)) {
      throw new Error(
        "MEMORY_BACKEND=sqlite keeps memories in the SQLite file: it needs STORAGE=sqlite",
      );
    }
    return new SqliteBackend(db);
  }
  return new ChromaBackend(chromaSettings(config));
}

/** What {@linkcode createMemoryService} needs. */
export interface MemoryServiceParts {
  config: Config;
  db: Database;
  clock: Clock;
  log: Logger;
  llm: LlmClient;
  personas: PersonaService;
  /** Overrides the backend the config asks for (tests). */
  backend?: MemoryBackend;
  /** Overrides the embedder the config asks for (tests). */
  embedder?: Embedder;
  /** This process's id among the nodes (who claimed a period of the decay schedule). */
  node?: string;
  /** Where search timings go (none by default). */
  telemetry?: Telemetry;
  /** Runs follow-up work at a quiet moment (`MemoryServiceDeps.later`). */
  later?: MemoryServiceDeps["later"];
}

/** Builds the memory service the settings describe, over the server's database. */
export function createMemoryService(parts: MemoryServiceParts): MemoryService {
  return new MemoryService({
    backend: parts.backend ?? createBackend(parts.config, parts.db),
    embedder: parts.embedder ?? createEmbedder(
      parts.llm,
      parts.config.EMBED_MODEL,
      parts.config.MEMORY_ENCODER,
    ),
    personas: parts.personas,
    clock: parts.clock,
    log: parts.log,
    purges: new PurgeQueue(parts.db),
    settings: memorySettings(parts.config),
    claims: new PeriodClaims(parts.db, parts.node ?? crypto.randomUUID()),
    telemetry: parts.telemetry,
    later: parts.later,
    // Every node of a cluster reads the PostgreSQL memories: no node may hold an exchange back.
    sharedStore: parts.db.dialect === "postgres",
  });
}
