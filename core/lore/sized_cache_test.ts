/** Pins the byte- and count-bounded cache of compiled keys (sized_cache.ts, match.ts). */
import assert from "node:assert/strict";
import { SizedCache } from "./sized_cache.ts";
import { KEY_CACHE_LIMITS, keyCache, keyMatches, ScanText } from "./match.ts";

Deno.test("past its byte bound the cache drops the oldest entries first", () => {
  const cache = new SizedCache<string>({ bytes: 100, entries: 10 });
  cache.set("a", "A", 40);
  cache.set("b", "B", 40);
  cache.set("c", "C", 40);
  assert.deepEqual([cache.has("a"), cache.has("b"), cache.has("c")], [false, true, true]);
  assert.equal(cache.bytes, 80);
  cache.set("d", "D", 100);
  assert.deepEqual([cache.has("b"), cache.has("c"), cache.get("d")], [false, false, "D"]);
  assert.equal(cache.bytes, 100, "exactly the bound is kept");
});

Deno.test("an entry that grows past the bound evicts the oldest; the count bound still holds", () => {
  const cache = new SizedCache<string>({ bytes: 100, entries: 2 });
  cache.set("a", "A", 10);
  cache.set("b", "B", 10);
  cache.resize("b", 95);
  assert.deepEqual([cache.has("a"), cache.has("b"), cache.bytes], [false, true, 95]);
  cache.set("c", "C", 1);
  cache.set("e", "E", 1);
  assert.deepEqual([cache.size, cache.has("b")], [2, false], "two entries at most");
  cache.set("e", "E2", 3);
  assert.deepEqual([cache.size, cache.bytes, cache.get("e")], [2, 4, "E2"], "a replaced entry");
});

Deno.test("compiled keys count their program and their DFA states against 64 MiB", () => {
  assert.deepEqual(KEY_CACHE_LIMITS, { bytes: 64 * 1024 * 1024, entries: 20_000 });
  keyCache.clear();
  const options = { caseSensitive: false, wholeWords: false, regex: true };
  keyMatches(new ScanText("x"), "[^q]{1,90}[qQ]", options);
  const compiled = keyCache.bytes;
  assert.ok(compiled > 90 * 256, `${compiled} bytes for about 180 instructions`);
  keyMatches(new ScanText("ab ".repeat(200)), "[^q]{1,90}[qQ]", options);
  assert.ok(keyCache.bytes > compiled + 90 * 90, "DFA states scanned are added");
  keyCache.clear();
});
