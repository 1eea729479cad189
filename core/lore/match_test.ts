/**
 * Pins how a lorebook key matches (match.ts): `/pattern/flags` keys honour s and m, whole words
 * end at letters, digits and underscores, key text is literal unless it is a regex, case
 * sensitivity holds with whole words, the cache tells regex keys from plain ones, and keys are
 * trimmed.
 */
import assert from "node:assert/strict";
import { keyMatches, type KeyMatchOptions, ScanText } from "./match.ts";

const plain: KeyMatchOptions = { caseSensitive: false, wholeWords: false, regex: false };
const words: KeyMatchOptions = { ...plain, wholeWords: true };

function matches(text: string, key: string, options = plain): boolean {
  return keyMatches(new ScanText(text), key, options);
}

Deno.test("a /pattern/ key honours the s and m flags", () => {
  assert.equal(matches("a\nb", "/a.b/s"), true, "s: the dot matches a newline");
  assert.equal(matches("a\nb", "/a.b/"), false);
  assert.equal(matches("one\ntwo", "/^two$/m"), true, "m: ^ and $ at each line");
  assert.equal(matches("one\ntwo", "/^two$/"), false);
});

Deno.test("whole words end at letters, digits and underscores of any script", () => {
  assert.equal(matches("the cat sat", "cat", words), true);
  assert.equal(matches("the 1cat sat", "cat", words), false, "a digit before");
  assert.equal(matches("the cat1 sat", "cat", words), false, "a digit after");
  assert.equal(matches("the _cat sat", "cat", words), false, "an underscore before");
  assert.equal(matches("the écat sat", "cat", words), false, "a letter of another script");
  assert.equal(matches("(cat)", "cat", words), true, "punctuation is an edge");
});

Deno.test("a whole-word key is literal text, and case-sensitive when asked", () => {
  assert.equal(matches("what is a.b here", "a.b", words), true);
  assert.equal(matches("what is axb here", "a.b", words), false, "the dot is a dot");
  const exact = { ...words, caseSensitive: true };
  assert.equal(matches("the Cat sat", "cat", exact), false);
  assert.equal(matches("the cat sat", "cat", exact), true);
  assert.equal(matches("the Cat sat", "cat", words), true, "case-blind by default");
});

Deno.test("the same key text is a regex or a whole word by its options, never by the cache", () => {
  const regex = { ...plain, regex: true, wholeWords: true };
  assert.equal(matches("xaxbx", "a.b", words), false, "as whole words first");
  assert.equal(matches("a-b", "a.b", regex), true, "then as a regex");
  assert.equal(matches("a-b", "a.b", words), false, "and as words again");
});

Deno.test("keys are trimmed before matching", () => {
  assert.equal(matches("the cat sat", " cat ", words), true);
  assert.equal(matches("thecatsat", " cat "), true, "a plain key too");
});
