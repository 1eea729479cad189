import assert from "node:assert/strict";
import { classFactor, markedUses, OTHER_CLASS, wordClasses } from "./word_class.ts";
import { TextFactors } from "./text_factors.ts";
import { queryModifiers } from "./noun_modifiers.ts";
import type { MemoryRecord } from "./schema.ts";

Deno.test("a word after a subject pronoun is a verb, after a determiner a noun", () => {
  assert.deepEqual(wordClasses("What car do I drive?"), {
    verbs: new Set(["drive"]),
    nouns: new Set(["car"]),
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
  // Told in the present: a line told only in the past would lose PAST_TOLD too (told_tense.ts).
  const record = { content: "I keep failing my driving test." } as MemoryRecord;
  const modifiers = queryModifiers("What car do I drive?", ["car", "drive"]);
  assert.equal(new TextFactors({ modifiers }).modified(record), 1 - OTHER_CLASS);
});

Deno.test("a word after a subject's cut auxiliary, a negated one or its texted spelling is a verb", () => {
  const verbs = (text: string) => [...wordClasses(text).verbs];
  assert.deepEqual(verbs("I'm running behind"), ["run"]);
  assert.deepEqual(verbs("we’ve switched banks"), ["switch"]);
  assert.deepEqual(verbs("she'll bring cake"), ["bring"]);
  assert.deepEqual(verbs("I don't drink much beer"), ["drink"]);
  assert.deepEqual(verbs("they can't stand country"), ["stand"]);
  assert.deepEqual(verbs("im running late"), ["run"]);
  assert.deepEqual(verbs("dont drink coffee"), ["drink"]);
  // The cut form after no subject pronoun ("Tom's car"), or "t" after no auxiliary: no class.
  assert.deepEqual(verbs("Tom's running club"), []);
  assert.deepEqual(verbs("the letter t stands"), []);
  // The cheap scan finds the same uses, the next word read ahead (so "I don't" leaves "don't" to be read).
  assert.deepEqual(markedUses("I'm running behind").verbs, ["run"]);
  assert.deepEqual(markedUses("I don't drink much beer").verbs, ["drink"]);
  assert.deepEqual(markedUses("im running late").verbs, ["run"]);
});

Deno.test("the head of what a question's what or which asks for, before its auxiliary, is a noun", () => {
  const nouns = (text: string) => [...wordClasses(text).nouns];
  assert.deepEqual(nouns("what run am I on"), ["run"]);
  assert.deepEqual(nouns("what hot drink do I get"), ["drink"]);
  assert.deepEqual(nouns("Which bus did you take?"), ["bu"]);
  // No auxiliary or subject after it ("what happened"), or three words away: no class.
  assert.deepEqual(nouns("what happened to my ankle"), ["ankl"]);
  assert.deepEqual(nouns("what really nice drink do I get"), []);
  assert.deepEqual(markedUses("what run am I on").nouns, ["run"]);
  assert.deepEqual(markedUses("what hot drink do I get").nouns, ["drink"]);
  assert.deepEqual(markedUses("what happened to me").nouns, []);
  // "I'm running" for "what run am I on": each matched word in the other class.
  const query = { text: "what run am I on", terms: new Set(["run"]) };
  assert.equal(classFactor(query, "I'm running behind"), 1 - OTHER_CLASS);
  assert.equal(classFactor(query, "I'm on the Toronto run this week"), 1);
});

Deno.test("every cut auxiliary after a subject, every negated one and every texted spelling marks a verb, by both scans", () => {
  const uses = {
    "they're moving house": "move",
    "I'd love a coffee": "love",
    "they’d moved": "move",
    "you'll need boots": "need",
    "won't drive": "drive",
    "shouldn't drink": "drink",
    "couldn't sleep": "sleep",
    "wouldn't budge": "budg",
    "doesn't matter": "matter",
    "didn't sleep": "sleep",
    "ive moved flats": "move",
    "didnt sleep": "sleep",
    "doesnt drink": "drink",
    "cant stand country": "stand",
    "I’m running behind": "run",
  };
  for (const [text, verb] of Object.entries(uses)) {
    assert.deepEqual([...wordClasses(text).verbs], [verb], text);
    assert.deepEqual(markedUses(text).verbs, [verb], text);
  }
});

Deno.test("the head 'what' or 'which' asks for may come before a subject pronoun, by both scans", () => {
  // An indirect question: the subject follows with no auxiliary ("what colour we painted").
  assert.deepEqual([...wordClasses("which bus you took").nouns], ["bu"]);
  assert.deepEqual(markedUses("which bus you took").nouns, ["bu"]);
  assert.deepEqual(markedUses("Which bus did you take?").nouns, ["bu"]);
});
