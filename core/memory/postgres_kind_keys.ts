/**
 * PostgreSQL's kind ties (`kind_ties.ts`): the kind keys each memory ties to names, kept in the
 * memory's own row (`kind_keys`), written by the statement that writes its content
 * (`postgres_writes.ts`). Nothing is kept in the process, so every node reads what every other
 * node wrote the moment it is committed, as the rest of the PostgreSQL backend does: no change
 * feed or reload is needed. A row written before the column (NULL) is not known: while a persona
 * has one, `tiedKinds` says so (undefined) and every asked kind word is looked up, as before.
 *
 * @module
 */
import type { Database, Migration } from "../storage/database.ts";
import { tiedKeys } from "./kind_ties.ts";

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

/** SQL for a bound JSON array of kind keys as a `TEXT[]` (`?` takes {@linkcode kindKeysOf}). */
export const KIND_KEYS_VALUE =
  "ARRAY(SELECT jsonb_array_elements_text(CAST(CAST(? AS TEXT) AS jsonb)))";

/** The bound value of `content`'s kind keys for {@linkcode KIND_KEYS_VALUE}. */
export function kindKeysOf(content: string): string {
  return JSON.stringify(tiedKeys(content));
}

/**
 * Which asked keys some memory of the persona ties (a JSON array), or NULL while one of its rows
 * was written before the column. `kind_keys @> ARRAY[key]` finds the few tying rows by the GIN
 * index, not by reading the persona's rows.
 */
const TIED = `SELECT CASE
    WHEN EXISTS (SELECT 1 FROM memories WHERE persona_id = ? AND kind_keys IS NULL) THEN NULL
    ELSE CAST(COALESCE((
      SELECT jsonb_agg(asked.key)
      FROM jsonb_array_elements_text(CAST(CAST(? AS TEXT) AS jsonb)) AS asked(key)
      WHERE EXISTS (
        SELECT 1 FROM memories WHERE persona_id = ? AND kind_keys @> ARRAY[asked.key])
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
  );
  if (row === undefined || row.tied === null) return undefined;
  return new Set(JSON.parse(row.tied) as string[]);
}
