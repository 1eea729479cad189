/**
 * PostgreSQL's kind ties (`kind_ties.ts`): the kind keys each memory ties to names, kept in the
 * memory's own row (`kind_keys`), written by the statement that writes its content
 * (`postgres_writes.ts`). Nothing is kept in the process, so every node reads what every other
 * node wrote the moment it is committed, as the rest of the PostgreSQL backend does: no change
 * feed or reload is needed. A row written before the column (NULL) is not known: while a persona
 * has one, `tiedKinds` says so (undefined) and every asked kind word is looked up, as before.
 * So is a row whose content a node without this writer changed (an older build in a rolling
 * upgrade): its `UPDATE` does not name `kind_keys`, and the `memory_kind_keys_writer` trigger
 * ({@linkcode kindKeysWriterMigration}) sets them NULL unless the writer's marker came with them,
 * as `memory_terms_writer` does for terms. Such rows are filled in the background
 * ({@linkcode fillKindKeys}, after the re-analysis pass of `postgres_reanalyser.ts`), a batch at
 * a time, so an old database's personas have known ties once, without holding the start.
 *
 * @module
 */
import type { Database, Migration } from "../storage/database.ts";
import { tiedKeys } from "./kind_ties.ts";
import { onceMoreOnConflict } from "./postgres_conflicts.ts";

/** The column, an index for the asked keys, and one for the rows not read yet (per persona). */
export const kindKeysMigration: Migration = {
  name: "pg_memories_kind_keys_1",
  sql: {
    postgres: `
      ALTER TABLE memories ADD COLUMN kind_keys TEXT[];
      CREATE INDEX memories_kind_keys ON memories USING gin (kind_keys);
      CREATE INDEX memories_kind_keys_unread ON memories (persona_id) WHERE kind_keys IS NULL;`,
  },
};

/**
 * The keys' writer and their index per persona. A content change whose keys do not start with
 * the marker ({@linkcode KIND_KEYS_MARKER}) came from a node that does not write them (or from
 * session 41's first build, which wrote them unmarked): the trigger sets them NULL, so the
 * persona's ties are unknown until the content is written again, rather than those of the old
 * content. An insert without keys is NULL already. The GIN index holds each key with its
 * persona's id (`persona key`; a key holds no space), so that asking one persona for a key common
 * among the others reads none of their rows (a GIN index on `kind_keys` alone read them all).
 */
export const kindKeysWriterMigration: Migration = {
  name: "pg_memories_kind_keys_2",
  sql: {
    postgres: `
      CREATE FUNCTION memory_kind_keys_writer() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.kind_keys[1] = '' THEN
            NEW.kind_keys := NEW.kind_keys[2:];
          ELSIF TG_OP = 'UPDATE' AND NEW.content IS DISTINCT FROM OLD.content THEN
            NEW.kind_keys := NULL;
          END IF;
          RETURN NEW;
        END $$;
      CREATE TRIGGER memories_kind_keys_writer BEFORE INSERT OR UPDATE ON memories
        FOR EACH ROW EXECUTE FUNCTION memory_kind_keys_writer();
      CREATE FUNCTION memory_persona_kind_keys(persona TEXT, keys TEXT[]) RETURNS TEXT[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT ARRAY(SELECT persona || ' ' || key FROM unnest(keys) AS key) $$;
      DROP INDEX memories_kind_keys;
      CREATE INDEX memories_persona_kind_keys ON memories
        USING gin (memory_persona_kind_keys(persona_id, kind_keys));`,
  },
};

/**
 * Session 44: a kept exchange's keys hold its sender's too (`senderKeys`, "said:theo"), so that
 * a search knows the store's users (`store_users.ts`). A row that may be an exchange, its keys
 * written before, is made unread, and {@linkcode fillKindKeys} reads it again in the background;
 * meanwhile its persona's ties are not known (the pool's senders serve, and every asked kind word
 * is looked up, as before the keys). Only rows holding " said: " can be one (`exchangeSender`).
 * Every older node must be stopped before it runs (core/storage/README.md): one still running
 * would fill these rows again without the senders' keys, and mark them known for good.
 */
export const senderKeysMigration: Migration = {
  name: "pg_memories_kind_keys_3",
  sql: {
    postgres: `UPDATE memories SET kind_keys = NULL
      WHERE kind_keys IS NOT NULL AND strpos(content, ' said: ') > 0;`,
  },
};

/**
 * The first element a writer of this version puts before its kind keys, which the trigger of
 * {@linkcode kindKeysWriterMigration} strips: no kind key is empty (a key is a word's stem).
 */
export const KIND_KEYS_MARKER = "";

/**
 * SQL for a bound JSON array of kind keys as a `TEXT[]` (`?` takes {@linkcode kindKeysOf}), led
 * by {@linkcode KIND_KEYS_MARKER}.
 */
export const KIND_KEYS_VALUE =
  "ARRAY['']::TEXT[] || ARRAY(SELECT jsonb_array_elements_text(CAST(CAST(? AS TEXT) AS jsonb)))";

/** The bound value of `content`'s kind keys for {@linkcode KIND_KEYS_VALUE}. */
export function kindKeysOf(content: string): string {
  return JSON.stringify(tiedKeys(content));
}

/**
 * Which asked keys some memory of the persona ties (a JSON array), or NULL while one of its rows
 * was written before the column. The GIN index on the persona's keys
 * (`memory_persona_kind_keys`, {@linkcode kindKeysWriterMigration}) finds the few rows of this
 * persona that tie a key: neither the persona's other rows nor other personas' rows are read.
 */
const TIED = `SELECT CASE
    WHEN EXISTS (SELECT 1 FROM memories WHERE persona_id = ? AND kind_keys IS NULL) THEN NULL
    ELSE CAST(COALESCE((
      SELECT jsonb_agg(asked.key)
      FROM jsonb_array_elements_text(CAST(CAST(? AS TEXT) AS jsonb)) AS asked(key)
      WHERE EXISTS (
        SELECT 1 FROM memories WHERE persona_id = ?
          AND memory_persona_kind_keys(persona_id, kind_keys) @> ARRAY[? || ' ' || asked.key])
    ), '[]'::jsonb) AS TEXT) END AS tied`;

/**
 * Which of `keys` a memory of `personaId` ties to a name, read in one statement; undefined while
 * a memory of the persona was written before the column (it may tie any).
 */
export async function postgresTiedKinds(
  db: Database,
  asked: { personaId: string; keys: readonly string[] },
): Promise<ReadonlySet<string> | undefined> {
  if (asked.keys.length === 0) return new Set();
  const row = await db.get<{ tied: string | null }>(
    TIED,
    asked.personaId,
    JSON.stringify(asked.keys),
    asked.personaId,
    asked.personaId,
  );
  if (row === undefined || row.tied === null) return undefined;
  return new Set(JSON.parse(row.tied) as string[]);
}

/**
 * Rows without kind keys filled per transaction by {@linkcode fillKindKeys}: at 500 a batch of
 * short memories takes a few milliseconds, and one of 10,000-character texts (5 MB read) stays
 * well under a second, so a node closing waits for one batch at most that long.
 */
export const KIND_KEYS_FILL_BATCH = 500;

/**
 * Rows without keys (a row written before the column, or by an older node), locked so that no
 * content changes under the reading; a batch another node holds is skipped.
 */
const UNREAD = `SELECT id, content FROM memories WHERE kind_keys IS NULL
  LIMIT ${KIND_KEYS_FILL_BATCH} FOR UPDATE SKIP LOCKED`;

/** Writes each row's keys (a JSON array of `{id, keys}`), led by the writer's marker. */
const FILL = `UPDATE memories AS m
  SET kind_keys = ARRAY['']::TEXT[] || ARRAY(SELECT jsonb_array_elements_text(v.keys))
  FROM jsonb_to_recordset(CAST(CAST(? AS TEXT) AS jsonb)) AS v(id TEXT, keys jsonb)
  WHERE m.id = v.id AND m.kind_keys IS NULL`;

/**
 * Fills the kind keys of every row without them, {@linkcode KIND_KEYS_FILL_BATCH} rows per
 * transaction; how many it filled. Returns when none is left (or what is left is held by another
 * node), or after the batch under way when `signal` is aborted. Each row is read once: its keys
 * are those its writer would have written, so its persona's ties are then known.
 */
export async function fillKindKeys(
  db: Database,
  options: { signal?: AbortSignal } = {},
): Promise<number> {
  let filled = 0;
  while (!options.signal?.aborted) {
    const batch = await onceMoreOnConflict(() => fillBatch(db));
    if (batch === 0) break;
    filled += batch;
  }
  return filled;
}

async function fillBatch(db: Database): Promise<number> {
  return await db.transaction(async () => {
    const rows = await db.all<{ id: string; content: string }>(UNREAD);
    if (rows.length === 0) return 0;
    const keys = rows.map((row) => ({ id: row.id, keys: tiedKeys(row.content) }));
    await db.run(FILL, JSON.stringify(keys));
    return rows.length;
  });
}
