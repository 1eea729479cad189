import assert from "node:assert/strict";
import { highestFirst } from "./highest_first.ts";

Deno.test("highest first, equal bounds in number order: as the comparator sort orders them", () => {
  let seed = 5;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (const n of [0, 1, 2, 3, 7, 64, 200, 333]) {
    // Few distinct bounds: many ties, whose order is the candidates' own.
    const bounds = Float64Array.from({ length: n }, () => Math.floor(random() * 9) / 8);
    const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => bounds[b]! - bounds[a]!);
    assert.deepEqual(Array.from(highestFirst(bounds)), expected, `${n} candidates`);
  }
  const withNaN = Float64Array.from([0.5, NaN, 0.7, 0.5]);
  assert.deepEqual(
    Array.from(highestFirst(withNaN)),
    [0, 1, 2, 3].sort((a, b) => withNaN[b]! - withNaN[a]!),
  );
});
