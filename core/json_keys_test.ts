import assert from "node:assert/strict";
import {
  jsonCounts,
  jsonKeysProblem,
  jsonLengthAtMost,
  MAX_OBJECT_KEYS,
  MAX_TOTAL_KEYS,
  MAX_TOTAL_VALUES,
  MAX_WIDE_KEYS,
  textValuesExceed,
  WIDE_OBJECT_KEYS,
} from "./json_keys.ts";
import { countedArray } from "../tests/_counted_reads.ts";

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

/** `[0,0,...]` of `count` items: `count` values as the check counts them (`[` and the commas). */
function zeros(count: number): string {
  return `[${"0,".repeat(count - 1)}0]`;
}

Deno.test("jsonKeysProblem bounds the values of a file, not only its keys (attack28 F1)", () => {
  assert.equal(jsonKeysProblem(zeros(MAX_TOTAL_VALUES)), null);
  assert.match(jsonKeysProblem(zeros(MAX_TOTAL_VALUES + 1)) ?? "", /more than 1000000 values/);
  // Empty objects and arrays, nested arrays: each `{`/`[` and `,` counts; none has a key.
  const objects = `{"o":[${"{},".repeat(MAX_TOTAL_VALUES / 2)}{}]}`;
  assert.match(jsonKeysProblem(objects) ?? "", /more than 1000000 values/);
  assert.match(jsonKeysProblem(`[${"[[]],".repeat(400_000)}[]]`) ?? "", /values/);
  // Commas and brackets inside strings are no values.
  const text = JSON.stringify({ t: "{[,".repeat(MAX_TOTAL_VALUES), list: ["a,b", "[{"] });
  assert.equal(jsonKeysProblem(text), null);
  assert.equal(textValuesExceed(text, 10), false);
});

Deno.test("textValuesExceed counts as jsonKeysProblem does, at the limit and one past", () => {
  assert.equal(textValuesExceed(zeros(1_000), 1_000), false);
  assert.equal(textValuesExceed(zeros(1_001), 1_000), true);
  assert.equal(textValuesExceed(`{"a":"${",".repeat(5_000)}"}`, 1_000), false);
  const nested = { a: [{}, [], [1, 2, { b: 3 }]], c: "x,y" };
  // Brackets `{[{[[{` (6) and commas outside strings (5): the parsed count is the same.
  assert.deepEqual(jsonCounts(nested), { keys: 3, values: 11 });
  assert.equal(textValuesExceed(JSON.stringify(nested), 11), false);
  assert.equal(textValuesExceed(JSON.stringify(nested), 10), true);
});

Deno.test("jsonCounts walks arrays of any length without spreading them, and stops past its limits (attack28 F4)", () => {
  // `stack.push(...items)` overflowed the stack from about 150,000 items.
  assert.deepEqual(jsonCounts({ a: Array(200_000).fill(0) }), { keys: 1, values: 200_001 });
  assert.deepEqual(jsonCounts(Array(2_000_000).fill(0), { values: 5_000_000 }).values, 2_000_000);
  // Past the limit the walk stops: an array of a million objects is not visited item by item.
  const { array, reads } = countedArray(Array.from({ length: 1_000_000 }, () => ({})));
  assert.equal(jsonCounts(array, { values: 1_000 }).values > 1_000, true);
  assert.equal(reads(), 0);
});

Deno.test("jsonLengthAtMost agrees with JSON.stringify at the limit, and stops past it (attack28 F3)", () => {
  const values: unknown[] = [
    {},
    [],
    { a: 1, 'b"': [true, null, "x"], c: { d: [] } },
    ["é", -1.5, { "": "" }],
    "plain",
  ];
  for (const value of values) {
    const length = JSON.stringify(value).length;
    assert.equal(jsonLengthAtMost(value, length), true, JSON.stringify(value));
    // A lower bound: never "over" while within.
    assert.equal(jsonLengthAtMost(value, length + 1), true);
  }
  assert.equal(jsonLengthAtMost({ a: "x".repeat(100) }, 100), false);
  assert.equal(jsonLengthAtMost(Array(101).fill(0), 200), false);
  // 340,000 empty objects: refused after reading about as many items as the limit allows.
  const { array, reads } = countedArray(Array.from({ length: 340_000 }, () => ({})));
  assert.equal(jsonLengthAtMost({ o: array }, 8_192), false);
  assert.ok(reads() <= 8_192, `${reads()} items read`);
});
