import assert from "node:assert/strict";
import { storableValue } from "./storable_text.ts";

/** `levels` arrays nested, `leaf` at the bottom, built without recursion. */
function nested(levels: number, leaf: unknown): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

const refuse = () => new Error("NUL");

Deno.test("a value nested 100,000 deep is walked without overflowing the stack", () => {
  const value = nested(100_000, "fine");
  assert.equal(storableValue(value, refuse), value, "nothing to mend: the value itself");
  const objects = JSON.parse('{"a":'.repeat(100_000) + '"x"' + "}".repeat(100_000));
  assert.equal(storableValue(objects, refuse), objects);
});

Deno.test("mending a value nested past 1,024 levels is a RangeError said plainly, not a stack overflow", () => {
  assert.throws(
    () => storableValue(nested(100_000, "lone \uD800"), refuse),
    /nested deeper than 1024 levels/,
  );
  const mended = storableValue(nested(10, "lone \uD800"), refuse);
  assert.deepEqual(mended, nested(10, "lone \uFFFD"));
});
