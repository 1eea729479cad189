import assert from "node:assert/strict";
import { scheduledPhrases, SCHEDULES_READ } from "./scheduled_events.ts";

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
