import assert from "node:assert/strict";
import { classFactor, OTHER_CLASS, wordClasses } from "./word_class.ts";
import { TextFactors } from "./text_factors.ts";
import { queryModifiers } from "./noun_modifiers.ts";
import type { MemoryRecord } from "./schema.ts";

Deno.test("a word after a subject pronoun is a verb, after a determiner a noun", () => {
  assert.deepEqual(wordClasses("What car do I drive?"), {
    verbs: new Set(["drive"]),
    nouns: new Set(),
  });
  assert.deepEqual(wordClasses("I failed my driving test twice."), {
    verbs: new Set(["fail"]),
    nouns: new Set(["drive"]),
  });
  // Both classes, or a place that tells none: no one class.
  assert.deepEqual(wordClasses("We train on the train."), { verbs: new Set(), nouns: new Set() });
  assert.deepEqual(wordClasses("Driving relaxes me."), { verbs: new Set(), nouns: new Set() });
});

Deno.test("a memory saying every matched word in the other class loses OTHER_CLASS", () => {
  const query = { text: "What car do I drive?", terms: new Set(["car", "drive"]) };
  assert.equal(classFactor(query, "I failed my driving test twice before passing."), 0.8);
  // The same class, no plain class, or another word matched plainly: kept whole.
  assert.equal(classFactor(query, "We drive a small red hatchback."), 1);
  assert.equal(classFactor(query, "Driving at night tires me."), 1);
  assert.equal(classFactor(query, "I failed my driving test in my dad's car."), 1);
});

Deno.test("the search's text factors give a word of another class its factor", () => {
  const record = { content: "I failed my driving test twice before passing." } as MemoryRecord;
  const modifiers = queryModifiers("What car do I drive?", ["car", "drive"]);
  assert.equal(new TextFactors({ modifiers }).modified(record), 1 - OTHER_CLASS);
});
