import assert from "node:assert/strict";
import { RowTable } from "./row_table.ts";
import { SeededRandom } from "../../simulation/mod.ts";

Deno.test("a row table answers as a map of its keys: first or last row of a repeated key", () => {
  const random = new SeededRandom(21);
  for (let round = 0; round < 50; round++) {
    const keys = Array.from(
      { length: random.int(0, 300) },
      () => Array.from({ length: random.int(0, 3) }, () => random.pick([..."abcdé"])).join(""),
    );
    const text = keys.join(" ");
    // An empty text has no keys (not one empty key).
    if (text === "") keys.length = 0;
    const first = new Map<string, number>();
    const last = new Map<string, number>();
    keys.forEach((key, row) => {
      if (!first.has(key)) first.set(key, row);
      last.set(key, row);
    });
    const firsts = new RowTable(text, " ", "first");
    const lasts = new RowTable(text, " ", "last");
    assert.equal(firsts.size, first.size);
    assert.equal(lasts.size, last.size);
    assert.deepEqual([...firsts.keys()], keys);
    for (const key of new Set([...keys, "zz", "abcdea", "x"])) {
      assert.equal(firsts.get(key), first.get(key), key);
      assert.equal(lasts.get(key), last.get(key), key);
    }
  }
  assert.equal(new RowTable("", " ", "first").get("a"), undefined);
  assert.equal(new RowTable("", " ", "first").keyAt(0), undefined);
});

Deno.test("a row table gives each row's key back, and none past the list", () => {
  const table = new RowTable("cat dog cat", " ", "first");
  assert.deepEqual([0, 1, 2].map((row) => table.keyAt(row)), ["cat", "dog", "cat"]);
  assert.equal(table.keyAt(3), undefined);
  // Nor before it (review40 R4: perf32's guards, each pinned).
  for (const row of [-1, NaN]) assert.equal(table.keyAt(row), undefined, String(row));
  // Keys are found by one separator character.
  assert.throws(() => new RowTable("cat, dog", ", ", "first"), RangeError);
  assert.throws(() => new RowTable("cat dog", "", "first"), RangeError);
});
