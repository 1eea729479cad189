import assert from "node:assert/strict";
import { reachedNumbersOf } from "./new_numbers.ts";

Deno.test('a "now" up to 40 characters before a number makes it a value reached, one further does not', () => {
  const within = "We now " + "b".repeat(35) + " 15 cats";
  assert.equal(within.indexOf("15") - within.indexOf("now"), 40);
  assert.deepEqual([...reachedNumbersOf(within)], [["cat", new Set(["15"])]]);
  const past = "We now " + "b".repeat(36) + " 15 cats";
  assert.equal(past.indexOf("15") - past.indexOf("now"), 41);
  assert.equal(reachedNumbersOf(past).size, 0);
});
