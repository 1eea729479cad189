/**
 * Test support: a full memory row as SQLite returns it and the row cache keeps it (row_cache.ts),
 * its JSON columns as text, for the tests of the cache's records.
 *
 * @module
 */
import type { NumberedRow } from "../row_cache.ts";
import { RECORD_COLUMNS } from "../sqlite_rows.ts";

/**
 * Row `seq` (id `m<seq>`): every column filled (text columns as `<column> <seq>`), counts and
 * links empty, lists and metadata empty unless `columns` sets them (as the JSON text stored).
 */
export function numberedRow(seq: number, columns: Partial<NumberedRow> = {}): NumberedRow {
  return {
    ...Object.fromEntries(RECORD_COLUMNS.map((name) => [name, `${name} ${seq}`])),
    seq,
    id: `m${seq}`,
    importance: 0.5,
    base_importance: 0.5,
    emotional_valence: 0,
    accessed_count: 0,
    last_accessed: null,
    superseded_by: null,
    related_personas: "[]",
    metadata: "{}",
    supersedes: "[]",
    source_ids: "[]",
    ...columns,
  } as unknown as NumberedRow;
}
