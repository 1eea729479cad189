/**
 * Memory rows in PostgreSQL (`STORAGE=postgres`): the `memories` table (the same record columns
 * as SQLite's, `sqlite_rows.ts`), each memory's analysed terms as a `tsvector`, and the BM25
 * statistics kept in step with them by a trigger, in the writer's transaction: per persona the
 * number of memories and their total length in terms (`memory_doc_stats`), and per persona and
 * term the number of memories holding it (`memory_term_stats`). So BM25 here is computed from
 * exactly the statistics the SQLite backend's in-memory index holds, with the same analyser
 * (`text.ts`): the words reach PostgreSQL already analysed and are stored as they are, never
 * run through a text-search configuration of PostgreSQL's own.
 *
 * A `tsvector` keeps positions, not counts: a term occurring tf times is stored at positions
 * 1..tf, so its frequency is the number of positions. PostgreSQL keeps at most 255 positions per
 * term (tf is capped there; BM25 saturates long before) and drops terms longer than 2046 bytes.
 *
 * @module
 */
import type { Migration } from "../storage/database.ts";
import { ANALYSER_VERSION, terms } from "./text.ts";
import { REFERENTS_TABLE } from "./referent_rows.ts";
import { analyserMigrations } from "./postgres_analyser_migrations.ts";

/** Most occurrences of one term a tsvector records (PostgreSQL's limit is 255 positions). */
export const MAX_TERM_FREQUENCY = 255;
/** Longest term a tsvector takes, in UTF-8 bytes. */
const MAX_TERM_BYTES = 2046;

const memoryTables: Migration = {
  name: "pg_memories_1",
  sql: {
    postgres: `
      CREATE TABLE memories (
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        id TEXT PRIMARY KEY,
        persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
        content TEXT NOT NULL,
        memory_type TEXT NOT NULL,
        importance DOUBLE PRECISION NOT NULL,
        base_importance DOUBLE PRECISION NOT NULL,
        importance_set_at TEXT NOT NULL,
        emotional_valence DOUBLE PRECISION NOT NULL DEFAULT 0,
        related_personas TEXT NOT NULL DEFAULT '[]',
        visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared', 'public')),
        metadata TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        last_accessed TEXT,
        accessed_count BIGINT NOT NULL DEFAULT 0,
        embedder TEXT NOT NULL,
        superseded_by TEXT,
        supersedes TEXT NOT NULL DEFAULT '[]',
        terms TSVECTOR NOT NULL,
        term_count INTEGER NOT NULL
      );
      CREATE INDEX memories_by_persona ON memories (persona_id, embedder);
      CREATE INDEX memories_by_created ON memories (persona_id, created_at, seq);
      CREATE INDEX memories_by_visibility ON memories (visibility, persona_id);
      CREATE INDEX memories_terms ON memories USING gin (terms);
      CREATE TABLE memory_doc_stats (
        persona_id TEXT PRIMARY KEY,
        docs BIGINT NOT NULL,
        total_length BIGINT NOT NULL
      );
      CREATE TABLE memory_term_stats (
        persona_id TEXT NOT NULL,
        term TEXT NOT NULL,
        df BIGINT NOT NULL,
        PRIMARY KEY (persona_id, term)
      );
      -- The persona's row is locked first, so writers of one persona queue instead of
      -- deadlocking on term rows taken in different orders.
      CREATE FUNCTION memory_stats_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE memory_doc_stats SET docs = docs - 1, total_length = total_length - OLD.term_count
            WHERE persona_id = OLD.persona_id;
          UPDATE memory_term_stats s SET df = s.df - 1
            FROM unnest(tsvector_to_array(OLD.terms)) AS t(term)
            WHERE s.persona_id = OLD.persona_id AND s.term = t.term;
          DELETE FROM memory_term_stats WHERE persona_id = OLD.persona_id AND df <= 0
            AND term = ANY(tsvector_to_array(OLD.terms));
          DELETE FROM memory_doc_stats WHERE persona_id = OLD.persona_id AND docs <= 0;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO memory_doc_stats (persona_id, docs, total_length)
            VALUES (NEW.persona_id, 1, NEW.term_count)
            ON CONFLICT (persona_id) DO UPDATE SET docs = memory_doc_stats.docs + 1,
              total_length = memory_doc_stats.total_length + NEW.term_count;
          INSERT INTO memory_term_stats (persona_id, term, df)
            SELECT NEW.persona_id, t.term, 1 FROM unnest(tsvector_to_array(NEW.terms)) AS t(term)
            ON CONFLICT (persona_id, term) DO UPDATE SET df = memory_term_stats.df + 1;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER memories_stats_insert_delete AFTER INSERT OR DELETE ON memories
        FOR EACH ROW EXECUTE FUNCTION memory_stats_change();
      CREATE TRIGGER memories_stats_update AFTER UPDATE OF terms, term_count, persona_id ON memories
        FOR EACH ROW WHEN (OLD.terms IS DISTINCT FROM NEW.terms OR OLD.term_count <> NEW.term_count
          OR OLD.persona_id <> NEW.persona_id)
        EXECUTE FUNCTION memory_stats_change();
      CREATE TABLE memory_purges (persona_id TEXT PRIMARY KEY, requested_at TEXT NOT NULL);
    `,
  },
};

/**
 * The vector column of `MEMORY_BACKEND=pgvector` (and the extension): one column for every
 * embedder, its dimension beside it; each dimension gets its own HNSW index (cosine) when first
 * used (`pgvector_store.ts`), since an index needs one fixed dimension.
 */
export const pgvectorMigrations: Migration[] = [{
  name: "pg_memories_vectors_1",
  sql: {
    postgres: `
      CREATE EXTENSION IF NOT EXISTS vector;
      ALTER TABLE memories ADD COLUMN embedding vector;
      ALTER TABLE memories ADD COLUMN dims INTEGER;
    `,
  },
}];

/** SQL for the texts of a bound JSON array (`x IN ${JSON_TEXTS}`), one text per element. */
export const JSON_TEXTS = "(SELECT jsonb_array_elements_text(CAST(CAST(? AS TEXT) AS jsonb)))";

/** What a memory was drawn from: a fact's exchange, a reflection's evidence (JSON ids). */
const sources: Migration = {
  name: "pg_memories_sources_1",
  sql: { postgres: "ALTER TABLE memories ADD COLUMN source_ids TEXT NOT NULL DEFAULT '[]';" },
};

/** The person a memory's opening pronoun stands for, kept beside it (`referent_rows.ts`). */
const referents: Migration = { name: "pg_memory_referents_1", sql: { postgres: REFERENTS_TABLE } };

/**
 * The PostgreSQL memory tables (whatever holds the vectors), without the kind keys
 * (`postgres_kind_keys.ts`): the whole list, in order, is `postgresMemoryMigrations` (`mod.ts`).
 */
export const postgresRowMigrations: Migration[] = [
  memoryTables,
  sources,
  ...analyserMigrations,
  referents,
];

/**
 * The `terms_analyser` value this process writes with new terms: the analyser's version,
 * negated to tell the trigger of {@linkcode postgresRowMigrations} that the writer knows it.
 */
export const TERMS_WRITTEN_NOW = -ANALYSER_VERSION;

function quoted(term: string): string {
  return `'${term.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

const encoder = new TextEncoder();

function fits(term: string): boolean {
  return term.length * 3 <= MAX_TERM_BYTES || encoder.encode(term).length <= MAX_TERM_BYTES;
}

/** The analysed terms of `content` as a `tsvector` literal (tf as positions) and their count. */
export function termVector(content: string): { vector: string; count: number } {
  const analysed = terms(content);
  const frequencies = new Map<string, number>();
  for (const term of analysed) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  const lexemes: string[] = [];
  for (const [term, tf] of frequencies) {
    if (!fits(term)) continue;
    const positions = Array.from({ length: Math.min(tf, MAX_TERM_FREQUENCY) }, (_, i) => i + 1);
    lexemes.push(`${quoted(term)}:${positions.join(",")}`);
  }
  return { vector: lexemes.join(" "), count: analysed.length };
}

/** A `tsquery` literal matching a memory holding any of `terms` (as they are: analysed). */
export function anyTermQuery(queryTerms: readonly string[]): string {
  return queryTerms.filter(fits).map(quoted).join(" | ");
}
