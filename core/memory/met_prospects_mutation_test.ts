import assert from "node:assert/strict";
import { awaitedHeads } from "./awaited_heads.ts";
import { meetsProspect } from "./met_prospects.ts";

const SAVING = "im saving up for a steam deck";

Deno.test("awaitedHeads: every form of the frames of awaiting takes what is awaited after 'for'", () => {
  for (
    const frame of [
      "save for",
      "saves for",
      "saving for",
      "saving up for",
      "wait for",
      "waits for",
      "waiting for",
      "train for",
      "trains for",
      "training for",
      "apply for",
      "applies for",
      "applying for",
      "queue for",
      "queues for",
      "queuing for",
      "queueing for",
      "on the waiting list for",
      "on a waiting list for",
    ]
  ) assert.deepEqual(awaitedHeads(`I ${frame} a campervan`), ["campervan"], frame);
  // "for" is a whole word: "forgotten" opens no awaited thing.
  assert.deepEqual(awaitedHeads("I keep saving forgotten coins"), []);
});

Deno.test("awaitedHeads: every form of 'to be' before 'due' is passed over", () => {
  for (const be of ["is", "are", "'s", "was", "were"]) {
    assert.deepEqual(awaitedHeads(`the twins${be === "'s" ? "" : " "}${be} due in May`), [
      "twin",
    ], be);
  }
});

Deno.test("awaitedHeads: each opener of the awaited noun phrase is passed over", () => {
  for (const opener of ["a", "an", "the", "my", "this", "that", "some"]) {
    assert.deepEqual(awaitedHeads(`saving for ${opener} electric bike`), ["bike"], opener);
  }
  // "new" is an opener: a number after it is passed over too ("the new 2025 model").
  assert.deepEqual(awaitedHeads("saving for the new 2025 model"), ["model"]);
  // The prop-word in either number names nothing of its own.
  assert.deepEqual(awaitedHeads("saving for new ones"), []);
  assert.deepEqual(awaitedHeads("saving for a new one"), []);
});

Deno.test("awaitedHeads reads the noun phrase after a frame within 60 characters", () => {
  // The window ends inside the last word: "deck" ends at character 60, "house" follows it.
  const phrase = `a ${"large ".repeat(9)}deckhouse`;
  assert.equal(phrase.indexOf("house"), 60);
  assert.deepEqual(awaitedHeads(`saving for ${phrase}`), ["deck"]);
});

Deno.test("meetsProspect: a regular past is a word of two letters or more before '-ed'", () => {
  assert.equal(meetsProspect("saving for a dress", "I dyed the dress"), true);
  // "red" is no verb: one letter before "-ed".
  assert.equal(meetsProspect("saving for a car", "a red car"), false);
});

Deno.test("meetsProspect: a past verb of awaiting with 'for' tells the awaiting, not the event", () => {
  for (
    const [older, newer] of [
      ["saving for a steam deck", "I saved for the steam deck"],
      ["waiting for the bus", "I waited for the bus"],
      ["training for the marathon", "I trained for the marathon"],
      ["applying for the job", "I applied for the job"],
      ["saving for the tickets", "I queued for the tickets"],
    ]
  ) assert.equal(meetsProspect(older!, newer!), false, newer);
});

Deno.test("meetsProspect: every modal before the past verb tells an event not real", () => {
  for (
    const modal of [
      "will have",
      "'ll have",
      "would have",
      "shall have",
      "should have",
      "could have",
      "may have",
      "might have",
      "must have",
      "ought to have",
    ]
  ) {
    const newer = `I${modal.startsWith("'") ? "" : " "}${modal} bought the steam deck`;
    assert.equal(meetsProspect(SAVING, newer), false, newer);
  }
  // A modal after the verb is no part of the event: "so I can play" is its purpose.
  assert.equal(meetsProspect(SAVING, "I bought the steam deck so I can play"), true);
});

Deno.test("meetsProspect: an intention ('gonna', 'going to') or a condition opening the clause is no event", () => {
  for (
    const newer of [
      "I'm gonna have bought the steam deck",
      "I was going to have bought the steam deck",
      "unless I bought the steam deck",
      "whether I bought the steam deck or a switch",
      "suppose I bought the steam deck",
      "supposing I bought the steam deck",
    ]
  ) assert.equal(meetsProspect(SAVING, newer), false, newer);
  // "going" not before "to" intends nothing.
  assert.equal(meetsProspect(SAVING, "going out, I bought the steam deck"), true);
});

Deno.test("meetsProspect: an indirect object before the direct one is passed over", () => {
  for (
    const newer of [
      "I bought me the steam deck",
      "I bought myself the steam deck",
      "we bought us the steam deck",
      "we bought ourselves the steam deck",
      "I bought you the steam deck",
      "you bought yourself the steam deck",
      "you bought yourselves the steam deck",
      "I bought him the steam deck",
      "he bought himself the steam deck",
      "she bought herself the steam deck",
      "I bought them the steam deck",
      "they bought themselves the steam deck",
    ]
  ) assert.equal(meetsProspect(SAVING, newer), true, newer);
});

Deno.test("meetsProspect: a phrasal verb's particle before 'for' is passed over", () => {
  for (
    const [older, newer] of [
      ["training for the marathon", "I signed up for the marathon"],
      ["saving for the flight", "I checked in for the flight"],
      ["saving for a steam deck", "I forked out for the steam deck"],
      ["training for the marathon", "I set off for the marathon"],
      ["training for the course", "I signed on for the course"],
      ["training for the exam", "I sat down for the exam"],
    ]
  ) assert.equal(meetsProspect(older!, newer!), true, newer);
});

Deno.test("meetsProspect: the phrase after a past verb's 'for' passes over numbers and ends at a word of grammar", () => {
  const training = "training for the marathon";
  assert.equal(meetsProspect(training, "I signed up for the marathon 2025"), true);
  assert.equal(meetsProspect("saving for a steam deck", "I paid for the steam deck in cash"), true);
});

Deno.test("awaitedHeads: a word of grammar before 'due' names no awaited thing", () => {
  assert.deepEqual(awaitedHeads("it is due on Monday"), []);
});

Deno.test("meetsProspect: 'never', 'gonna' and 'going to' deny or intend the event, even as the older line's words", () => {
  // Each word is in the older line, so the newer clause's subject is the older one's own: only
  // the word itself tells the event is not real.
  assert.equal(
    meetsProspect(
      "I'd never saved for anything, now im saving for a steam deck",
      "I never bought the steam deck",
    ),
    false,
  );
  assert.equal(
    meetsProspect(
      "gonna be saving for a steam deck all year",
      "I'm gonna have bought the steam deck by May",
    ),
    false,
  );
  assert.equal(
    meetsProspect(
      "I'm going to be saving for a steam deck",
      "I was going to have bought the steam deck",
    ),
    false,
  );
});

Deno.test("meetsProspect: 'ought' and every condition refuse the event, even as the older line's words", () => {
  for (
    const [older, newer] of [
      ["I ought to be saving for a steam deck", "I ought to have bought the steam deck"],
      ["unless prices drop I'm saving for a steam deck", "unless I bought the steam deck"],
      [
        "whether or not it's wise, I'm saving for a steam deck",
        "whether I bought the steam deck or a switch",
      ],
      ["I suppose I'm saving for a steam deck", "suppose I bought the steam deck"],
      [
        "supposing it goes on sale, I'm saving for a steam deck",
        "supposing I bought the steam deck",
      ],
    ]
  ) assert.equal(meetsProspect(older!, newer!), false, newer);
});

Deno.test("meetsProspect: 'to' after another word than 'going', and 'have' after another word than 'd', deny nothing", () => {
  // "to" of purpose after the object; the perfect's "'ve" after its subject.
  assert.equal(meetsProspect(SAVING, "I bought the steam deck to play at Christmas"), true);
  assert.equal(meetsProspect(SAVING, "I've bought the steam deck"), true);
});

Deno.test("awaitedHeads: a word of time ends the awaited noun phrase", () => {
  assert.deepEqual(awaitedHeads("waiting for the bus tonight"), ["bu"]);
});

Deno.test("awaitedHeads: the frames of 'due' are counted apart from the frames with 'for'", () => {
  // PROSPECTS_READ (8) frames with "for" leave the "due" frames their own allowance.
  const frames = Array.from({ length: 8 }, (_, i) => `saving for thing${"x".repeat(i)}.`).join(" ");
  assert.ok(awaitedHeads(`${frames} baby due in May`).includes("babi"));
});

Deno.test("awaitedHeads: a thing due at the very start of the text", () => {
  assert.deepEqual(awaitedHeads("baby due in May"), ["babi"]);
});

Deno.test("meetsProspect: a newer text that awaits the same thing again meets nothing, in any clause", () => {
  // Ordered, and still awaited ("due"): the saving's thing is not had yet.
  assert.equal(
    meetsProspect(SAVING, "I ordered the steam deck, the steam deck is due Friday"),
    false,
  );
});
