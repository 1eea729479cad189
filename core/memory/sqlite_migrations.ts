/**
 * The memory module's SQLite tables (memories, their access counts, pending purges), as the
 * migrations that built them up, oldest first; each says why its change was made.
 *
 * @module
 */
import type { Migration } from "../storage/database.ts";
import { indexVersionMigrations } from "./index_rows.ts";
import { REFERENTS_TABLE } from "./referent_rows.ts";
import { holdsChatSpeak, holdsDialectSpeak } from "./vector_remake.ts";

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

/**
 * What the SQLite search indexes load from, computed at write time so a persona's indexes load
 * without analysing or quantising anything: each memory's analysed terms (`terms`: their count
 * then their sorted ids in `memory_terms`, 32-bit little-endian) and its vector as int8 levels
 * padded to 16 bytes then their float32 scale (`index_vector`). NULL until computed: older
 * rows are filled in on the first load of their persona. `memories_search` covers everything an
 * index load reads (about 170 of a row's 700 bytes), so a load scans that index alone, in row
 * order, instead of looking up every row of the table (5× less CPU at 100,000 memories).
 */
const searchColumns: Migration = {
  name: "memories_search_columns_1",
  sql: `
    CREATE TABLE memory_terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
    ALTER TABLE memories ADD COLUMN terms BLOB;
    ALTER TABLE memories ADD COLUMN index_vector BLOB;
    CREATE INDEX memories_unindexed ON memories (persona_id)
      WHERE terms IS NULL OR index_vector IS NULL;
    CREATE INDEX memories_search ON memories
      (persona_id, seq, embedder, importance, memory_type, visibility, terms, index_vector);
  `,
};

/** What a memory was drawn from: a fact's exchange, a reflection's evidence (JSON ids). */
const sources: Migration = {
  name: "memories_sources_1",
  sql: "ALTER TABLE memories ADD COLUMN source_ids TEXT NOT NULL DEFAULT '[]';",
};

/**
 * The FTS5 table goes: search reads the in-memory BM25 (`lexical_index.ts`), and nothing read
 * the table any more, while its triggers cost each insert about a third of its commit (a new
 * FTS5 segment per transaction). PostgreSQL and Chroma never had one.
 */
const ftsDropped: Migration = {
  name: "memories_fts_drop_1",
  sql: `
    DROP TRIGGER memories_fts_insert;
    DROP TRIGGER memories_fts_delete;
    DROP TRIGGER memories_fts_update;
    DROP TABLE memories_fts;
  `,
};

/**
 * Access counts in a narrow table of their own, one row per memory ever accessed: a search
 * counts each hit (ten rows for a dialogue turn's recall), and rewriting those rows here costs a
 * fraction of rewriting the memories' own rows (with their vectors and search columns) and their
 * pages in the commit. A memory's row goes with it (the trigger; row numbers can be reused).
 */
const accessTable: Migration = {
  name: "memory_access_1",
  sql: `
    CREATE TABLE memory_access (
      seq INTEGER PRIMARY KEY,
      accessed_count INTEGER NOT NULL,
      last_accessed TEXT
    );
    INSERT INTO memory_access (seq, accessed_count, last_accessed)
      SELECT seq, accessed_count, last_accessed FROM memories
      WHERE accessed_count != 0 OR last_accessed IS NOT NULL;
    CREATE TRIGGER memory_access_delete AFTER DELETE ON memories BEGIN
      DELETE FROM memory_access WHERE seq = old.seq;
    END;
    ALTER TABLE memories DROP COLUMN accessed_count;
    ALTER TABLE memories DROP COLUMN last_accessed;
  `,
};

/**
 * Index version rows of personas deleted before `deletePersona` removed them (deleting the
 * memories bumped the row back in: a row left per deleted persona).
 */
const versionOrphans: Migration = {
  name: "memory_versions_orphans_1",
  sql: "DELETE FROM memory_versions WHERE persona_id NOT IN (SELECT id FROM personas);",
};

/**
 * The analyser's version 2 (`ANALYSER_VERSION`, `text.ts`) reads text that is not plain ASCII
 * differently (scripts without spaces segmented, bigrams, marks kept outside Latin, Greek and
 * Cyrillic, ß and ı folded, emoji words): such memories' stored terms are cleared and made again
 * on their persona's first load (`completeSearchColumns`), as rows written before the search
 * columns were. Plain ASCII (a UTF-8 length equal to the length in characters) reads as before.
 */
const termsAnalyser2: Migration = {
  name: "memories_terms_analyser_2",
  sql: "UPDATE memories SET terms = NULL WHERE length(CAST(content AS BLOB)) <> length(content);",
};

/**
 * The local embedder's vectors (`local-…`, with the sentence encoder too) of text that is not
 * plain ASCII were made from the words of the analyser before version 2 (`ANALYSER_VERSION`,
 * `text.ts`; a text without a known English word gets hashed features of its analysed words):
 * they are queued in `memory_remake` for `memory.reindex` to make again (`memory_reindex.ts`),
 * and counted as `needs_reindex` meanwhile. A model's vectors do not depend on the analyser.
 */
const vectorsAnalyser2: Migration = {
  name: "memories_vectors_analyser_2",
  sql: `
    CREATE TABLE memory_remake (id TEXT PRIMARY KEY);
    INSERT INTO memory_remake (id) SELECT id FROM memories
      WHERE embedder LIKE 'local-%' AND length(CAST(content AS BLOB)) <> length(content);
  `,
};

/**
 * The analyser's version 3 (`ANALYSER_VERSION`, `text.ts`) reads texting spellings as the words
 * they stand for (`chat_speak.ts`), plain ASCII text too: every memory's stored terms are made
 * again on its persona's first load (analysing a text again costs less than finding whether it
 * holds one of the lexicon's words), and the local vectors of those that hold one are queued for
 * `memory.reindex` (the sentence vector drops "lol", "im", "u" as stop words now). Which texts
 * hold one is read in code (`holds_chat_speak`: one pass over each text's words and a lookup
 * each, the lexicon as it is now), not by a pattern per lexicon word: those cost a minute on
 * 10,000 short memories and grew with text length times lexicon size.
 */
const analyser3: Migration = {
  name: "memories_analyser_3",
  sql: `
    UPDATE memories SET terms = NULL;
    INSERT OR IGNORE INTO memory_remake (id) SELECT id FROM memories
      WHERE embedder LIKE 'local-%' AND holds_chat_speak(content);
  `,
  sqliteFunctions: {
    holds_chat_speak: (content) => typeof content === "string" && holdsChatSpeak(content) ? 1 : 0,
  },
};

/**
 * The analyser's version 4 (`ANALYSER_VERSION`, `text.ts`) reads dialect and texting spellings
 * of function words as them (`DIALECT_SPEAK`, `chat_speak.ts`: "dae", "aboot", "wot"): only the
 * memories that hold one are read differently, so only their stored terms are cleared (made
 * again on their persona's first load) and only their local vectors queued. Each text is read
 * once, by `holds_dialect_speak` (one pass over its words), into a table the rest reads.
 */
const analyser4: Migration = {
  name: "memories_analyser_4",
  sql: `
    CREATE TEMP TABLE memories_analyser_4 AS
      SELECT id, embedder FROM memories WHERE holds_dialect_speak(content);
    UPDATE memories SET terms = NULL WHERE id IN (SELECT id FROM temp.memories_analyser_4);
    INSERT OR IGNORE INTO memory_remake (id)
      SELECT id FROM temp.memories_analyser_4 WHERE embedder LIKE 'local-%';
    DROP TABLE temp.memories_analyser_4;
  `,
  sqliteFunctions: {
    holds_dialect_speak: (content) =>
      typeof content === "string" && holdsDialectSpeak(content) ? 1 : 0,
  },
};

/** The person a memory's opening pronoun stands for, kept beside it (`referent_rows.ts`). */
const referents: Migration = { name: "memory_referents_1", sql: REFERENTS_TABLE };

/** Tables owned by the memory module (applied whatever the backend; Chroma uses the purges). */
export const memoryMigrations: Migration[] = [
  memoryTables,
  ...indexVersionMigrations,
  memoryCounts,
  ftsOnContentChange,
  memoriesByCreation,
  supersession,
  searchColumns,
  sources,
  ftsDropped,
  accessTable,
  versionOrphans,
  termsAnalyser2,
  vectorsAnalyser2,
  analyser3,
  analyser4,
  referents,
];
