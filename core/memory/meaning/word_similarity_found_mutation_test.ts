/**
 * Pins of word_similarity.ts that mutation testing (mut64) found loose: a memory word with no
 * informativeness counts as informativeness 1 in `preparedSimilarity`, one of 0 as 0.
 */
import assert from "node:assert/strict";
import { preparedSimilarity } from "./word_similarity.ts";
import type { PreparedWord } from "./prepared_word.ts";

/** A word of `stem` whose unit vector is `unit`, of `informativeness` if given. */
function word(stem: string, unit: number[], informativeness?: number): PreparedWord {
  return {
    word: stem,
    stem,
    unit: new Float32Array(unit),
    ...(informativeness === undefined ? {} : { informativeness }),
  } as PreparedWord;
}

Deno.test("preparedSimilarity: a found word's informativeness, 1 when not known, scales the cosine", () => {
  // Cosine 0.5; the asked word is twice as informative as a word of informativeness 1.
  const asked = word("alphabet", [1, 0], 2);
  const near = [0.5, Math.sqrt(0.75)];
  assert.ok(Math.abs(preparedSimilarity(asked, word("omegaton", near)) - 0.25) < 1e-6);
  assert.equal(preparedSimilarity(asked, word("omegaton", near, 0)), 0);
});
