/**
 * Pins the bounds on regex keys (regex_key.ts, match.ts): a key whose compiled program is too
 * large (counted repetitions, nested or not) matches nothing and says why, at the documented
 * boundaries; ordinary SillyTavern-style keys and long name lists still match; one key's DFA
 * states stay under their cap.
 */
import assert from "node:assert/strict";
import { RE2JS } from "re2js";
import { keyMatches, type KeyMatchOptions, keyRefusal, ScanText } from "./match.ts";
import {
  compileRegexKey,
  countRefusal,
  programRefusal,
  REGEX_KEY_LIMITS,
  scanChars,
} from "./regex_key.ts";

const plain: KeyMatchOptions = { caseSensitive: false, wholeWords: false, regex: false };

function matches(text: string, key: string, options = plain): boolean {
  return keyMatches(new ScanText(text), key, options);
}

Deno.test("the regex key limits: counts to 100, 2 instructions per character plus 1,000, 2,500 in all, 1 MiB of DFA", () => {
  assert.deepEqual(REGEX_KEY_LIMITS, {
    count: 100,
    perChar: 2,
    slack: 1000,
    program: 2500,
    scanWork: 5_000_000,
    dfaBytes: 1 << 20,
  });
  assert.equal(programRefusal("x".repeat(10), 1020), null, "2 × 10 + 1,000 fits");
  assert.match(programRefusal("x".repeat(10), 1021) ?? "", /1021 instructions from 10 characters/);
  // Two ordinary gaps between words (419 instructions) are a card's key, not an attack.
  assert.ok(matches("I kiss you, so now", "/(?:kiss|hug).{0,100}(?:you|me).{0,100}now/i"));
  assert.equal(programRefusal("x".repeat(1500), 2500), null);
  assert.match(programRefusal("x".repeat(1500), 2501) ?? "", /more than 2500/);
});

Deno.test("a large counted repetition matches nothing and says why", () => {
  const key = "/(?:[^z]{1,1000})[zZ]/";
  assert.equal(matches("ab ab z", key), false);
  assert.match(keyRefusal(key, plain) ?? "", /counted repetition \{1,1000\} over 100/);
  const nested = "(?:(?:a{1,30}b){1,30})c"; // 1,832 instructions from 23 characters
  assert.equal(matches("aabc", nested, { ...plain, regex: true }), false, "nested counts multiply");
  assert.match(keyRefusal(nested, { ...plain, regex: true }) ?? "", /instructions from 23 char/);
});

Deno.test("counts: 100 runs, 101 is refused before compiling, escaped braces are text", () => {
  assert.equal(countRefusal("a{100}b{1,100}c{100,}"), null);
  assert.match(countRefusal("a{101}") ?? "", /\{101\} over 100/);
  assert.match(countRefusal("a{1,101}") ?? "", /\{1,101\}/);
  assert.match(countRefusal("a{101,}") ?? "", /\{101,\}/);
  assert.equal(countRefusal("\\{1000}"), null, "\\{ is a literal brace");
  assert.notEqual(countRefusal("\\\\{1000}"), null, "an escaped backslash, then a count");
  assert.equal(matches("x{1000}", "/x\\{1000}/"), true);
});

Deno.test("a repetition of about a hundred still runs; invalid patterns say why too", () => {
  assert.equal(matches("ab ab z", "/[^z]{1,100}[zZ]/"), true);
  assert.equal(keyRefusal("/[^z]{1,100}[zZ]/", plain), null);
  assert.equal(matches("x(", "/x(/"), false);
  assert.match(keyRefusal("/x(/", plain) ?? "", /missing/);
  assert.equal(keyRefusal("dragon", plain), null, "plain keys are never refused");
});

Deno.test("SillyTavern-style /pattern/i keys and long name lists still match", () => {
  assert.equal(matches("They DUELIST met", "/\\bduel(s|ist)?\\b/i"), true);
  assert.equal(matches("two Blades", "/(?:sword|blade)s?/i"), true);
  assert.equal(matches("the elven gate", "/\\b(elf|elves|elven)\\b/i"), true);
  assert.equal(matches("the elvish gate", "/\\b(elf|elves|elven)\\b/i"), false);
  const names = Array.from({ length: 120 }, (_, i) => `name${i.toString(36)}word`);
  const list = `/\\b(${names.join("|")})\\b/i`;
  assert.ok(list.length > 1200);
  assert.equal(keyRefusal(list, plain), null);
  assert.equal(matches("hello NAME3BWORD there", list), true);
});

Deno.test("one key's DFA states stay under REGEX_KEY_LIMITS.dfaBytes", () => {
  // (a|b)*a(a|b){16}: up to 2^16 DFA states over random a/b text.
  const key = compileRegexKey("(?:a|b)*a(?:a|b){16}c", 0);
  assert.ok(key.ok);
  const fixed = key.bytes();
  let seed = 7;
  const text = Array.from({ length: 60_000 }, () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed & 1024 ? "a" : "b";
  }).join("");
  // A leading c: RE2's prefilter (the pattern needs a "c") would skip the DFA otherwise.
  assert.equal(key.test(`c${text}`), false);
  const grown = key.bytes() - fixed;
  assert.ok(grown > 0, "the estimate counts DFA states");
  assert.ok(grown <= 2 * REGEX_KEY_LIMITS.dfaBytes, `DFA estimate ${grown} bytes`);
  assert.equal(RE2JS.compile("(?:a|b)*a(?:a|b){16}c").test(`${text}c`), true);
  assert.equal(key.test(`${text}c`), true, "a capped DFA still finds the match");
});

Deno.test("a regex key scans the newest scanWork / instructions characters (a power of two)", () => {
  assert.deepEqual([scanChars(20), scanChars(202), scanChars(1)], [131_072, 16_384, 4_194_304]);
  const key = "/[^z]{1,100}[zZ]/"; // 202 instructions: 16,384 characters
  const filler = "ab ".repeat(6000);
  assert.equal(matches(`${filler.slice(0, 16_000)}z`, key), true, "within the newest 16,384");
  assert.equal(matches(`${filler.slice(0, 16_384)}z`, key), false, "past them");
  assert.equal(matches(`${filler.slice(0, 16_384)}z`, "/z/"), true, "a small key reads it all");
});

Deno.test("a cut scan keeps the newest chat and the recursion buffer", () => {
  const chat = "n".repeat(10) + "o".repeat(10);
  const scan = new ScanText(`${chat}\nRECURSION`, chat.length);
  assert.equal(scan.head(100), scan.text);
  assert.equal(scan.head(16), `${"n".repeat(8)}\nRECURSI`, "at least half to recursion");
  assert.equal(new ScanText(chat).head(4), "nnnn", "without recursion: the newest");
});
