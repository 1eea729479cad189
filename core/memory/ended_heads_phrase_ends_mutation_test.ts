import assert from "node:assert/strict";
import { endedHeads } from "./ended_heads.ts";

/** The heads `endedHeads` finds in `text`. */
const heads = (text: string) => endedHeads(text).map(({ head }) => head);

// An adverb of PHRASE_ENDS right after the negated verb, before any head: the words past it are
// no object of the verb (mut66's open mutants: "these", "again" and "now" dropped from the set).
Deno.test("endedHeads: 'these days' after a negated verb names no thing ended", () => {
  assert.deepEqual(heads("I don't drink these days"), []);
});

Deno.test("endedHeads: 'again' before a phrase of time ends the phrase: the holidays ended nothing", () => {
  assert.deepEqual(heads("I stopped again after the holidays"), []);
});

Deno.test("endedHeads: 'now' before an exception ends the phrase: the cigars are kept", () => {
  assert.deepEqual(heads("I don't smoke now except cigars"), []);
});
