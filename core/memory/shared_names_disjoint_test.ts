/**
 * `sharesName` asks first whether two texts hold a word in common (perf72): without one neither
 * text's runs can name a thing of the other's, and the runs are not read.
 */
import assert from "node:assert/strict";
import { nameRunReads, nameWords, sharesName } from "./shared_names.ts";

Deno.test("two texts with no capitalised word in common are compared without reading a run", () => {
  const a = nameWords("We met Priya Shah and Tom at the Leeds Grand with Aunt Reena");
  const b = nameWords("Then Kieran drove to Lisbon with Marco Rossi and Google's Ana");
  const before = nameRunReads();
  assert.equal(sharesName(a, b), false);
  assert.equal(sharesName(b, a), false);
  assert.equal(nameRunReads() - before, 0);
});

Deno.test("one word in common is still read by runs, whichever text holds fewer words", () => {
  const many = nameWords("We met Priya Shah and Tom at the Leeds Grand with Aunt Reena");
  // "Tom" inside a sentence in both: one name.
  assert.equal(sharesName(many, nameWords("I rang Tom")), true);
  assert.equal(sharesName(nameWords("I rang Tom"), many), true);
  // "Priya Shah" against "Priya Patel": the run holds a word inside a sentence the other lacks.
  assert.equal(sharesName(many, nameWords("I rang Priya Patel")), false);
  assert.equal(sharesName(nameWords("I rang Priya Patel"), many), false);
});
