/**
 * Pins of row_cache.ts that mutation testing (mut64) found loose: `touched` updates the record of
 * every touched row that has one, past a row that has none, and makes none for that row.
 */
import assert from "node:assert/strict";
import { RowCache } from "./row_cache.ts";
import { fromRow } from "./sqlite_rows.ts";
import { numberedRow as row } from "./testing/numbered_rows.ts";

Deno.test("touched: a row with no record yet is passed over; the next row's record gets its counts", () => {
  const cache = new RowCache();
  const [first, second] = cache.rows([1, 2], (missing) => missing.map((seq) => row(seq)), {
    keep: true,
  });
  cache.recordOf(second!);
  const at = "2026-06-01T00:00:00.000Z";
  cache.touched(["m1", "m2"], at);
  const record = cache.recordOf(second!);
  assert.deepEqual([record.accessed_count, record.last_accessed], [1, at]);
  assert.deepEqual(cache.recordOf(first!), fromRow(first!), "the first row's record made whole");
});
