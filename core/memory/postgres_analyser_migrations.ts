/**
 * The PostgreSQL migrations that follow the analyser's versions (`ANALYSER_VERSION`, `text.ts`):
 * each queues the memories whose terms (`postgres_reanalyse.ts`) or local vectors
 * (`memory.reindex`) a new version makes differently, and the `memory_terms_writer` trigger marks
 * which analyser wrote each row's terms, so that an older node's writes during a rolling upgrade
 * are queued too. Part of `postgresRowMigrations` (`postgres_rows.ts`), in this order.
 *
 * @module
 */
import type { Migration } from "../storage/database.ts";
import { chatSpeakPattern, DIALECT_SPEAK } from "./chat_speak.ts";

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

/** The analyser's migrations, oldest first (a place in `postgresRowMigrations`). */
export const analyserMigrations: Migration[] = [
  termsAnalyser2,
  termsWriter,
  vectorsAnalyser2,
  analyser3,
  analyser4,
];
