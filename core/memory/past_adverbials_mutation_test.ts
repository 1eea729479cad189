/**
 * Pins of past_adverbials.ts that mutation testing (mut63) found loose: "back in" a year inside
 * a subordinate clause dates that clause's event, not the line's, with no participle near to
 * decide it instead; the bounds of reading back over a time phrase for its participle.
 */
import assert from "node:assert/strict";
import { placedInPast } from "./past_adverbials.ts";

const folded = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

Deno.test("'back in 2019' in a subordinate clause places no main event in the past", () => {
  const tokens = folded("I stay in since the flood back in 2019");
  const since = tokens.indexOf("since");
  assert.ok(!placedInPast(tokens, { subordinate: tokens.map((_, i) => i >= since) }));
  assert.ok(placedInPast(tokens, { subordinate: [] }), "in the main clause it does");
});

const inPast = (text: string, line: { mainEnd?: number } = {}) =>
  placedInPast(folded(text), { subordinate: [], ...line });

Deno.test("'ago' as the line's second word places it in the past", () => {
  assert.ok(inPast("years ago"));
});

Deno.test("a participle heads a time phrase read back over its words and numbers, at most four", () => {
  // The phrase's words and number are read back over: the participle is then in reach.
  assert.ok(!inPast("diagnosed in leeds a few years ago"));
  assert.ok(!inPast("diagnosed in leeds 10 years ago"));
  // Four words read back ("about a good few"), the participle three more away: out of reach.
  assert.ok(inPast("diagnosed in london only about a good few years ago"));
  // A word not of the phrase ends it: no word behind it is read as the phrase's.
  assert.ok(inPast("diagnosed there a good few times years ago"));
});

Deno.test("a regular participle of two letters and '-ed' heads a time phrase", () => {
  assert.ok(!inPast("a bike used years ago"));
});

Deno.test("mainEnd 0: the whole line is an aside, nothing in it dates the line", () => {
  assert.ok(!inPast("years ago", { mainEnd: 0 }));
});

Deno.test("'when I was' right after a subordinate word is that clause's, whatever came before", () => {
  const tokens = folded("scared since when i was 8");
  assert.ok(!placedInPast(tokens, { subordinate: tokens.map((_, i) => i >= 1) }));
});

Deno.test("TIME_PHRASE_MAX: four words of a time phrase are read back, so a participle before them heads it", () => {
  assert.ok(!inPast("diagnosed in leeds about a good few years ago"));
});

Deno.test("a 'when' that opens no past stage, a subordinate word, a name 'Ago': the words after are still read", () => {
  assert.ok(inPast("trip to whitby when possible years ago"));
  const tokens = folded("since then trip years ago");
  assert.ok(placedInPast(tokens, { subordinate: [true, true] }));
  const text = "Dr Ago trip to whitby years ago";
  assert.ok(
    placedInPast(folded(text), { subordinate: [], written: text.match(/[\p{L}\p{N}]+/gu)! }),
  );
});
