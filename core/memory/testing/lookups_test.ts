import assert from "node:assert/strict";
import { comparisons } from "./lookups.ts";

const BUILTINS = () => [
  Array.prototype.includes,
  Set.prototype.has,
  Map.prototype.get,
  String.prototype.startsWith,
];

Deno.test("comparisons counts each lookup once and restores the builtins", async () => {
  const before = BUILTINS();
  const counted = await comparisons(() => {
    [1, 2, 3].includes(3);
    new Set([1]).has(1);
    new Map([[1, 2]]).get(1);
    "ab".startsWith("a");
  });
  assert.equal(counted, 4);
  assert.equal(await comparisons(() => [1, 2, 3].includes(9), { scans: true }), 3);
  assert.deepEqual(BUILTINS(), before);
});

Deno.test("comparisons refuses a call that overlaps another and leaves the builtins as they were", async () => {
  const before = BUILTINS();
  let release = () => {};
  const held = new Promise<void>((resolve) => release = resolve);
  const first = comparisons(() => held);
  await assert.rejects(comparisons(() => {}), /does not nest or overlap/);
  release();
  await first;
  assert.deepEqual(BUILTINS(), before, "every builtin is the original again");
  assert.equal(await comparisons(() => new Set([1]).has(1)), 1, "and a later call counts again");
});
