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
import type { SqlValue } from "../storage/database.ts";
import type { NumberedRow } from "./row_cache.ts";
import type { MemoryRecord } from "./schema.ts";
import { RECORD_COLUMNS, STORED_COLUMNS } from "./sqlite_rows.ts";

/** The record columns SQLite holds as numbers (REAL or INTEGER); the others are TEXT. */
const NUMERIC_COLUMNS: ReadonlySet<string> = new Set([
  "importance",
  "base_importance",
  "emotional_valence",
  "accessed_count",
]);

/** Where each record column is among the values bound for {@linkcode STORED_COLUMNS}. */
const STORED_AT: ReadonlyMap<string, number> = new Map(
  STORED_COLUMNS.map((name, i) => [name, i]),
);

/** `value` as SQLite reads it back from a column of that kind, or undefined if it may not. */
function storedAsIs(value: SqlValue | undefined, numeric: boolean): SqlValue | undefined {
  if (numeric) {
    if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
    return value === 0 ? 0 : value;
  }
  return value === null || (typeof value === "string" && value.isWellFormed()) ? value : undefined;
}

/**
 * The row a read of `record`, inserted as row `seq` with `values` (bound for
 * {@linkcode STORED_COLUMNS}, `recordValues`) and its access counts, gives back; undefined when
 * SQLite might store any value of it otherwise.
 */
export function insertedRow(
  record: MemoryRecord,
  stored: { seq: number; values: readonly SqlValue[] },
): NumberedRow | undefined {
  const row: Record<string, SqlValue> = { seq: stored.seq };
  for (const name of RECORD_COLUMNS) {
    const at = STORED_AT.get(name);
    const bound = at === undefined
      ? record[name as "accessed_count" | "last_accessed"]
      : stored.values[at];
    const value = storedAsIs(bound, NUMERIC_COLUMNS.has(name));
    if (value === undefined) return undefined;
    row[name] = value;
  }
  return row as unknown as NumberedRow;
}
