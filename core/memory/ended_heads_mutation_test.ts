import assert from "node:assert/strict";
import { endedHeads } from "./ended_heads.ts";

// Mutation tests of ended_heads.ts' closed word lists (core/memory/HISTORY.md, session 49 mut66).

const heads = (text: string) => endedHeads(text).map(({ head }) => head);

Deno.test("endedHeads: every form of the verbs of ENDING ends what follows", () => {
  for (const verb of ["quit", "quits", "quitting", "stopped", "ceased"]) {
    assert.deepEqual(heads(`She is ${verb} cigarettes.`), ["cigarett"], verb);
  }
});

Deno.test("endedHeads: every negated modal of MODAL_NEGATIONS tells no state ended", () => {
  for (const modal of ["won", "wouldn", "couldn", "shouldn", "mightn", "mustn", "shan"]) {
    assert.deepEqual(heads(`I ${modal}'t need glasses anymore.`), [], modal);
  }
});

Deno.test("endedHeads: every adverb of PHRASE_ENDS ends the phrase before the words after it", () => {
  for (const adverb of ["anymore", "again", "now", "since", "last", "next", "these", "lately"]) {
    assert.deepEqual(heads(`I don't drink coffee ${adverb} week.`), ["coffe"], adverb);
  }
});

Deno.test("endedHeads: the documented bounds are 32 clauses and a phrase of 6 words", () => {
  const filler = "It rained. ".repeat(31);
  assert.deepEqual(heads(filler + "No car."), ["car"]);
  assert.deepEqual(heads(filler + "It rained. No car."), []);
  assert.deepEqual(heads("no " + "very ".repeat(5) + "car"), ["car"]);
  assert.deepEqual(heads("no " + "very ".repeat(6) + "car"), []);
});

Deno.test("endedHeads: 'up' ends a habit only after a verb of GIVE", () => {
  assert.deepEqual(heads("I picked up coffee."), []);
  assert.deepEqual(heads("I gave up coffee."), ["coffe"]);
});

Deno.test("endedHeads: 32 clauses are read inside one sentence too", () => {
  assert.deepEqual(heads("it rained, ".repeat(31) + "no car."), ["car"]);
  assert.deepEqual(heads("it rained, ".repeat(32) + "no car."), []);
});
