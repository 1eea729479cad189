import assert from "node:assert/strict";
import {
  GROUP_WORDS,
  queryTermFactor,
  QUESTION_FRAME_WEIGHT,
  QUESTION_FRAME_WORDS,
  SELF_WORDS,
  voiceOf,
} from "./query.ts";
import { stem } from "./text.ts";

Deno.test("question-frame words weigh QUESTION_FRAME_WEIGHT in a query, content words 1", () => {
  assert.equal(QUESTION_FRAME_WEIGHT, 0.25);
  for (const word of ["tell", "know", "remember", "still", "ever", "anything"]) {
    assert.ok(QUESTION_FRAME_WORDS.has(word), word);
    assert.equal(queryTermFactor(stem(word)), QUESTION_FRAME_WEIGHT, word);
  }
  // Other forms of a frame word are frame words too (the factor is looked up by stem).
  assert.equal(queryTermFactor(stem("remembering")), QUESTION_FRAME_WEIGHT);
  for (const word of ["children", "parents", "coffee", "live", "job"]) {
    assert.equal(queryTermFactor(stem(word)), 1, word);
  }
});

Deno.test("voice: the persona's own I/my, a group's we/our, or neither", () => {
  assert.deepEqual([...SELF_WORDS].sort(), ["i", "mine", "my", "myself"]);
  assert.deepEqual([...GROUP_WORDS].sort(), ["our", "ours", "ourselves", "we"]);
  assert.equal(voiceOf("I live in Lyon"), "self");
  assert.equal(voiceOf("Which languages can I speak?"), "self");
  assert.equal(voiceOf("My sister Elena is a doctor"), "self");
  assert.equal(voiceOf("We talked about my holiday"), "self", "I/my outweighs we");
  assert.equal(voiceOf("We talked about football"), "group");
  assert.equal(voiceOf("Our flat is cold"), "group");
  assert.equal(voiceOf("The user told me their brother is getting a puppy"), "other", "not me");
  assert.equal(voiceOf("Ivan mines old maps"), "other", "whole words only");
  assert.equal(voiceOf("MY CAR"), "self", "any case");
});
