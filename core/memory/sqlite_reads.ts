/**
 * The SQLite backend's plain SQL reads (`sqlite_backend.ts` runs them inside its exclusive
 * section and applies the access counts not written yet): records by id, by persona and by
 * page, the statistics' totals and summaries, and the per-persona counts the triggers keep.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type { MemoryTotals, PersonaSummary } from "./backend.ts";
import type { ChainLink, MemoryPage, PageQuery } from "./backend_reads.ts";
import { pageRows, pageSql } from "./page_keys.ts";
import type { MemoryRecord } from "./schema.ts";
import { HIGH_IMPORTANCE, totalsOfGroups, type TypeTotals } from "./stats.ts";
import {
  fromRow,
  MEMORY_RECORDS,
  type MemoryRow,
  RECORD_SELECT,
  REMAKE_QUEUE,
} from "./sqlite_rows.ts";
import { COUNT_MAX } from "../numbers.ts";

/** The memory with `id`, as stored. */
export function recordById(db: Database, id: string): MemoryRecord | undefined {
  const row = db.get<MemoryRow>(`SELECT ${RECORD_SELECT} FROM ${MEMORY_RECORDS} WHERE id = ?`, id);
  return row && fromRow(row);
}

/**
 * The table `chain(id)`: the ids of the JSON array bound to its `?` and every one their
 * `superseded_by` links lead to (`UNION` keeps each id once, so a cycle ends it).
 */
const CHAIN = `WITH RECURSIVE chain(id) AS (
  SELECT value FROM json_each(?)
  UNION
  SELECT m.superseded_by FROM memories m JOIN chain c ON m.id = c.id
  WHERE m.superseded_by IS NOT NULL)`;

/** The memories `ids` and every one their `superseded_by` links lead to, in one query. */
export function chainRecords(db: Database, ids: readonly string[]): MemoryRecord[] {
  if (ids.length === 0) return [];
  return db.all<MemoryRow>(
    `${CHAIN}
     SELECT ${RECORD_SELECT} FROM ${MEMORY_RECORDS} WHERE id IN (SELECT id FROM chain)`,
    JSON.stringify(ids),
  ).map(fromRow);
}

/** {@linkcode chainRecords}' memories as their links alone (`MemoryBackend.chainLinks`). */
export function chainLinkRows(db: Database, ids: readonly string[]): ChainLink[] {
  if (ids.length === 0) return [];
  return db.all<ChainLink>(
    `${CHAIN}
     SELECT id, superseded_by FROM memories WHERE id IN (SELECT id FROM chain)`,
    JSON.stringify(ids),
  );
}

/** `MemoryBackend.remakeQueue`: the persona's memories whose vectors must be made again. */
export function remakeQueueRows(
  db: Database,
  personaId: string,
): Array<{ id: string; embedder: string }> {
  return db.all<{ id: string; embedder: string }>(REMAKE_QUEUE, personaId);
}

/** The persona's memories, oldest first, as stored. */
export function personaRecords(db: Database, personaId: string): MemoryRecord[] {
  return db.all<MemoryRow>(
    `SELECT ${RECORD_SELECT} FROM ${MEMORY_RECORDS} WHERE persona_id = ? ORDER BY created_at, seq`,
    personaId,
  ).map(fromRow);
}

/** One page of the persona's memories, newest first, as stored, and how many match. */
export function pageRecords(db: Database, personaId: string, query: PageQuery): MemoryPage {
  const type = query.memoryType ?? null;
  const { sql, args } = pageSql(RECORD_SELECT, MEMORY_RECORDS, personaId, query, "?");
  const page = pageRows(
    db.all<MemoryRow & { seq: number }>(sql, ...args),
    query.limit,
    fromRow,
    query.budgetBytes,
  );
  const total = type === null ? memoryCount(db, personaId) : db.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM memories WHERE persona_id = ? AND memory_type = ?",
    personaId,
    type,
  )!.n;
  return { ...page, total };
}

/** The persona's statistics' totals, summed in SQL (`embedder`'s embeddings count as current). */
export function typeTotals(db: Database, personaId: string, embedder: string): MemoryTotals {
  // One pass, grouped by type; the types come in the order they first appear, oldest memory
  // first (created_at is fixed-width ISO, so the text key orders as created_at, then seq).
  const groups = db.all<TypeTotals>(
    `SELECT memory_type, COUNT(*) AS n, SUM(importance) AS importance,
       SUM(importance >= ?) AS high, MIN(created_at) AS oldest, MAX(created_at) AS newest,
       SUM(visibility = 'private') AS private, SUM(visibility = 'shared') AS shared,
       SUM(visibility = 'public') AS public,
       SUM(MIN(accessed_count, ${COUNT_MAX})) AS accesses,
       SUM(embedder != ?) AS stale
     FROM ${MEMORY_RECORDS} WHERE persona_id = ?
     GROUP BY memory_type ORDER BY MIN(created_at || printf('%020d', seq))`,
    HIGH_IMPORTANCE,
    embedder,
    personaId,
  );
  return totalsOfGroups(groups);
}

/** How many memories the persona has (the count the triggers keep). */
export function memoryCount(db: Database, personaId: string): number {
  return db.get<{ n: number }>(
    "SELECT n FROM memory_counts WHERE persona_id = ?",
    personaId,
  )?.n ?? 0;
}

/** Each persona's memories by visibility and cross-references, by persona id. */
export function personaSummaries(db: Database): PersonaSummary[] {
  return db.all<PersonaSummary>(
    `SELECT persona_id, COUNT(*) AS total,
       SUM(visibility = 'private') AS private, SUM(visibility = 'shared') AS shared,
       SUM(visibility = 'public') AS public, SUM(related_personas != '[]') AS cross_references
     FROM memories GROUP BY persona_id ORDER BY persona_id`,
  );
}

/** Each persona with memories and how many it has (the kept counts), by persona id. */
export function personaCounts(db: Database): Array<{ persona_id: string; total: number }> {
  return db.all<{ persona_id: string; total: number }>(
    "SELECT persona_id, n AS total FROM memory_counts WHERE n > 0 ORDER BY persona_id",
  ).map(({ persona_id, total }) => ({ persona_id, total }));
}
