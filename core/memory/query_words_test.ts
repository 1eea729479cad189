import assert from "node:assert/strict";
import { asciiWords } from "./query_words.ts";
import {
  answerType,
  askedClasses,
  asksKin,
  asksWhere,
  frameTerms,
  queryVoice,
  voiceOf,
} from "./query.ts";
import { asksWhen } from "./time_words.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

Deno.test("asciiWords: the folded words of plain ASCII text, none for other text", () => {
  assert.deepEqual(asciiWords("Where does MY sister live?"), [
    "where",
    "does",
    "my",
    "sister",
    "live",
  ]);
  assert.equal(asciiWords("Où habite ma sœur?"), undefined);
  assert.ok(Object.isFrozen(asciiWords("Shared, not to be changed")));
});

Deno.test("a query's questions answered from its ASCII words agree with the Unicode patterns", async () => {
  const words = await WordVectors.shared();
  const texts = [
    "Where do I live now?",
    "What did we talk about last time?",
    "We talked about strange foods",
    "Last night we had a long chat about moving",
    "Our daughter Mila plays the cello",
    "Which relative grows grapes?",
    "Does Tom have a brother?",
    "Who is Tom's sister?",
    "whose idea was it, Mine or yours?",
    "Tell me about my children",
    "What gives me headaches?",
    "When did the user's mother retire?",
    "Which year did our family move to Leeds?",
    "What sport does her aunt play? myself, I don't know",
    "benchmark message 17",
    "I-my we_our WHERE-who relatives,kids",
  ];
  // A non-ASCII word at the end takes the patterns' path and changes none of the answers.
  for (const text of texts) {
    const other = `${text} café`;
    assert.equal(asciiWords(other), undefined);
    assert.equal(voiceOf(text), voiceOf(other), text);
    assert.equal(queryVoice(text), queryVoice(other), text);
    assert.equal(asksKin(text), asksKin(other), text);
    assert.equal(asksWhere(text), asksWhere(other), text);
    assert.equal(asksWhen(text), asksWhen(other), text);
    assert.equal(answerType(text, words), answerType(other, words), text);
    assert.deepEqual(askedClasses(text), askedClasses(other).filter((word) => word !== "café"));
    assert.deepEqual(
      [...frameTerms(text)],
      [...frameTerms(other)],
      text,
    );
  }
});
