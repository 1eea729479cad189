/**
 * The rows of memories this process has just inserted, as a read of them would give them back
 * (`rowsBySeqs`), so that the row cache (`row_cache.ts`) can keep them without that read: in a
 * simulation every turn stores a memory for every participant, and the speaker's next recall
 * finds them among its candidates (two of its ~110 rows a recall, one SQL read).
 *
 * Only what SQLite stores unchanged is given back: every TEXT column a well-formed string (or
 * null; SQLite would store a lone surrogate as U+FFFD) and every REAL or INTEGER column a finite
 * number (`-0` as `0`, as SQLite reads a REAL zero back). Anything else is left to the read.
 *
 * @module
 */
import type { NumberedRow } from "./row_cache.ts";
import type { MemoryRecord } from "./schema.ts";
import { RECORD_COLUMNS, recordValues } from "./sqlite_rows.ts";

/** The record columns SQLite holds as numbers (REAL or INTEGER); the others are TEXT. */
const NUMERIC_COLUMNS: ReadonlySet<string> = new Set([
  "importance",
  "base_importance",
  "emotional_valence",
  "accessed_count",
]);

/**
 * The row a read of `record`, inserted as row `seq` (with its access counts, if any), gives
 * back; undefined when SQLite might store any value of it otherwise.
 */
export function insertedRow(record: MemoryRecord, seq: number): NumberedRow | undefined {
  const values = recordValues(record);
  const row: Record<string, unknown> = { seq };
  for (let i = 0; i < RECORD_COLUMNS.length; i++) {
    const name = RECORD_COLUMNS[i]!;
    const value = values[i];
    if (NUMERIC_COLUMNS.has(name)) {
      if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
      row[name] = value === 0 ? 0 : value;
    } else if (value === null || (typeof value === "string" && value.isWellFormed())) {
      row[name] = value;
    } else return undefined;
  }
  return row as unknown as NumberedRow;
}
