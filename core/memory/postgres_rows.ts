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
import { chatSpeakPattern, DIALECT_SPEAK } from "./chat_speak.ts";

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

/**
 * The queue of memories whose terms the analyser's version 2 (`ANALYSER_VERSION`, `text.ts`)
 * makes again (`postgres_reanalyse.ts`): those whose text is not plain ASCII.
 */
const termsAnalyser2: Migration = {
  name: "pg_memories_terms_analyser_2",
  sql: {
    postgres: `
      CREATE TABLE memory_reanalyse (id TEXT PRIMARY KEY);
      INSERT INTO memory_reanalyse (id)
        SELECT id FROM memories WHERE octet_length(content) <> char_length(content);
    `,
  },
};

/** A new or changed row's text that is not plain ASCII. */
const NOT_ASCII = "octet_length(NEW.content) <> char_length(NEW.content)";

/**
 * The trigger function of {@linkcode termsWriter}: terms written by this version's nodes carry
 * the negated version; an older node's are marked with its version (1 when it sends no mark) and
 * queued when its text is `stale` (a condition on `NEW`), and its local vector too. From version
 * 3 on (`options.version`) only `-version` is this version's mark: a version-2 node sends -2.
 */
function termsWriterFunction(
  create: string,
  stale: string,
  options: { version?: number } = {},
): string {
  // Version 2's function (its migration's SQL, unchanged) took any negative mark as its own.
  const own = options.version === undefined
    ? `IF NEW.terms_analyser < 0 THEN
          NEW.terms_analyser := -NEW.terms_analyser;
        ELSE
          NEW.terms_analyser := 1;`
    : `IF NEW.terms_analyser = -${options.version} THEN
          NEW.terms_analyser := ${options.version};
        ELSE
          -- An older node: its own version's mark (negative), or none at all (version 1).
          NEW.terms_analyser := CASE WHEN NEW.terms_analyser < 0 THEN -NEW.terms_analyser ELSE 1 END;`;
  return `${create} FUNCTION memory_terms_writer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${own}
          IF ${stale} THEN
            INSERT INTO memory_reanalyse (id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
            IF NEW.embedder LIKE 'local-%' THEN
              INSERT INTO memory_remake (id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
            END IF;
          END IF;
        END IF;
        RETURN NEW;
      END $$;`;
}

/**
 * Which analyser wrote each memory's terms (`terms_analyser`), so that terms an older node
 * writes during a rolling upgrade are made again too. A writer of this version sends the
 * negated version (`-ANALYSER_VERSION`, {@linkcode TERMS_WRITTEN_NOW}) with every write of
 * terms, and the trigger stores it positive; terms written by a node that does not know the
 * column (an older analyser's) leave it as it was, so the trigger stores 1 and queues the memory
 * in `memory_reanalyse` when its text is not plain ASCII (as the version 2 migration did), and in
 * `memory_remake` too when the local embedder made its vector ({@linkcode vectorsAnalyser2}).
 */
const termsWriter: Migration = {
  name: "pg_memories_terms_analyser_column_1",
  sql: {
    postgres: `
      ALTER TABLE memories ADD COLUMN terms_analyser INTEGER NOT NULL DEFAULT 1;
      UPDATE memories SET terms_analyser = 2 WHERE id NOT IN (SELECT id FROM memory_reanalyse);
      CREATE TABLE memory_remake (id TEXT PRIMARY KEY);
      ${termsWriterFunction("CREATE", NOT_ASCII)}
      CREATE TRIGGER memories_terms_writer BEFORE INSERT OR UPDATE OF terms ON memories
        FOR EACH ROW EXECUTE FUNCTION memory_terms_writer();
    `,
  },
};

/**
 * The local embedder's vectors of text that is not plain ASCII were made from an older
 * analyser's words (as `memories_vectors_analyser_2` on SQLite): queued in `memory_remake` (made
 * by {@linkcode termsWriter}, whose trigger queues those an older node writes) for `memory.reindex`.
 */
const vectorsAnalyser2: Migration = {
  name: "pg_memories_vectors_analyser_2",
  sql: {
    postgres: `
      CREATE TABLE IF NOT EXISTS memory_remake (id TEXT PRIMARY KEY);
      INSERT INTO memory_remake (id) SELECT id FROM memories
        WHERE embedder LIKE 'local-%' AND octet_length(content) <> char_length(content)
        ON CONFLICT DO NOTHING;
    `,
  },
};

/**
 * The analyser's version 3 (`ANALYSER_VERSION`, `text.ts`) reads texting spellings as the words
 * they stand for (`chat_speak.ts`), plain ASCII text too: memories that hold one of the
 * lexicon's words are queued for their terms (`postgres_reanalyse.ts`) and, when the local
 * embedder made their vector, for `memory.reindex`; terms an older node writes are queued as
 * version 2's trigger queued text that is not plain ASCII.
 */
const analyser3: Migration = {
  name: "pg_memories_analyser_3",
  sql: {
    postgres: `
      INSERT INTO memory_reanalyse (id) SELECT id FROM memories
        WHERE lower(content) ~ '${chatSpeakPattern()}' ON CONFLICT DO NOTHING;
      INSERT INTO memory_remake (id) SELECT id FROM memories
        WHERE embedder LIKE 'local-%' AND lower(content) ~ '${chatSpeakPattern()}'
        ON CONFLICT DO NOTHING;
      ${
      termsWriterFunction(
        "CREATE OR REPLACE",
        `${NOT_ASCII} OR lower(NEW.content) ~ '${chatSpeakPattern()}'`,
        { version: 3 },
      )
    }
    `,
  },
};

/**
 * Whether terms an older node wrote (its version in `NEW.terms_analyser`) are stale under
 * analyser 4: a dialect spelling of a function word (version 4), another texting spelling
 * (version 3) or text that is not plain ASCII (version 2) read by a version before that.
 */
const STALE_BEFORE_4 = `lower(NEW.content) ~ '${chatSpeakPattern(DIALECT_SPEAK)}'
  OR (NEW.terms_analyser < 3 AND lower(NEW.content) ~ '${chatSpeakPattern()}')
  OR (NEW.terms_analyser < 2 AND ${NOT_ASCII})`;

/**
 * The analyser's version 4 (`ANALYSER_VERSION`, `text.ts`) reads dialect and texting spellings
 * of function words as them (`DIALECT_SPEAK`, `chat_speak.ts`): memories that hold one are
 * queued for their terms and, when the local embedder made their vector, for `memory.reindex`.
 * The trigger now takes only -4 as its own mark: terms a version-3 node writes of such text are
 * queued, and an older node's as each version since its own reads them ({@linkcode STALE_BEFORE_4}).
 */
const analyser4: Migration = {
  name: "pg_memories_analyser_4",
  sql: {
    postgres: `
      INSERT INTO memory_reanalyse (id) SELECT id FROM memories
        WHERE lower(content) ~ '${chatSpeakPattern(DIALECT_SPEAK)}' ON CONFLICT DO NOTHING;
      INSERT INTO memory_remake (id) SELECT id FROM memories
        WHERE embedder LIKE 'local-%' AND lower(content) ~ '${chatSpeakPattern(DIALECT_SPEAK)}'
        ON CONFLICT DO NOTHING;
      ${termsWriterFunction("CREATE OR REPLACE", STALE_BEFORE_4, { version: 4 })}
    `,
  },
};

/** The person a memory's opening pronoun stands for, kept beside it (`referent_rows.ts`). */
const referents: Migration = { name: "pg_memory_referents_1", sql: { postgres: REFERENTS_TABLE } };

/** The PostgreSQL memory tables (whatever holds the vectors). */
export const postgresMemoryMigrations: Migration[] = [
  memoryTables,
  sources,
  termsAnalyser2,
  termsWriter,
  vectorsAnalyser2,
  analyser3,
  analyser4,
  referents,
];

/**
 * The `terms_analyser` value this process writes with new terms: the analyser's version,
 * negated to tell the trigger of {@linkcode postgresMemoryMigrations} that the writer knows it.
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
