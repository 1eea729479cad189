import assert from "node:assert/strict";
import { spelledNumbers } from "./spelled_numbers.ts";

Deno.test("spelledNumbers: 'thousand' right after another scale word multiplies the group before it", () => {
  // The smallest scale word that multiplies a group: "two thousand thousand" is two million.
  assert.deepEqual(spelledNumbers("two thousand thousand").map((number) => number.value), [
    "2000000",
  ]);
});
