import assert from "node:assert/strict";
import { asksNow, finishedPastFactor } from "./finished_past.ts";
import { PAST_TOLD, TENSE_WORDS } from "./told_tense.ts";

Deno.test("asksNow: a word in quotes is the word itself, the quote no letter of it", () => {
  // "'old'": the closing quote ends the word, so "old" still names a past period of the school.
  assert.equal(asksNow("what's my 'old' school?"), false);
  assert.equal(asksNow("where's my 'former' boss?"), false);
  assert.equal(asksNow("where's the gig?"), true);
});

Deno.test("asksNow: a word with a clitic ('they're') is one of the TENSE_WORDS words read", () => {
  assert.equal(TENSE_WORDS, 400);
  // 204 words before "do": read whole, though cut at each clitic they would pass TENSE_WORDS.
  const query = "where is the gig " + "they're ".repeat(200) + "so do I have tickets";
  assert.equal(asksNow(query), false);
});

Deno.test("asksNow: a question not told in the present asks no 'now', even when it is not broad", () => {
  // "could" is no present (`tenseOf`), and a phrase with no verb has no tense to read.
  assert.equal(asksNow("where could the keys be?"), false);
  assert.equal(asksNow("Kit's job"), false);
});

Deno.test("finishedPastFactor: a finished time that opens the line is read from its first letter", () => {
  const june2026 = "2026-06-01T00:00:00.000Z";
  for (const content of ["Used to work at the bakery", "In 2015 Dad's hip was done"]) {
    assert.equal(
      finishedPastFactor(true, { content, created_at: june2026 }),
      1 - PAST_TOLD,
      content,
    );
  }
});

/** The factor of `content`, told in June 2026, for a question about now. */
function factorOf(content: string): number {
  return finishedPastFactor(true, { content, created_at: "2026-06-01T00:00:00.000Z" });
}

Deno.test("finishedPastFactor: each adverbial of the closed classes marks a past as over", () => {
  for (
    const content of [
      "Dad was strict when we were small",
      "Dad was strict when he was young",
      "Mum was a nurse when she was younger",
      "the house was cold when they were little",
      "I was shy as a child",
      "Theo was a Scout as a boy",
      "Mila was a Brownie as a girl",
      "Kav was in a band as a teenager",
      "Kav was in a band as a teen",
      "I was bald as a baby",
      "Priya lived in Leeds as a student",
      "the trip was to Whitby two decades ago",
      "the trip was to Whitby a year ago",
      "the trip was to Whitby a decade ago",
      "Years ago the trip was to Whitby",
      "the trip last winter was to Whitby",
      "the trip last spring was to Whitby",
      "the trip last autumn was to Whitby",
      "the trip last fall was to Whitby",
      // A run of spaces or a line break between the words is one space.
      "Mia used  to live in Leeds",
      "Mia used\nto live in Leeds",
    ]
  ) assert.equal(factorOf(content), 1 - PAST_TOLD, content);
});

Deno.test("finishedPastFactor: an adverbial's words inside other words mark nothing", () => {
  for (
    const content of [
      "Mia refused to eat peas", // "used to" inside "refused to"
      "Mia used tokens for the bus", // "used to" opening "tokens"
      "Dad was there when I washed the car", // "when I was" opening "washed"
      "The atlas a student drew was lovely", // "as a student" inside "atlas a student"
      "Dad was tested as a kidney donor", // "as a kid" opening "kidney"
      "Mia worked as a babysitter", // "as a baby" opening "babysitter"
      "The old shed did not outlast winter", // "last winter" inside "outlast winter"
      "The last yearly check was in May", // "last year" opening "yearly"
      "Somewhen I was told the answer", // "when I was" inside "somewhen I was"
    ]
  ) assert.equal(factorOf(content), 1, content);
});
