import assert from "node:assert/strict";
import { type FieldBatch, FieldColumns } from "./index_fields.ts";
import type { Visibility } from "./schema.ts";

/** Which of rows 0..count-1 pass each filter, as a table of row lists. */
function passing(fields: FieldColumns, count: number) {
  const filters = [
    { minImportance: 0, visibilities: ["private", "shared", "public"] as Visibility[] },
    { minImportance: 0.5, visibilities: ["private", "shared", "public"] as Visibility[] },
    { minImportance: 0, memoryType: "fact", visibilities: ["shared", "public"] as Visibility[] },
    { minImportance: 0, memoryType: "conversation", visibilities: ["private"] as Visibility[] },
  ];
  return filters.map((filter) => {
    const compiled = fields.compile(filter)!;
    return Array.from({ length: count }, (_, row) => row)
      .filter((row) => fields.accepts(row, compiled));
  });
}

Deno.test("field columns: a batch in row terms (copied at once) loads as one by names and codes", () => {
  const importance = [0.2, 0.7, 0.5, 0.123456];
  // In row terms: this table's own type codes, visibility as bits.
  const inRowTerms: FieldBatch = {
    importance,
    types: new Int32Array([0, 1, 1, 0]),
    typeNames: ["conversation", "fact"],
    visibility: new Uint8Array([1, 2, 4, 1]),
  };
  // The same rows by visibility name, and type codes in another order than the table's.
  const byNames: FieldBatch = {
    importance,
    types: [1, 0, 0, 1],
    typeNames: ["fact", "conversation"],
    visibility: ["private", "shared", "public", "private"],
  };
  const fast = new FieldColumns(8);
  fast.load(0, inRowTerms);
  const slow = new FieldColumns(8);
  slow.set(7, { memoryType: "conversation" });
  slow.load(0, byNames);
  assert.deepEqual(passing(fast, 4), [[0, 1, 2, 3], [1, 2], [1, 2], [0, 3]]);
  assert.deepEqual(passing(slow, 4), passing(fast, 4));
  // A second batch after the first, at an offset.
  fast.load(4, {
    ...inRowTerms,
    typeNames: ["fact", "conversation"],
    visibility: new Uint8Array([2, 2, 4, 4]),
  });
  assert.deepEqual(passing(fast, 8)[2], [1, 2, 4, 7], "codes mapped when they are not the table's");
});
