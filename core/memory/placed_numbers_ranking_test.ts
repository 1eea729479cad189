import assert from "node:assert/strict";
import {
  BACKGROUND,
  rankedFactThenNewer,
  told,
  topHits,
  withSqlite,
} from "./testing/told_memories.ts";

/**
 * A fact giving an amount in words, the same kind of amount given again in words, and a question
 * on it: the newer line is the answer, stored with no link (`placed_numbers.ts` reads the words).
 */
const SPELLED = [
  {
    fact: "stop pay is fifty bucks a stop after the first one",
    newer: "stop pay went up to sixty bucks a stop as of January",
    query: "what's my stop pay?",
  },
  {
    fact: "I get paid sixty eight cents a mile with the new carrier",
    newer: "the carrier pays seventy two cents a mile as of January",
    query: "how much do I get paid a mile?",
  },
];

/** A time on a stopwatch given anew: one reading of the clock, not two bare numbers. */
const CLOCK = {
  fact: "parkrun PB 27:52 at Ashton Court",
  newer: "PB!! 26:40 at Ashton Court parkrun this morning",
  query: "what's my parkrun PB?",
};

Deno.test(`search: "${CLOCK.newer}" gives the time anew, first with no link (real SQLite)`, async () => {
  const { newer, top } = await rankedFactThenNewer(CLOCK);
  assert.equal(top[0], newer);
});

for (const memories of SPELLED) {
  Deno.test(`search: "${memories.newer}" gives the amount in words anew, first with no link (real SQLite)`, async () => {
    const { newer, top } = await rankedFactThenNewer(memories);
    assert.equal(top[0], newer);
  });
}

/** "a hundred percent sure" says how sure, no share: the older rate stays the answer. */
const WHOLE_IDIOM = {
  fact: "my mortgage rate is 4.2 percent",
  newer: "I am a hundred percent sure the mortgage rate letter came Tuesday",
  query: "what is my mortgage rate?",
};

Deno.test(`search: "${WHOLE_IDIOM.newer}" restates no rate, the fact stays first (real SQLite)`, async () => {
  const { fact, top } = await rankedFactThenNewer(WHOLE_IDIOM);
  assert.equal(top[0], fact);
});

/**
 * "zero hundred hours" is a time of day (00:00), no hundred hours: it tells the older line's
 * amount of hours neither again nor anew (recall116; it was read as 100 hours, the older line's
 * amount told again). It is a clock's reading, as "00:00" is (review49a M3: read as 0 hours it
 * was an amount anew), so it weighs as that line does.
 */
const ZERO_HUNDRED = {
  fact: "I spent 100 hours on the boat restoration",
  newer: "the boat leaves at zero hundred hours",
  query: "how many hours did I spend on the boat?",
};

/** The newer line's adjustment when `newerLine` follows the fact (`ZERO_HUNDRED`'s store). */
async function newerAdjustment(newerLine: string): Promise<number | undefined> {
  let adjustment: number | undefined;
  await withSqlite(async (fixture) => {
    const [, newer] = await told(fixture, {
      background: BACKGROUND,
      told: [ZERO_HUNDRED.fact, newerLine],
    });
    const hits = await topHits(fixture, ZERO_HUNDRED.query, { explain: true });
    adjustment = hits.find((each) => each.id === newer)?.score_parts?.adjustment;
  });
  return adjustment;
}

Deno.test(`search: "${ZERO_HUNDRED.newer}" weighs as the clock's "00:00", no amount of hours (real SQLite)`, async () => {
  const asClock = await newerAdjustment("the boat leaves at 00:00");
  assert.notEqual(asClock, undefined);
  assert.equal(await newerAdjustment(ZERO_HUNDRED.newer), asClock);
  // Not as 0 hours, an amount anew (recall116's reading).
  assert.notEqual(await newerAdjustment("the boat took 0 hours"), asClock);
});

/**
 * Times of day on the 24-hour clock said with "hours" (`clock_times.ts`, review49a M3): none
 * restates or gives anew the fact's amount of hours, so the fact stays first in a store whose
 * other lines hold numbers (which lets a newer line with a number pair as an update).
 */
const CLOCK_HOURS = [
  "the boat leaves at zero seven hundred hours",
  "the boat leaves at 0700 hours",
  "the boat leaves at fourteen hundred hours",
];
const WITH_NUMBERS = [
  ...BACKGROUND,
  "The boiler service on the 14th cost £85.",
  "Parking at the station is £6.50 a day.",
];

for (const newerLine of CLOCK_HOURS) {
  Deno.test(`search: "${newerLine}" is a time, no amount of hours: the fact stays first (real SQLite)`, async () => {
    await withSqlite(async (fixture) => {
      const [fact] = await told(fixture, {
        background: WITH_NUMBERS,
        told: [ZERO_HUNDRED.fact, newerLine],
      });
      const [first] = await topHits(fixture, ZERO_HUNDRED.query);
      assert.equal(first?.id, fact);
    });
  });
}
