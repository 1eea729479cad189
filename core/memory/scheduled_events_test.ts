import assert from "node:assert/strict";
import { KEPT_STEMS, scheduledPhrases, SCHEDULES_READ } from "./scheduled_events.ts";
import { awaitedHeads } from "./awaited_heads.ts";
import { meetsProspect } from "./met_prospects.ts";
import { namingAwaited } from "./awaited_names.ts";
import { rankedFactThenNewer } from "./testing/told_memories.ts";
import { stem } from "./text.ts";

Deno.test("scheduledPhrases: what follows 'have' in a clause pointing ahead in time", () => {
  assert.deepEqual(scheduledPhrases("Next Friday I have a job interview at a design agency."), [
    "a job interview at a design agency",
  ]);
  assert.deepEqual(scheduledPhrases("I've got a dentist appointment tomorrow"), [
    "a dentist appointment tomorrow",
  ]);
  assert.deepEqual(
    scheduledPhrases("User has an interview with the roads authority on Friday"),
    ["an interview with the roads authority on Friday"],
  );
  assert.deepEqual(scheduledPhrases("she's got her driving test this coming Monday"), [
    "her driving test this coming Monday",
  ]);
  for (const time of ["tonight", "next week", "next March", "on Tuesday", "this Sunday"]) {
    assert.equal(scheduledPhrases(`I have a match ${time}`).length, 1, time);
  }
});

Deno.test("scheduledPhrases: nothing without a time ahead in the clause, or denied", () => {
  // No time ahead: a standing fact, or a time in the past or of habit.
  assert.deepEqual(scheduledPhrases("I have a job interview coaching business"), []);
  assert.deepEqual(scheduledPhrases("Last Friday I had a job interview"), []);
  assert.deepEqual(scheduledPhrases("I have yoga on Fridays"), []);
  assert.deepEqual(scheduledPhrases("I have a nephew, Next is his surname"), []);
  // The time ahead in another clause.
  assert.deepEqual(scheduledPhrases("I have a cat. Next week we fly"), []);
  // Denied.
  assert.deepEqual(scheduledPhrases("I don't have an interview tomorrow"), []);
  assert.deepEqual(scheduledPhrases("we haven't got a match on Saturday"), []);
});

Deno.test("scheduledPhrases reads at most SCHEDULES_READ clauses pointing ahead", () => {
  assert.equal(SCHEDULES_READ, 8);
  const text = Array.from({ length: 20 }, (_, i) => `tomorrow I have exam${i}.`).join(" ");
  assert.equal(scheduledPhrases(text).length, SCHEDULES_READ);
  // A clause pointing ahead without "have" still counts as read.
  const late = `${"tomorrow we rest. ".repeat(SCHEDULES_READ)}tomorrow I have an exam.`;
  assert.deepEqual(scheduledPhrases(late), []);
  const last = `${"tomorrow we rest. ".repeat(SCHEDULES_READ - 1)}tomorrow I have an exam.`;
  assert.deepEqual(scheduledPhrases(last), ["an exam"]);
});

Deno.test("scheduledPhrases: the time ahead and 'have' in one clause, split at marks and coordinators", () => {
  // Another clause's time ahead schedules no possession (review49b H1).
  assert.deepEqual(scheduledPhrases("I have two kids and next year we move to Leeds."), []);
  assert.deepEqual(scheduledPhrases("I have a cat and tomorrow is my birthday."), []);
  assert.deepEqual(scheduledPhrases("I have three kids, next year the oldest starts school."), []);
  assert.deepEqual(scheduledPhrases("He's got a flat in Leeds - he moves tomorrow"), []);
  assert.deepEqual(scheduledPhrases("My mom has diabetes and has a checkup next Tuesday"), [
    "a checkup next Tuesday",
  ]);
  // A clause that is only the time ahead lends it to the next one, and no further.
  assert.deepEqual(scheduledPhrases("Next Friday, I have a job interview"), ["a job interview"]);
  assert.deepEqual(scheduledPhrases("Next Friday, we rest, I have a cold"), []);
});

Deno.test("scheduledPhrases: a count had, or nothing had, schedules nothing", () => {
  assert.deepEqual(scheduledPhrases("Tomorrow I have two exams"), []);
  assert.deepEqual(scheduledPhrases("Tomorrow I have 3 exams"), []);
  assert.deepEqual(scheduledPhrases("Tomorrow I have an exam"), ["an exam"]);
  assert.deepEqual(scheduledPhrases("Next Friday I have nothing on"), []);
});

Deno.test("awaitedHeads: kin and pets are had, not scheduled (KEPT_STEMS)", () => {
  for (const word of ["kid", "kids", "mom", "sister", "cat", "dog", "puppy", "hamster"]) {
    assert.ok(KEPT_STEMS.has(stem(word)), word);
  }
  assert.ok(!KEPT_STEMS.has(stem("interview")));
  assert.deepEqual(awaitedHeads("Tomorrow I have the kids"), []);
  assert.deepEqual(awaitedHeads("I have a cat tomorrow"), []);
  assert.deepEqual(awaitedHeads("Tomorrow I have a vet appointment"), ["appoint"]);
});

Deno.test("awaitedHeads: a time after the noun ends its phrase, a possessor heads nothing", () => {
  // review49b H2: "next" was read as the head.
  assert.deepEqual(awaitedHeads("I have a job interview next Friday"), ["interview"]);
  assert.deepEqual(awaitedHeads("I have a dentist appointment next week"), ["appoint"]);
  assert.deepEqual(awaitedHeads("I'm saving for a car this summer"), ["car"]);
  assert.deepEqual(
    namingAwaited(["The next bus is at 9", "Next time bring snacks"], [
      "I have a job interview next Friday",
    ], { text: (text) => text, persona: () => "p" }),
    [],
  );
  // "a girl's night" is headed by "night" (review49b M3).
  assert.equal(meetsProspect("Maja is pregnant", "Maja had a girl's night"), false);
  assert.equal(meetsProspect("Maja is pregnant", "Maja had a girl"), true);
});

Deno.test("awaitedHeads: 'pregnant' denied awaits nothing", () => {
  assert.deepEqual(awaitedHeads("I'm not pregnant, the test was negative"), []);
  assert.deepEqual(awaitedHeads("Maja isn't pregnant"), []);
  assert.deepEqual(awaitedHeads("I'm not sure but Maja is pregnant").length, 6);
});

/** A possession with a time ahead in another clause, then a line of it: the fact stays first. */
const POSSESSED = [
  [
    "I have two kids and next year we move to Leeds.",
    "The kids loved the zoo.",
    "How many kids do I have?",
  ],
  ["I have a cat and tomorrow is my birthday.", "The cat was sick on the rug.", "Do I have a cat?"],
  ["I have a dog and next week we go to Rome.", "The dog was sick on the rug.", "Do I have a dog?"],
  [
    "I have three kids, next year the oldest starts school.",
    "The kids loved the zoo.",
    "How many kids do I have?",
  ],
];

for (const [fact, newer, query] of POSSESSED) {
  Deno.test(`search: "${fact}" stays above "${newer}" (real SQLite)`, async () => {
    const top = await rankedFactThenNewer({ fact: fact!, newer: newer!, query: query! });
    assert.equal(top.top[0], top.fact);
  });
}

Deno.test("search: an event scheduled '… next Friday', told in the past, comes first (real SQLite)", async () => {
  const top = await rankedFactThenNewer({
    fact: "I have a job interview next Friday.",
    newer: "The interview went well.",
    query: "When is my job interview?",
  });
  assert.deepEqual(top.top.slice(0, 2), [top.newer, top.fact]);
});
