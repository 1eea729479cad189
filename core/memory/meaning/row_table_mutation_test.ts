import assert from "node:assert/strict";
import { RowTable } from "./row_table.ts";

Deno.test("a repeated key keeps its first row or its last, as asked", () => {
  assert.equal(new RowTable("a,b,a", ",", "first").get("a"), 0);
  assert.equal(new RowTable("a,b,a", ",", "last").get("a"), 2);
  assert.equal(new RowTable("a,b,a", ",", "first").size, 2);
});

Deno.test("keyAt is undefined past the last row", () => {
  const table = new RowTable("a,b,c", ",", "first");
  assert.equal(table.keyAt(2), "c");
  assert.equal(table.keyAt(3), undefined);
  assert.equal(table.keyAt(-1), undefined);
});

Deno.test("a key is found only whole: no row's prefix, no run of rows across the separator", () => {
  const keys = Array.from({ length: 3000 }, (_, i) => `w${i}`);
  const table = new RowTable(keys.join(","), ",", "first");
  assert.equal(table.get("w"), undefined);
  for (let i = 0; i + 1 < keys.length; i++) assert.equal(table.get(`w${i},w${i + 1}`), undefined);
  assert.equal(table.get("w1812"), 1812);
});
