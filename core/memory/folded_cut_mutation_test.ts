import assert from "node:assert/strict";
import { cutFolded } from "./folded_cut.ts";

/** U+FDFA: one character that folds (NFKC) to 18. */
const FDFA = "\uFDFA";

Deno.test("the raw-length shortcut trusts only the most any character folds to: 18", () => {
  // 100 × 18 = 1,800 folded characters: past 1,799, so cut, though 100 × 17 would be within it.
  const cut = cutFolded(FDFA.repeat(100), 1_799);
  assert.equal(cut, FDFA.repeat(99));
  assert.equal(cutFolded(FDFA.repeat(100), 1_800), FDFA.repeat(100), "exactly the limit: whole");
});

Deno.test("a character whose fold ends exactly at the limit is kept", () => {
  assert.equal(cutFolded("ab" + FDFA.repeat(10), 20), "ab" + FDFA);
  assert.equal(cutFolded("ab" + FDFA.repeat(10), 19), "ab");
});

Deno.test("a text whose whole fold is within the limit is kept, though its characters one by one are not", () => {
  // "e" + U+0301 composes to one "é": 1,500 folded, 3,000 counted character by character.
  const text = "e\u0301".repeat(1_500);
  assert.equal(cutFolded(text, 2_000), text);
});
