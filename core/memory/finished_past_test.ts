import assert from "node:assert/strict";
import { asksNow, FINISHED_CHARS, finishedPastFactor } from "./finished_past.ts";
import { PAST_TOLD } from "./told_tense.ts";

/** A memory with `content`, told in June 2026 (or at `created_at`). */
function toldIn(content: string, created_at = "2026-06-01T00:00:00.000Z") {
  return { content, created_at };
}

Deno.test("asksNow: a question in the present with 'is' asks about now", () => {
  for (
    const query of [
      "where's the band's gig",
      "who is Mira's best friend",
      "how's Dad's knee",
      "where is the chapel trip going",
      "what date's the wedding again",
    ]
  ) {
    assert.equal(asksNow(query), true, query);
  }
});

Deno.test("asksNow: a habit, a having, a past or a broad question asks no 'now'", () => {
  for (
    const query of [
      "what does Dad like to eat", // a habit: asksHabit's
      "have I got a bike", // a past getting may answer
      "what has Priya got",
      "when was Rafi born", // a past asked
      "who is the friend I met in 2019",
      "what do I know about Kit", // broad
      "where did we go last summer",
      "what's the name of the hotel from when we went to Paris", // a past in a clause asked
      "what's my favourite childhood film", // a past period named: asks about then
      "where is my old school",
      "who is her former boss",
    ]
  ) {
    assert.equal(asksNow(query), false, query);
  }
});

Deno.test("finishedPastFactor: a line told only in the past at a finished time loses PAST_TOLD", () => {
  assert.equal(PAST_TOLD, 0.2);
  for (
    const content of [
      "Mira's best friend used to be Hannah",
      "the trip was to Whitby three years ago",
      "the trip was to Whitby a few years ago",
      "the trip last year was to Whitby",
      "the trip last summer was to Whitby",
      "Dad's hip was done in 2015",
      "Dad's hip was done back in 1998",
      "I was scared of dogs when I was little", // "when I was" is the finished time
      "I was scared of dogs as a kid",
    ]
  ) {
    assert.equal(finishedPastFactor(true, toldIn(content)), 1 - PAST_TOLD, content);
  }
});

Deno.test("finishedPastFactor: a present, a recent past, an update or no question about now keeps the line whole", () => {
  for (
    const content of [
      "Mira's best friend is Hannah, they met three years ago", // a present verb
      "BP at the GP yesterday was 132/84", // a recent time: the value now
      "the gig last week was packed",
      "the gig last month was packed",
      "the trip was to Whitby", // no finished time
      "I moved to Leeds three years ago", // an update holds now
      "we were married in 2015", // a beginning holds now
      "Kenzie turned thirty last spring", // an age reached holds now (review44c)
    ]
  ) {
    assert.equal(finishedPastFactor(true, toldIn(content)), 1, content);
  }
  assert.equal(finishedPastFactor(false, toldIn("Mira's best friend used to be Hannah")), 1);
});

Deno.test("finishedPastFactor: only the first FINISHED_CHARS characters are searched", () => {
  assert.equal(FINISHED_CHARS, 2_000);
  const pad = "the trip was long ".repeat(Math.ceil(FINISHED_CHARS / 18));
  assert.equal(
    finishedPastFactor(true, toldIn(`the trip was to Whitby last year ${pad}`)),
    1 - PAST_TOLD,
  );
  assert.equal(finishedPastFactor(true, toldIn(`${pad} it was to Whitby last year`)), 1);
});

Deno.test("finishedPastFactor: a year counts as over only when before the year the line was told", () => {
  // Told in 2026: a year still ahead or running is not over, and it keeps a dating whole too.
  for (
    const content of [
      "We booked the wedding at Hawkstone Hall for June in 2027",
      "The lease was signed in 2026",
      "we went there three years ago and booked again in 2027",
    ]
  ) {
    assert.equal(finishedPastFactor(true, toldIn(content)), 1, content);
  }
  assert.equal(finishedPastFactor(true, toldIn("Dad's hip was done in 2025")), 1 - PAST_TOLD);
  // The same line told in 2028 names a year gone by.
  const later = toldIn("We booked the wedding for June in 2027", "2028-01-05T00:00:00.000Z");
  assert.equal(finishedPastFactor(true, later), 1 - PAST_TOLD);
  // A contrast with now counts whatever year the line names.
  const contrast = "I used to play in a band, we had a reunion booked in 2027";
  assert.equal(finishedPastFactor(true, toldIn(contrast)), 1 - PAST_TOLD);
});
