/**
 * Pins of lorebook key matching that mutation testing (mut48) found loose under the lore tests:
 * empty keys, a case-sensitive regex key, refusals of invalid keys, the scanned head of a chat
 * with a recursion buffer, and the compiled-key cache's documented bounds and estimates.
 */
import assert from "node:assert/strict";
import {
  KEY_CACHE_LIMITS,
  keyCache,
  keyMatches,
  type KeyMatchOptions,
  keyRefusal,
  ScanText,
} from "./match.ts";

const plain: KeyMatchOptions = { caseSensitive: false, wholeWords: false, regex: false };
const regex: KeyMatchOptions = { ...plain, regex: true };

Deno.test("an empty or blank key never matches, whatever the text", () => {
  const scan = new ScanText("anything at all");
  for (const key of ["", "   "]) {
    assert.equal(keyMatches(scan, key, plain), false);
    assert.equal(keyMatches(scan, key, regex), false);
    assert.equal(keyRefusal(key, regex), null);
  }
});

Deno.test("a case-sensitive regex key matches only its own case", () => {
  const scan = new ScanText("The Dragon sleeps");
  assert.equal(keyMatches(scan, "drag[o]n", { ...regex, caseSensitive: true }), false);
  assert.equal(keyMatches(scan, "Drag[o]n", { ...regex, caseSensitive: true }), true);
  assert.equal(keyMatches(scan, "drag[o]n", regex), true);
});

Deno.test("an invalid regex key is refused with a reason; a valid or plain one is not", () => {
  assert.equal(typeof keyRefusal("drag(on", regex), "string");
  assert.equal(keyRefusal("drag(on", plain), null, "a plain key is no pattern");
  assert.equal(keyRefusal("drag[o]n", regex), null);
});

Deno.test("the scanned head gives the chat at most half when the recursion buffer is long", () => {
  const long = new ScanText("a".repeat(10) + "R".repeat(10), 10);
  assert.equal(long.head(8), "aaaaRRRR");
  assert.equal(long.head(8), "aaaaRRRR", "kept for the next key");
  const shortRecursion = new ScanText("a".repeat(10) + "RR", 10);
  assert.equal(shortRecursion.head(8), "aaaaaaRR", "the chat takes what recursion leaves");
  const shortChat = new ScanText("aaa" + "R".repeat(10), 3);
  assert.equal(shortChat.head(8), "aaaRRRRR", "recursion takes what the chat leaves");
  assert.equal(new ScanText("abc").head(3), "abc");
});

Deno.test("the compiled-key cache holds 64 MiB and 20,000 keys, each estimated by its kind", () => {
  assert.deepEqual(KEY_CACHE_LIMITS, { bytes: 64 * 1024 * 1024, entries: 20_000 });
  assert.equal(KEY_CACHE_LIMITS.bytes, 67_108_864);
  keyCache.clear();
  try {
    keyMatches(new ScanText("a dragon"), "dragon", { ...plain, wholeWords: true });
    assert.equal(keyCache.bytes, 512 + 4 * 6, "a whole-word key: 512 and 4 a character");
    keyCache.clear();
    keyMatches(new ScanText("a dragon"), "drag(on", regex);
    assert.equal(keyCache.bytes, 256 + 2 * 7, "a refused regex key: 256 and 2 a character");
  } finally {
    keyCache.clear();
  }
});
