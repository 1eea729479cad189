/**
 * Pins of row_cache.ts that mutation testing (mut64) found loose: `touched` updates the record of
 * every touched row that has one, past a row that has none, and makes none for that row.
 */
import assert from "node:assert/strict";
import { type NumberedRow, RowCache } from "./row_cache.ts";
import { fromRow, RECORD_COLUMNS } from "./sqlite_rows.ts";

/** A full row as the cache keeps it (its JSON columns as text). */
function row(seq: number): NumberedRow {
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
  } as unknown as NumberedRow;
}

Deno.test("touched: a row with no record yet is passed over; the next row's record gets its counts", () => {
  const cache = new RowCache();
  const [first, second] = cache.rows([1, 2], (missing) => missing.map(row), { keep: true });
  cache.recordOf(second!);
  const at = "2026-06-01T00:00:00.000Z";
  cache.touched(["m1", "m2"], at);
  const record = cache.recordOf(second!);
  assert.deepEqual([record.accessed_count, record.last_accessed], [1, at]);
  assert.deepEqual(cache.recordOf(first!), fromRow(first!), "the first row's record made whole");
});
