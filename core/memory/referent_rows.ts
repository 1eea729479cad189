/**
 * The `memory_referents` table: the person a memory's opening pronoun stands for
 * (`pronoun_referents.ts`), one row per memory that has one, kept beside the memory on SQLite and
 * PostgreSQL and gone with it (a foreign key, `ON DELETE CASCADE`). A table of its own rather than
 * a record column: few memories have a referent, the wire's record never shows one, and only
 * searches read it, for the few candidates that open with a pronoun.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
import type { MemoryBefore } from "./pronoun_referents.ts";

/** One memory's referent. */
export interface Referent {
  id: string;
  referent: string;
}

/** The table, the same on SQLite and PostgreSQL (their migrations' `memory_referents_1`). */
export const REFERENTS_TABLE = `
  CREATE TABLE memory_referents (
    id TEXT PRIMARY KEY REFERENCES memories(id) ON DELETE CASCADE,
    referent TEXT NOT NULL
  );
`;

/**
 * The query of {@linkcode MemoryBefore}: the persona's memory with the latest `created_at` at or
 * before the given time (the last stored of a tie), with its referent; `?` placeholders for the
 * persona and the time.
 */
export const MEMORY_BEFORE = `
  SELECT m.content, m.created_at, r.referent FROM memories m
    LEFT JOIN memory_referents r ON r.id = m.id
    WHERE m.persona_id = ? AND m.created_at <= ?
    ORDER BY m.created_at DESC, m.seq DESC LIMIT 1`;

/**
 * The query of the memory stored just before a given one (`?` for its id, twice): the one
 * {@linkcode MEMORY_BEFORE} read at its store, so that its referent is resolved again as then
 * (an earlier `created_at`, or the same one stored earlier). Its persona and place are read first
 * and the walk of `memories_by_created` is bounded by them as a row value, on both databases:
 * joined to the memory, or as an `OR`, the walk was bounded by the persona alone (SQLite) or not
 * at all (PostgreSQL), and an update of an old memory read every later one (~100 ms an update at
 * 100,000 memories, attack40 R1).
 */
export const MEMORY_STORED_BEFORE = `
  SELECT m.content, m.created_at, r.referent FROM memories m
    LEFT JOIN memory_referents r ON r.id = m.id
    WHERE m.persona_id = (SELECT persona_id FROM memories WHERE id = ?)
      AND (m.created_at, m.seq) < (SELECT created_at, seq FROM memories WHERE id = ?)
    ORDER BY m.created_at DESC, m.seq DESC LIMIT 1`;

/** The delete of one memory's referent (`?` for its id): its content changed. */
export const DELETE_REFERENT = "DELETE FROM memory_referents WHERE id = ?";

/** The row {@linkcode MEMORY_BEFORE} reads, as a {@linkcode MemoryBefore}. */
export function memoryBefore(
  row: { content: string; created_at: string; referent: string | null } | undefined,
): MemoryBefore | undefined {
  if (row === undefined) return undefined;
  const { content, created_at, referent } = row;
  return referent === null ? { content, created_at } : { content, created_at, referent };
}

/**
 * The insert of one referent (`?` for the id and the referent): none when the memory is gone
 * meanwhile (a delete between the store and this write), and a second write of one keeps the
 * first.
 */
export const INSERT_REFERENT = `
  INSERT INTO memory_referents (id, referent)
    SELECT id, CAST(? AS TEXT) FROM memories WHERE id = ?
    ON CONFLICT (id) DO NOTHING`;

/** The referents of the ids `ids` stands for (SQL of a list of ids), as a map. */
export function referentsSql(ids: string): string {
  return `SELECT id, referent FROM memory_referents WHERE id IN ${ids}`;
}

/** A row of {@linkcode MEMORY_BEFORE}. */
export type BeforeRow = { content: string; created_at: string; referent: string | null };

/** {@linkcode MEMORY_BEFORE} on `db` (PostgreSQL's, `MemoryBackend.memoryBefore`). */
export async function readMemoryBefore(
  db: Database,
  personaId: string,
  at: string,
): Promise<MemoryBefore | undefined> {
  return memoryBefore(await db.get<BeforeRow>(MEMORY_BEFORE, personaId, at));
}

/** {@linkcode MEMORY_STORED_BEFORE} on `db` (PostgreSQL's, `MemoryBackend.memoryStoredBefore`). */
export async function readMemoryStoredBefore(
  db: Database,
  id: string,
): Promise<MemoryBefore | undefined> {
  return memoryBefore(await db.get<BeforeRow>(MEMORY_STORED_BEFORE, id, id));
}

/** Writes `referents` on `db` (PostgreSQL's, `MemoryBackend.writeReferents`). */
export async function writeReferentRows(db: Database, referents: readonly Referent[]) {
  for (const { id, referent } of referents) await db.run(INSERT_REFERENT, referent, id);
}

/**
 * The referents of `ids` on `db` (PostgreSQL's, `MemoryBackend.referents`); `list` is the SQL of
 * a JSON list of ids given as one parameter (`postgres_rows.ts`'s `JSON_TEXTS`).
 */
export async function readReferents(
  db: Database,
  ids: readonly string[],
  list: string,
): Promise<Map<string, string>> {
  const rows = await db.all<Referent>(referentsSql(list), JSON.stringify(ids));
  return new Map(rows.map((row) => [row.id, row.referent]));
}
