import assert from "node:assert/strict";
import { askedPhrase, phraseApartFactor, pooledPhrase } from "./bare_phrases.ts";
import { memoComputes, prepareText } from "./text_memo.ts";
import { stem } from "./text.ts";

Deno.test("pooledPhrase: a kept exchange whose message is no bare phrase holds the phrase as any line does", () => {
  // The sender asked a question: its message repeats no phrase, so the exchange names the unit.
  const exchange = "Kav said: where was the house party in Fallowfield?\nAria replied: At Jo's";
  assert.deepEqual(
    pooledPhrase("house party in Fallowfield", [exchange]),
    askedPhrase("house party in Fallowfield"),
  );
});

Deno.test("pooledPhrase: a kept exchange holds the phrase unless its message is that phrase, word for word", () => {
  const phrase = askedPhrase("house party");
  // The message is a bare phrase of as many words, sharing one: it is not the phrase.
  const shares = "Kav said: house music\nAria replied: The house party is on Friday";
  assert.deepEqual(pooledPhrase("house party", [shares]), phrase);
  // A line that is no exchange is its own message: a line that is the phrase holds it.
  assert.deepEqual(pooledPhrase("Harriet Vance", ["Harriet Vance"]), askedPhrase("Harriet Vance"));
});

Deno.test("a line's stems are worked out ahead with the memos of every candidate", () => {
  const line = "mut61 ahead line: Harriet Vance played at the house party in Fallowfield";
  prepareText(line);
  const before = memoComputes();
  assert.equal(phraseApartFactor(["harriet", "vanc"].map(stem), line), 1);
  assert.equal(memoComputes() - before, 0);
});
