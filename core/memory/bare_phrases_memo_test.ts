/**
 * `phraseApartFactor` reads a line's stems once per text (perf72), whatever phrase is asked.
 */
import assert from "node:assert/strict";
import { PHRASE_APART, phraseApartFactor } from "./bare_phrases.ts";
import { holdsText, memoComputes } from "./text_memo.ts";
import { stem } from "./text.ts";

Deno.test("a line's stems are read once for every bare phrase asked of it", () => {
  const line = "perf72 bare phrase line: Harriet Vance played at the house party in Fallowfield";
  assert.equal(holdsText(line), false);
  const before = memoComputes();
  const phrase = (text: string) => text.split(" ").map(stem);
  for (let round = 0; round < 2; round++) {
    assert.equal(phraseApartFactor(phrase("harriet vance"), line), 1);
    assert.equal(phraseApartFactor(phrase("house parties"), line), 1);
    assert.equal(phraseApartFactor(phrase("vance harriet"), line), 1 - PHRASE_APART);
  }
  assert.equal(memoComputes() - before, 1);
  assert.equal(holdsText(line), true);
});
