import assert from "node:assert/strict";
import { capitalisedWords, HONORIFICS, queryNames } from "./query_names.ts";

const isPlace = (word: string) => word === "portugal" || word === "leeds";

Deno.test("a line break, a colon, a bullet, an opening quote or bracket starts a sentence", () => {
  assert.deepEqual(queryNames("hey\nRemember my dog?", isPlace), []);
  assert.deepEqual(queryNames("hey\n  Where is Tomas?", isPlace), ["toma"]);
  assert.deepEqual(queryNames("Quick question: Where does my dog sleep?", isPlace), []);
  assert.deepEqual(queryNames('She said "Tell me more." Where?', isPlace), []);
  assert.deepEqual(queryNames("so (Where was it?)", isPlace), []);
  assert.deepEqual(queryNames("notes\n- Where is the key?\n* Which bag?", isPlace), []);
});

Deno.test("frame words and honorifics are no names; the name after an honorific is", () => {
  assert.deepEqual(queryNames("So Remember the dog?", isPlace), [], "a frame word");
  assert.deepEqual(queryNames("When did I see Dr. Lee?", isPlace), ["lee"]);
  assert.deepEqual(queryNames("Dr. Lee said what?", isPlace), ["lee"], "after an opening title");
  assert.deepEqual(queryNames("Is Mrs Patel home?", isPlace), ["patel"]);
  for (const title of ["dr", "mr", "mrs", "ms", "prof"]) assert.ok(HONORIFICS.has(title), title);
});

Deno.test("a query in title case or capitals takes no names by their case", () => {
  assert.deepEqual(queryNames("Where Do I Work Now?", isPlace), []);
  assert.deepEqual(queryNames("Which Relative Grows Grapes?", isPlace), []);
  assert.deepEqual(queryNames("WHERE DOES TOM WORK?", isPlace), []);
  // Names alone, or most of a short question, are still names.
  assert.deepEqual(queryNames("Is Tomas with Amira?", isPlace), ["toma", "amira"]);
  assert.deepEqual(queryNames("Where is Tomas?", isPlace), ["toma"]);
  assert.deepEqual(queryNames("Who lives in Leeds with Tomas?", isPlace), ["toma"]);
});

Deno.test("a line opens only at a line break with no mark after it, or a number at a line's start", () => {
  // The same outputs as the regexes the scan replaced (review17: its table of old outputs).
  const opens = (text: string) => capitalisedWords(text).map((word) => word.opensSentence);
  assert.deepEqual(opens("x\n, Bob"), [false], "a comma after the line break");
  assert.deepEqual(opens("x\n Bob"), [true]);
  assert.deepEqual(opens("x,\nBob"), [true]);
  assert.deepEqual(opens("x\n\n- Bob"), [true]);
  assert.deepEqual(opens("met 2) Bob"), [false], "a number inside a line");
  assert.deepEqual(opens("met\n2) Bob"), [true]);
  assert.deepEqual(opens("2) Bob"), [true]);
  assert.deepEqual(opens("x 12. Bob and Tom"), [true, false]);
  assert.deepEqual(queryNames("x\n, Bob", isPlace), ["bob"]);
  assert.deepEqual(queryNames("met 2) Bob", isPlace), ["bob"]);
});

Deno.test("capitalisedWords reads a text asked again in a row once, and a text between afresh", () => {
  const [ask, other] = ["Where does Tomas live?", "Ask Priya and Leeds Council."];
  const first = capitalisedWords(ask);
  // A query's analysis asks for the same text's words again and again (perf88).
  assert.equal(capitalisedWords(ask), first, "the same array: not read again");
  assert.deepEqual(capitalisedWords(other).map(({ token }) => token), [
    "Ask",
    "Priya",
    "Leeds",
    "Council",
  ]);
  const again = capitalisedWords(ask);
  assert.notEqual(again, first, "read afresh after another text");
  assert.deepEqual(again, first);
  assert.deepEqual(again.map(({ token }) => token), ["Where", "Tomas"]);
});
