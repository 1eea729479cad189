import assert from "node:assert/strict";
import { asksNow } from "./finished_past.ts";

Deno.test("asksNow: a word in quotes is the word itself, the quote no letter of it", () => {
  // "'old'": the closing quote ends the word, so "old" still names a past period of the school.
  assert.equal(asksNow("what's my 'old' school?"), false);
  assert.equal(asksNow("where's my 'former' boss?"), false);
  assert.equal(asksNow("where's the gig?"), true);
});
