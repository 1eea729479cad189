import assert from "node:assert/strict";
import { deepFreeze } from "./freeze.ts";

Deno.test("deepFreeze freezes every object and array a value reaches, and returns it", () => {
  const value = { a: [{ b: 1 }], c: { d: { e: "x" } }, n: null };
  assert.equal(deepFreeze(value), value);
  for (const part of [value, value.a, value.a[0], value.c, value.c.d]) {
    assert.ok(Object.isFrozen(part));
  }
  assert.throws(() => {
    "use strict";
    (value.c.d as { e: string }).e = "y";
  }, TypeError);
  assert.equal(deepFreeze(3), 3);
  assert.equal(deepFreeze(null), null);
});
