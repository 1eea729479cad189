/**
 * Pins of `possessed_topics.ts` that its behaviour tests left open, each found by a mutant that
 * passed them (session 40, mut55: core/memory/HISTORY.md).
 */
import assert from "node:assert/strict";
import { askedPossessions, possessions } from "./possessed_topics.ts";

Deno.test("a thing's words go on over white space only, and a word holding a function word's part goes on", () => {
  // A comma ends the thing, though the word after it is no function word.
  assert.deepEqual(possessions("Jacob's, football boots"), []);
  // "o'clock" reads as "o" and "clock": not every part a function word, so the thing goes on.
  assert.deepEqual(possessions("Mum's 5 o'clock pills are in the drawer"), [
    { owner: "mum", terms: ["5", "clock", "pill"] },
  ]);
});

Deno.test("an owner is written with either apostrophe", () => {
  assert.deepEqual(possessions("Jacob’s new bike"), [{ owner: "jacob", terms: ["new", "bike"] }]);
});

Deno.test("his or her is the one person a question names, past its first word and its I", () => {
  const hayFever = [{ owner: "mo", terms: ["hai", "fever"] }];
  // "What" opens the sentence: no name.
  assert.deepEqual(askedPossessions("What does Mo take for his hay fever"), hayFever);
  // "I" is the speaker: no name.
  assert.deepEqual(askedPossessions("what did Mo say I should get for his party"), [
    { owner: "mo", terms: ["parti"] },
  ]);
  assert.deepEqual(askedPossessions("what does Priya take for her hay fever"), [
    { owner: "priya", terms: ["hai", "fever"] },
  ]);
  // "his" only as a word: "this" is no one's.
  assert.deepEqual(askedPossessions("what does Mo take for this hay fever"), []);
});
