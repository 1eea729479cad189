/**
 * The SQLite backend's record reads as callers see them: the rows `sqlite_reads.ts` reads, each
 * with the access counts not written yet applied (`sqlite_touch_writer.ts`), so that a read just
 * after a search sees the touch it made. Run inside the backend's exclusive turn.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type { MemoryPage, PageQuery } from "./backend_reads.ts";
import type { MemoryRecord } from "./schema.ts";
import { chainRecords, pageRecords, personaRecords, recordById } from "./sqlite_reads.ts";
import type { TouchWriter } from "./sqlite_touch_writer.ts";

/** The connection to read and the access counts not written yet. */
export interface RecordReadParts {
  db: Database;
  touches: TouchWriter;
}

/** `MemoryBackend.get`: the record `id`, if any. */
export function readRecord(parts: RecordReadParts, id: string): MemoryRecord | undefined {
  const record = recordById(parts.db, id);
  return record && parts.touches.applied(record);
}

/** `MemoryBackend.getMany`: the records of `ids` that exist, each once, in the order asked. */
export function readRecords(parts: RecordReadParts, ids: readonly string[]): MemoryRecord[] {
  return [...new Set(ids)].flatMap((id) => recordById(parts.db, id) ?? [])
    .map((record) => parts.touches.applied(record));
}

/** `MemoryBackend.chainFrom`: the records chained from `ids` (`chainRecords`). */
export function readChain(parts: RecordReadParts, ids: readonly string[]): MemoryRecord[] {
  return chainRecords(parts.db, ids).map((r) => parts.touches.applied(r));
}

/** `MemoryBackend.list`: every record of the persona (`personaRecords`). */
export function readList(parts: RecordReadParts, personaId: string): MemoryRecord[] {
  return personaRecords(parts.db, personaId).map((record) => parts.touches.applied(record));
}

/** `MemoryBackend.page`: one page of the persona's records (`pageRecords`). */
export function readPage(
  parts: RecordReadParts,
  personaId: string,
  query: PageQuery,
): MemoryPage {
  const page = pageRecords(parts.db, personaId, query);
  return { ...page, records: page.records.map((record) => parts.touches.applied(record)) };
}
