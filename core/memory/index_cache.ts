/**
 * The SQLite backend's in-memory search indexes: per persona and embedder the vector matrix
 * ({@linkcode VectorIndex}), and per persona the BM25 postings ({@linkcode LexicalIndex}) of all
 * its memories whatever their embedder (so words still find memories an embedder change left
 * for `memory.reindex`), loaded on first use and kept in step with this process's writes. Another
 * process may share the database file (a stdio instance beside the server): its commits change
 * `PRAGMA data_version`, and a per-persona version row (bumped by triggers on every insert,
 * delete and indexed-field update) says whose indexes went stale, so only those are reloaded.
 *
 * @module
 */
import type { Migration } from "../storage/database.ts";
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import { LexicalIndex } from "./lexical_index.ts";
import type { Visibility } from "./schema.ts";
import { VectorIndex } from "./vector_index.ts";

/** The version rows and their triggers (access counters are not indexed, so they do not bump). */
export const indexVersionMigrations: Migration[] = [{
  name: "memories_2_index_versions",
  sql: `
    CREATE TABLE memory_versions (persona_id TEXT PRIMARY KEY, version INTEGER NOT NULL);
    CREATE TRIGGER memory_versions_insert AFTER INSERT ON memories BEGIN
      INSERT INTO memory_versions (persona_id, version) VALUES (new.persona_id, 1)
        ON CONFLICT (persona_id) DO UPDATE SET version = version + 1;
    END;
    CREATE TRIGGER memory_versions_delete AFTER DELETE ON memories BEGIN
      INSERT INTO memory_versions (persona_id, version) VALUES (old.persona_id, 1)
        ON CONFLICT (persona_id) DO UPDATE SET version = version + 1;
    END;
    CREATE TRIGGER memory_versions_update
      AFTER UPDATE OF importance, memory_type, visibility, embedder, vector ON memories BEGIN
      INSERT INTO memory_versions (persona_id, version) VALUES (new.persona_id, 1)
        ON CONFLICT (persona_id) DO UPDATE SET version = version + 1;
    END;
  `,
}];

interface FieldRow {
  id: string;
  importance: number;
  memory_type: string;
  visibility: Visibility;
}

/** One persona's memories by one embedder by vector, and all its memories by BM25. */
export interface PersonaIndex {
  vectors: VectorIndex;
  lexical: LexicalIndex;
}

function fieldsOf(row: FieldRow) {
  return { importance: row.importance, memoryType: row.memory_type, visibility: row.visibility };
}

const SEPARATOR = "\u0000";

/** Loaded indexes with the persona versions they reflect. */
export class IndexCache {
  readonly #db: Database;
  readonly #vectors = new Map<string, VectorIndex>();
  readonly #lexical = new Map<string, LexicalIndex>();
  /** Persona id → the version its loaded indexes reflect. */
  readonly #versions = new Map<string, number>();
  #dataVersion = -1;

  /** A cache over `db` (memory migrations applied). */
  constructor(db: Database) {
    this.#db = db;
  }

  #version(personaId: string): number {
    return this.#db.get<{ version: number }>(
      "SELECT version FROM memory_versions WHERE persona_id = ?",
      personaId,
    )?.version ?? 0;
  }

  /** The loaded vector index of a persona's memories by `embedder`, if any. */
  loadedVectors(personaId: string, embedder: string): VectorIndex | undefined {
    return this.#vectors.get(`${personaId}${SEPARATOR}${embedder}`);
  }

  /** The loaded BM25 index of a persona's memories, if any. */
  loadedLexical(personaId: string): LexicalIndex | undefined {
    return this.#lexical.get(personaId);
  }

  /** The indexes of a persona's memories (vectors by `embedder`), loading them on first use. */
  get(personaId: string, embedder: string, dimensions: number): PersonaIndex {
    // The version is read before the rows: a commit in between only causes one extra reload.
    if (!this.#versions.has(personaId)) this.#versions.set(personaId, this.#version(personaId));
    const key = `${personaId}${SEPARATOR}${embedder}`;
    if (!this.#vectors.has(key) && !this.#lexical.has(personaId)) {
      this.#loadBoth(personaId, embedder, dimensions);
    }
    return {
      vectors: this.#vectorIndex(personaId, embedder, dimensions),
      lexical: this.#lexicalIndex(personaId),
    };
  }

  /** Loads both indexes of a persona in one scan of its rows (the usual first search). */
  #loadBoth(personaId: string, embedder: string, dimensions: number): void {
    const rows = this.#db.all<FieldRow & { content: string; embedder: string; vector: Uint8Array }>(
      `SELECT id, importance, memory_type, visibility, content, embedder, vector FROM memories
       WHERE persona_id = ?`,
      personaId,
    );
    const lexical = new LexicalIndex();
    const vectors = new VectorIndex(dimensions, Math.max(64, rows.length));
    lexical.load(rows.map((row) => ({ id: row.id, content: row.content, fields: fieldsOf(row) })));
    for (const row of rows) {
      if (row.embedder === embedder) vectors.upsert(row.id, row.vector, fieldsOf(row));
    }
    this.#lexical.set(personaId, lexical);
    this.#vectors.set(`${personaId}${SEPARATOR}${embedder}`, vectors);
  }

  #vectorIndex(personaId: string, embedder: string, dimensions: number): VectorIndex {
    const key = `${personaId}${SEPARATOR}${embedder}`;
    let index = this.#vectors.get(key);
    if (index) return index;
    const rows = this.#db.all<FieldRow & { vector: Uint8Array }>(
      `SELECT id, importance, memory_type, visibility, vector FROM memories
       WHERE persona_id = ? AND embedder = ?`,
      personaId,
      embedder,
    );
    index = new VectorIndex(dimensions, Math.max(64, rows.length));
    for (const row of rows) index.upsert(row.id, row.vector, fieldsOf(row));
    this.#vectors.set(key, index);
    return index;
  }

  #lexicalIndex(personaId: string): LexicalIndex {
    let index = this.#lexical.get(personaId);
    if (index) return index;
    index = new LexicalIndex();
    const rows = this.#db.all<FieldRow & { content: string }>(
      "SELECT id, importance, memory_type, visibility, content FROM memories WHERE persona_id = ?",
      personaId,
    );
    index.load(rows.map((row) => ({ id: row.id, content: row.content, fields: fieldsOf(row) })));
    this.#lexical.set(personaId, index);
    return index;
  }

  /** Forgets a persona's indexes (they reload on next use). */
  drop(personaId: string): void {
    for (const key of [...this.#vectors.keys()]) {
      if (key.startsWith(`${personaId}${SEPARATOR}`)) this.#vectors.delete(key);
    }
    this.#lexical.delete(personaId);
    this.#versions.delete(personaId);
  }

  /** Drops the indexes another connection changed since they were loaded (cheap when none did). */
  refresh(): void {
    const version = this.#db.get<{ data_version: number }>("PRAGMA data_version")!.data_version;
    if (version === this.#dataVersion) return;
    this.#dataVersion = version;
    for (const [personaId, seen] of [...this.#versions]) {
      if (this.#version(personaId) !== seen) this.drop(personaId);
    }
  }

  /**
   * Runs this process's write to the memories of `personaIds` in one transaction. Other writers
   * are locked out meanwhile, so the versions read before and after are exactly ours: an index
   * that was current stays current (the caller updates it); one that was not is dropped.
   */
  write<T>(personaIds: Iterable<string>, work: () => T): T {
    return this.#db.transaction(() => {
      const tracked = [...new Set(personaIds)].filter((id) => this.#versions.has(id));
      const current = tracked.filter((id) => this.#version(id) === this.#versions.get(id));
      const result = work();
      for (const id of tracked) {
        if (current.includes(id)) this.#versions.set(id, this.#version(id));
        else this.drop(id);
      }
      return result;
    });
  }

  /** Forgets every index. */
  clear(): void {
    this.#vectors.clear();
    this.#lexical.clear();
    this.#versions.clear();
  }
}
