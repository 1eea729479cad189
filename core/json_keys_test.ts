import assert from "node:assert/strict";
import {
  jsonKeysProblem,
  MAX_OBJECT_KEYS,
  MAX_TOTAL_KEYS,
  MAX_WIDE_KEYS,
  WIDE_OBJECT_KEYS,
} from "./json_keys.ts";

function objectOf(count: number, prefix = "k"): Record<string, number> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 1]));
}

Deno.test("jsonKeysProblem counts the keys of each object, not colons in strings or arrays", () => {
  assert.equal(jsonKeysProblem(JSON.stringify({ a: objectOf(MAX_OBJECT_KEYS) })), null);
  assert.match(
    jsonKeysProblem(JSON.stringify({ a: objectOf(MAX_OBJECT_KEYS + 1) })) ?? "",
    /more than 10000 keys/,
  );
  // Colons inside strings (escaped quotes too) and array items are no keys.
  const text = JSON.stringify({ t: 'a:b:\\":'.repeat(20_000), list: Array(20_000).fill("x:y") });
  assert.equal(jsonKeysProblem(text), null);
  // Many small objects are fine; many wide ones are not.
  assert.equal(
    jsonKeysProblem(JSON.stringify(Array.from({ length: 50 }, () => objectOf(500)))),
    null,
  );
  const wide = Array.from({ length: MAX_WIDE_KEYS / WIDE_OBJECT_KEYS }, () => objectOf(2000));
  assert.match(jsonKeysProblem(JSON.stringify(wide)) ?? "", /more than 20000 keys together/);
});

Deno.test("jsonKeysProblem bounds the keys of a whole file, however they are split (attack17 F1)", () => {
  // 300 objects of 1,000 keys each (300,000 keys): no object is wide, but the file is over.
  const split = JSON.stringify(
    Array.from({ length: 300 }, (_, i) => objectOf(WIDE_OBJECT_KEYS, `o${i}k`)),
  );
  assert.match(jsonKeysProblem(split) ?? "", /more than 250000 keys in all/);
  // A large real world: 5,000 entries of about 30 keys each (150,000 keys) still passes.
  const world = {
    entries: Object.fromEntries(
      Array.from({ length: 5_000 }, (_, i) => [String(i), { uid: i, ...objectOf(29, "f") }]),
    ),
  };
  assert.equal(jsonKeysProblem(JSON.stringify(world)), null);
  assert.ok(MAX_TOTAL_KEYS >= 150_000);
});
