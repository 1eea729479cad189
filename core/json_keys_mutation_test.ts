/**
 * Boundaries of the key and value counts that the fast paths of `json_keys.ts` hide from tests
 * at the real limits (review37): a text whose `{[,` or colons inside strings push the quick count
 * over the limit is walked, and the walk must agree with the bound exactly.
 */
import assert from "node:assert/strict";
import {
  jsonKeysProblem,
  jsonLengthAtMost,
  MAX_TOTAL_KEYS,
  textValuesExceed,
  WIDE_OBJECT_KEYS,
} from "./json_keys.ts";

Deno.test("jsonKeysProblem's walk allows exactly maxValues values, where strings hold commas", () => {
  // `[`, and two commas outside the string: 3 values; the string's comma and bracket make the
  // quick count 5, so the walk decides.
  const text = '["a,b[",0,0]';
  assert.equal(jsonKeysProblem(text, 3), null);
  assert.match(jsonKeysProblem(text, 2) ?? "", /more than 2 values/);
  // An escaped quote does not end the string: its commas stay inside it.
  const escaped = '["x\\",\\",",0]';
  assert.equal(jsonKeysProblem(escaped, 2), null);
  assert.match(jsonKeysProblem(escaped, 1) ?? "", /more than 1 values/);
});

Deno.test("jsonKeysProblem refuses a text one character longer than maxValues, all values", () => {
  // 11 `[`: 11 values in an 11-character text (no valid JSON needed).
  assert.match(jsonKeysProblem("[".repeat(11), 10) ?? "", /more than 10 values/);
  assert.equal(jsonKeysProblem("[".repeat(10), 10), null);
});

Deno.test("textValuesExceed's walk agrees at the limit where strings hold commas", () => {
  const text = '["a,b",{},[]]';
  // `[`, `,`, `{`, `,`, `[`: 5 values outside the string (the quick count sees 6).
  assert.equal(textValuesExceed(text, 5), false);
  assert.equal(textValuesExceed(text, 4), true);
});

Deno.test("jsonKeysProblem counts the first wide key of an object with all those before it", () => {
  // Twenty objects of 1,001 keys: 20,020 keys in wide objects, over MAX_WIDE_KEYS (20,000).
  const object = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(",")}}`;
  const wide = `[${Array(20).fill(object(WIDE_OBJECT_KEYS + 1)).join(",")}]`;
  assert.match(jsonKeysProblem(wide) ?? "", /more than 20000 keys together/);
});

Deno.test("jsonKeysProblem allows exactly MAX_TOTAL_KEYS keys in all", () => {
  const objects = (count: number) =>
    `[${
      Array.from({ length: count }, (_, o) =>
        `{${
          Array.from({ length: 1_000 }, (_, i) => `"${o}_${i}":1`).join(",")
        }}`).join(",")
    }]`;
  assert.equal(MAX_TOTAL_KEYS, 250_000);
  assert.equal(jsonKeysProblem(objects(250)), null);
  assert.match(jsonKeysProblem(`${objects(250).slice(0, -1)},{"x":1}]`) ?? "", /in all/);
});

Deno.test("jsonLengthAtMost counts a string's quotes and a key's quotes and colon", () => {
  // 100 one-letter strings: 401 characters, all counted (quotes included).
  const strings = Array(100).fill("x");
  assert.equal(JSON.stringify(strings).length, 401);
  assert.equal(jsonLengthAtMost(strings, 401), true);
  assert.equal(jsonLengthAtMost(strings, 400), false);
  // 50 one-letter keys: 301 characters; a limit 76 below (more than one a key) is surely over.
  const object = Object.fromEntries(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX".split("").map((k) => [k, 1]),
  );
  assert.equal(JSON.stringify(object).length, 301);
  assert.equal(jsonLengthAtMost(object, 301), true);
  assert.equal(jsonLengthAtMost(object, 225), false);
});
