import assert from "node:assert/strict";
import { asksSpan, namesSpan } from "./answer_slots.ts";
import { answerType, namesAnswer } from "./query.ts";

const kinds = { isPlace: () => false, isPerson: () => false };

Deno.test("every unit of time a span is counted in names a span, plural or not", () => {
  for (
    const text of [
      "held my breath for 40 seconds",
      "waited 20 minutes",
      "drove for three hours",
      "it took 3 days",
      "stayed two nights",
      "for six weeks",
      "away for two fortnights",
      "for nine months",
      "after 1 year",
      "after 38 years",
      "for two decades",
    ]
  ) assert.ok(namesSpan(text), text);
});

Deno.test("a count reaches its unit over at most two filler words: of, whole, full, more, long", () => {
  assert.ok(namesSpan("three full days at sea"));
  assert.ok(namesSpan("two more weeks to go"));
  assert.ok(namesSpan("two long years of it"));
  assert.ok(namesSpan("a couple of whole months"), "two fillers");
  assert.ok(!namesSpan("two more full long days"), "three fillers: no span");
  assert.ok(!namesSpan("two lovely days"), "not a filler");
});

Deno.test("a count after 'every', or 'every' and one word, is a frequency", () => {
  assert.ok(!namesSpan("We meet every 3 months."));
  assert.ok(!namesSpan("We meet every, say, 3 months."));
  assert.ok(namesSpan("We met for 3 months."));
});

Deno.test("'long' asks a span only right after 'how'", () => {
  assert.ok(!asksSpan("I had a long day, how was yours?"));
  assert.ok(!asksSpan("long how"));
  assert.ok(asksSpan("So how long did it take?"));
  assert.notEqual(answerType("Was it a long day?", kinds), "span");
});

Deno.test("a span answer names a span; a moment alone does not answer 'how long'", () => {
  assert.ok(!namesAnswer("I retired in 2016.", "span", kinds));
  assert.ok(namesAnswer("I've lived here since 2016.", "span", kinds));
});
