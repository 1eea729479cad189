import assert from "node:assert/strict";
import { asksLength, asksSpan, isSlotWord, namesSpan } from "./answer_slots.ts";
import { frameTerms, queryTermFactor, QUESTION_FRAME_WEIGHT } from "./query_frames.ts";
import { answerType, namesAnswer } from "./query.ts";
import { forgetAnswers, namesAnswerRemembered } from "./answer_memo.ts";
import { stem, words } from "./text.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const kinds = { isPlace: () => false, isPerson: () => false };

/** Whether the word `word` of `text` is a slot word there. */
function slot(text: string, word: string): boolean {
  const folded = words(text);
  return isSlotWord(folded, folded.indexOf(word));
}

Deno.test("long, much and many right after how are slot words", () => {
  assert.ok(slot("How long was I a nurse for?", "long"));
  assert.ok(slot("How much coffee do I drink?", "much"));
  assert.ok(slot("how many kids do we have", "many"));
  assert.ok(!slot("I went on a long walk, how was it?", "long"), "not after how");
  assert.ok(!slot("How old is Mila?", "old"), "a word of measure stays content");
  assert.ok(!slot("Which day is Mesa shut?", "day"), "a unit of time stays content");
});

Deno.test("slot words weigh as question-frame words; the same word elsewhere does not", () => {
  const frames = frameTerms("How long was I a nurse for?");
  assert.ok(frames.has(stem("long")));
  assert.equal(queryTermFactor(stem("long"), frames), QUESTION_FRAME_WEIGHT);
  assert.ok(frameTerms("How many dogs do we have?").has(stem("many")));
  assert.ok(!frameTerms("How long is the long jump?").has(stem("long")), "also said as content");
  assert.ok(!frameTerms("Do I like long walks?").has(stem("long")));
});

Deno.test("how long asks for a span: a count of a unit of time, or since", () => {
  assert.ok(asksSpan("How long was I a nurse for?"));
  assert.ok(!asksSpan("How old is Mila?"));
  assert.equal(answerType("How long was I a nurse for?", kinds), "span");
  assert.equal(answerType("When did I retire?", kinds), "time", "when stays time");
  assert.ok(namesSpan("Retired from nursing in 2016 after 38 years."));
  assert.ok(namesSpan("We lived there for two whole years"));
  assert.ok(namesSpan("I've known her since school"));
  assert.ok(namesSpan("a couple of months in Spain"));
  assert.ok(!namesSpan("My old nursing friends meet every couple of months."), "a frequency");
  assert.ok(!namesSpan("I found a 1970s photo of the nurses' home."), "a moment, no span");
  assert.ok(!namesSpan("I swim twice a week"), "a count of times");
  assert.ok(namesAnswer("after 38 years", "span", kinds));
  forgetAnswers();
  assert.ok(namesAnswerRemembered("after 38 years", "span", kinds));
  assert.ok(!namesAnswerRemembered("in the 1970s", "span", kinds));
});

/** The content of the first hit for `query` among `contents`, each stored as a memory. */
async function firstHit(contents: readonly string[], query: string): Promise<string | undefined> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of contents) await fixture.memory.store(fixture.aria, input({ content }));
    const hits = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 5,
      min_importance: 0,
    });
    return hits[0]?.content;
  } finally {
    await fixture.close();
  }
}

Deno.test("search: 'How long ...?' finds the memory that says how long", async () => {
  const span =
    "I'm Maureen. Retired from nursing in 2016 after 38 years, most of it on the cardiac ward.";
  const first = await firstHit([
    span,
    "My old nursing friends meet for lunch every couple of months.",
    "I found a 1970s photo of the nurses' home in a drawer.",
    "I still keep my old nursing badge in the back of the wardrobe.",
    "It was a long day at the allotment.",
  ], "How long was I a nurse for?");
  assert.equal(first, span);
});

Deno.test("search: a span outranks a shorter memory that only says when", async () => {
  const span = "Priti has taught piano at the school for twelve years.";
  const first = await firstHit([
    span,
    // Says when (a time, as "when" asks), matches every word and is shorter: without the span
    // type it ranks first (0.94 relevance against 0.88).
    "Priti taught piano in June.",
    "The bakery on the corner sells rye bread.",
  ], "How long has Priti taught piano?");
  assert.equal(first, span);
});

Deno.test("how long ago asks when, not how long (review42 R1)", () => {
  assert.ok(!asksSpan("How long ago did I move to Berlin?"));
  assert.equal(answerType("How long ago did I move to Berlin?", kinds), "time");
});

Deno.test("search: 'How long ago ...?' finds the memory that says when (review42 R1)", async () => {
  const moved = "I moved to Berlin in 2019 for the job at Zalando.";
  const first = await firstHit([
    moved,
    // Names a span ("two weeks"): as a span question it ranked first.
    "I spent two weeks in Berlin visiting my cousin back in 2012.",
    "Berlin winters are long and grey.",
  ], "How long ago did I move to Berlin?");
  assert.equal(first, moved);
});

Deno.test("how long is <thing> asks a length unless a verb of duration follows (review42 R3)", () => {
  const bridge = "How long is the bridge we are building?";
  assert.ok(!asksSpan(bridge));
  assert.ok(asksLength(bridge));
  assert.equal(answerType(bridge, kinds), undefined, "neither a span nor a time");
  assert.ok(asksSpan("How long was I in Canada?"), "the length of a stay");
  assert.ok(asksSpan("How long is it since we met?"));
  assert.ok(asksSpan("How long is the drive going to take?"));
  assert.ok(asksSpan("How long was the bridge closed for?"));
  assert.ok(asksSpan("How long have I played guitar?"));
  assert.ok(!asksLength("How long have I played guitar?"));
});

Deno.test("a causal since names no span; a since of a start does (review42 R2)", () => {
  assert.ok(!namesSpan("Since it was raining, I cooked vegetarian chili at home."));
  assert.ok(!namesSpan("I skipped the gym since I'm busy this week."));
  assert.ok(!namesSpan("Since we don't eat pork, Ana made lamb."));
  assert.ok(namesSpan("I've worked at the same firm since I graduated."));
  assert.ok(namesSpan("vegetarian since I was a kid"));
  assert.ok(namesSpan("Since 2016 I've lived alone."));
  assert.ok(namesSpan("We've been friends ever since the wedding."));
});

Deno.test("spans without a digit count; a rate or a moment does not (review42 R8)", () => {
  for (
    const span of [
      "I've lived here for a year.",
      "It takes half an hour by matatu.",
      "I've played guitar for years.",
      "We dated for a decade before marrying.",
      "I worked there for a few months.",
      "It took several weeks to heal.",
      "We stayed a whole month.",
    ]
  ) assert.ok(namesSpan(span), span);
  for (
    const rate of [
      "I go to the gym 3 days a week.",
      "I sleep 7 hours a night.",
      "I swim twice a week",
      "We visit 3 times a month.",
      "I read an hour a day.",
      "It was a long day at the allotment.",
      "I moved here two years ago.",
    ]
  ) assert.ok(!namesSpan(rate), rate);
});

Deno.test("search: 'How long was I in Canada?' finds 'for a year' (review42 R8)", async () => {
  const year = "I lived in Canada for a year on a work visa.";
  const first = await firstHit([
    year,
    // Names a count of months: the only span before "a year" counted.
    "I flew to Canada twice in 2 months for interviews.",
    "Canada was freezing in January.",
  ], "How long was I in Canada?");
  assert.equal(first, year);
});
