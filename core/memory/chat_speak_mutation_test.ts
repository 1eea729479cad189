import assert from "node:assert/strict";
import { CHAT_SPEAK, chatSpeakPattern, DIALECT_SPEAK } from "./chat_speak.ts";
import { isContentWord, terms } from "./text.ts";

Deno.test("after each determiner or possessive, 'cant' and 'wont' are the nouns", () => {
  const before = "a an the this that his her their its our my your of such no".split(" ");
  for (const word of before) {
    assert.deepEqual(terms(`${word} cant`), ["cant"], word);
    assert.deepEqual(terms(`${word} wont`), ["wont"], word);
  }
  assert.deepEqual(terms("i cant"), []);
});

Deno.test("a texting spelling with one content word among its words carries content", () => {
  for (const word of ["idk", "dunno", "gonna", "wanna", "kinda", "brb", "omw"]) {
    assert.ok(CHAT_SPEAK.has(word), word);
    assert.equal(isContentWord(word), true, word);
  }
  assert.deepEqual(terms("idk"), ["know"]);
});

Deno.test("the PostgreSQL pattern finds a lexicon word as a whole word only", () => {
  const pattern = new RegExp(chatSpeakPattern());
  for (const text of ["lol", "ok lol", "lol ok", "is it ur bday?", "(tbh)", "im here"]) {
    assert.ok(pattern.test(text), text);
  }
  for (const text of ["turn", "immediately", "lolly", "the bdays2", "analysis", "the 2lol"]) {
    assert.ok(!pattern.test(text), text);
  }
  // Analyser 4's pattern (its migration and trigger): its own spellings, whole, and no other.
  const dialect = new RegExp(chatSpeakPattern(DIALECT_SPEAK));
  for (const text of ["dae", "whit dae ye ken", "(aboot)", "b4 noon"]) {
    assert.ok(dialect.test(text), text);
  }
  for (const text of ["its jakes bday lol", "2dae", "dae2", "daemon", "sundae"]) {
    assert.ok(!dialect.test(text), text);
  }
});

// What `gen_chat_speak.ts` makes, pinned: its exclusions, its fillers and its hyphen joins.
Deno.test("the generated lexicon: 183 words, none with a sense of its own, none excluded", () => {
  // Version 3's words; analyser 4's function-word spellings are pinned in chat_dialect_test.ts.
  assert.equal(CHAT_SPEAK.size - DIALECT_SPEAK.size, 183);
  // "ur" came back with analyser 4 as a spelling of "your": its one sense names a city (Ur).
  assert.deepEqual(CHAT_SPEAK.get("ur"), ["your"]);
  const ownSense = ("asap atm bbl bbs bc cos cuppa faq fr lets msg n np pita rn ru sth tho tia u w")
    .split(" ");
  const excluded = ("ama b2b cc cu cys d2d dr e2e gm ic jj kk nm oof ooc ot p2p pms rp rps rpsls " +
    "s2s cannot").split(" ");
  for (const word of [...ownSense, ...excluded]) assert.equal(CHAT_SPEAK.has(word), false, word);
  // Discourse markers carry nothing; "cant" and "wont" are kept, whatever WordNet says.
  const fillers =
    ("afaik btw fyi ftw iirc ikr imho imnsho imo jk lmao lol oic omfg omg rofl roflmao " +
      "smh tbh wtf ffs ngl yh").split(" ");
  for (const word of fillers) {
    assert.deepEqual(CHAT_SPEAK.get(word), [], word);
  }
  assert.deepEqual(CHAT_SPEAK.get("cant"), ["can", "not"]);
  assert.deepEqual(CHAT_SPEAK.get("wont"), ["will", "not"]);
  // A joined prefix reads as the hyphened word.
  for (
    const [joined, hyphened] of [["ebike", "e-bike"], ["ebikes", "e-bikes"], [
      "escooter",
      "e-scooter",
    ], ["escooters", "e-scooters"]]
  ) {
    assert.deepEqual(terms(joined!), terms(hyphened!), joined);
  }
  // Letters only: "pfo" is "please f ck off" (the asterisks gone).
  assert.deepEqual(CHAT_SPEAK.get("pfo"), ["please", "f", "ck", "off"]);
});
