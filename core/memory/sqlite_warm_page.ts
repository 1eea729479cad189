/**
 * The SQLite backend's pages of memories for the warm-up (`MemoryBackend.warmPage`,
 * `memory_prep.ts`): read in storing order, their rows kept for the searches while the row cache
 * has room.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type { WarmPage } from "./backend_reads.ts";
import type { NumberedRow, RowCache } from "./row_cache.ts";
import { MEMORY_RECORDS, RECORD_SELECT } from "./sqlite_rows.ts";

const PAGE = `SELECT seq, ${RECORD_SELECT} FROM ${MEMORY_RECORDS}
  WHERE persona_id = ? AND seq > ? ORDER BY seq LIMIT ?`;

/**
 * Up to `page.limit` memories of a persona after row number `page.after`, their rows offered to
 * `rows` (`RowCache.offer`). Run in the backend's exclusive turn, its caches refreshed.
 */
export function readWarmPage(
  sources: { db: Database; rows: RowCache },
  personaId: string,
  page: { after: number; limit: number },
): WarmPage {
  const { db, rows } = sources;
  const read = db.all<NumberedRow>(PAGE, personaId, page.after, page.limit);
  // As a search's: rows read inside a transaction may still roll back.
  if (!db.raw.isTransaction && rows.hasRoom) rows.offer(read);
  const memories = read.map(({ content, created_at }) => ({ content, created_at }));
  return { memories, next: read.length < page.limit ? undefined : read.at(-1)!.seq };
}
