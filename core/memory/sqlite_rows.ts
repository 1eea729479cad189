/**
 * Memory rows in SQLite: the tables (memories, their FTS5 index, pending purges) and the mapping
 * between rows and {@linkcode MemoryRecord}s.
 *
 * @module
 */
import type { Migration, SqlValue } from "../storage/database.ts";
import { indexVersionMigrations } from "./index_cache.ts";
import type { MemoryRecord } from "./schema.ts";

const memoryTables: Migration = {
  name: "memories_1",
  sql: `
    CREATE TABLE memories (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
      content TEXT NOT NULL,
      memory_type TEXT NOT NULL,
      importance REAL NOT NULL,
      base_importance REAL NOT NULL,
      importance_set_at TEXT NOT NULL,
      emotional_valence REAL NOT NULL DEFAULT 0,
      related_personas TEXT NOT NULL DEFAULT '[]',
      visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared', 'public')),
      metadata TEXT NOT NULL DEFAULT '{}',
      created_at TEXT NOT NULL,
      last_accessed TEXT,
      accessed_count INTEGER NOT NULL DEFAULT 0,
      embedder TEXT NOT NULL,
      vector BLOB NOT NULL
    );
    CREATE INDEX memories_by_persona ON memories (persona_id, embedder);
    CREATE INDEX memories_by_visibility ON memories (visibility, persona_id);
    -- Porter stemming so that "moved" matches "moving"; kept in step by the triggers below.
    CREATE VIRTUAL TABLE memories_fts USING fts5(
      content, content = 'memories', content_rowid = 'seq', tokenize = 'porter unicode61'
    );
    CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
      INSERT INTO memories_fts (rowid, content) VALUES (new.seq, new.content);
    END;
    CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
      INSERT INTO memories_fts (memories_fts, rowid, content) VALUES ('delete', old.seq, old.content);
    END;
    CREATE TRIGGER memories_fts_update AFTER UPDATE OF content ON memories BEGIN
      INSERT INTO memories_fts (memories_fts, rowid, content) VALUES ('delete', old.seq, old.content);
      INSERT INTO memories_fts (rowid, content) VALUES (new.seq, new.content);
    END;
    -- Personas deleted while an external memory store was unreachable; purged when it is back.
    CREATE TABLE memory_purges (persona_id TEXT PRIMARY KEY, requested_at TEXT NOT NULL);
  `,
};

/** Per-persona counts kept by triggers: `persona.get` reads one row instead of counting. */
const memoryCounts: Migration = {
  name: "memory_counts_1",
  sql: `
    CREATE TABLE memory_counts (
      persona_id TEXT PRIMARY KEY REFERENCES personas(id) ON DELETE CASCADE,
      n INTEGER NOT NULL
    );
    INSERT INTO memory_counts (persona_id, n)
      SELECT persona_id, COUNT(*) FROM memories GROUP BY persona_id;
    CREATE TRIGGER memory_counts_insert AFTER INSERT ON memories BEGIN
      INSERT INTO memory_counts (persona_id, n) VALUES (new.persona_id, 1)
        ON CONFLICT (persona_id) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER memory_counts_delete AFTER DELETE ON memories BEGIN
      UPDATE memory_counts SET n = n - 1 WHERE persona_id = old.persona_id;
    END;
  `,
};

/**
 * The full-text index is rewritten only when the content really changes. A save writes every
 * column, so without the `WHEN` each decayed memory's unchanged text was deleted from and added
 * back to the index.
 */
const ftsOnContentChange: Migration = {
  name: "memories_fts_update_2",
  sql: `
    DROP TRIGGER memories_fts_update;
    CREATE TRIGGER memories_fts_update AFTER UPDATE OF content ON memories
      WHEN old.content IS NOT new.content BEGIN
      INSERT INTO memories_fts (memories_fts, rowid, content) VALUES ('delete', old.seq, old.content);
      INSERT INTO memories_fts (rowid, content) VALUES (new.seq, new.content);
    END;
  `,
};

/** `memory.list` pages (newest first) and the stats' oldest and newest, read off one index. */
const memoriesByCreation: Migration = {
  name: "memories_by_created_1",
  sql: "CREATE INDEX memories_by_created ON memories (persona_id, created_at, seq);",
};

/**
 * Supersession: the newer memory that replaces one (`superseded_by`) and the older ones a
 * memory replaces (`supersedes`, JSON). Existing memories replace nothing.
 */
const supersession: Migration = {
  name: "memories_supersession_1",
  sql: `
    ALTER TABLE memories ADD COLUMN superseded_by TEXT;
    ALTER TABLE memories ADD COLUMN supersedes TEXT NOT NULL DEFAULT '[]';
  `,
};

/** Tables owned by the memory module (applied whatever the backend; Chroma uses the purges). */
export const memoryMigrations: Migration[] = [
  memoryTables,
  ...indexVersionMigrations,
  memoryCounts,
  ftsOnContentChange,
  memoriesByCreation,
  supersession,
];

/** A `memories` row without its vector: lists and objects are JSON text. */
export type MemoryRow = Omit<MemoryRecord, "related_personas" | "metadata" | "supersedes"> & {
  related_personas: string;
  metadata: string;
  supersedes: string;
};

/** The record columns, in {@linkcode recordValues} order. */
export const RECORD_COLUMNS = [
  "id",
  "persona_id",
  "content",
  "memory_type",
  "importance",
  "base_importance",
  "importance_set_at",
  "emotional_valence",
  "related_personas",
  "visibility",
  "metadata",
  "created_at",
  "last_accessed",
  "accessed_count",
  "embedder",
  "superseded_by",
  "supersedes",
] as const;

/** The columns as SQL, with a table alias when given. */
export function columns(alias = ""): string {
  return RECORD_COLUMNS.map((name) => `${alias}${name}`).join(", ");
}

/** The record a row stands for. */
export function fromRow(row: MemoryRow): MemoryRecord {
  return {
    ...row,
    related_personas: JSON.parse(row.related_personas),
    metadata: JSON.parse(row.metadata),
    supersedes: JSON.parse(row.supersedes),
  };
}

/** The columns `save` writes: all but the id and the access counters (only `touch` moves those). */
export const SAVED_COLUMNS = RECORD_COLUMNS.filter((name) =>
  name !== "id" && name !== "accessed_count" && name !== "last_accessed"
);

/** The bound values of `record` for `names` (every column by default), in that order. */
export function recordValues(
  record: MemoryRecord,
  names: readonly (typeof RECORD_COLUMNS)[number][] = RECORD_COLUMNS,
): SqlValue[] {
  return names.map((name) => {
    const value = record[name];
    return Array.isArray(value) || (value !== null && typeof value === "object")
      ? JSON.stringify(value)
      : value as SqlValue;
  });
}

/** The bytes SQLite stores for `vector`. */
export function vectorBytes(vector: Float32Array): Uint8Array {
  return new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
}
