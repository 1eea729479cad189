/**
 * A series of memories that say the same but for their numbers is compared as facts and updates
 * by its most relevant few only (`number_series.ts`, fix134): the chat benchmark's extracted facts
 * ("The user sent benchmark message N.") made every search align each pair of dozens.
 */
import assert from "node:assert/strict";
import { fewOfEachSeries, MAX_OF_SERIES, seriesKey } from "./number_series.ts";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";
import { type Item, updateItem } from "./testing/update_items.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

/** A user fact in voice "other", as `voiceOf` reads "The user ...". */
function item(id: string, content: string, relevance: number, minute: number): Item {
  return updateItem(id, content, { relevance, minute, voice: "other" });
}

/** Twelve user facts of one series, message 0 the most relevant and the oldest. */
function sentMessages(): Item[] {
  return Array.from(
    { length: 12 },
    (_, n) => item(`m${n}`, `The user sent benchmark message ${n}.`, 0.9 - n * 0.01, n),
  );
}

Deno.test("a series' key is its text with each number as #, separators and all", () => {
  assert.equal(
    seriesKey("The user sent benchmark message 17."),
    "The user sent benchmark message #.",
  );
  assert.equal(seriesKey("Rent went up to 1,050 euros, 3.5 %"), "Rent went up to # euros, # %");
});

Deno.test("only the newest MAX_OF_SERIES of a series stay, in the order given; other texts all stay", () => {
  const series = sentMessages().reverse();
  const others = [
    item("a", "I weigh 92 kilos.", 0.1, 20),
    item("b", "I weigh 92 kilos.", 0.1, 21),
    item("c", "We keep three goats.", 0.05, 22),
  ];
  const kept = fewOfEachSeries([...others, ...series]);
  assert.deepEqual(kept.map((one) => one.record.id), ["a", "b", "c", "m11", "m10", "m9"]);
  assert.equal(MAX_OF_SERIES, 3);
  const few = sentMessages().slice(0, MAX_OF_SERIES + 1);
  few[3]!.record = { ...few[3]!.record, content: "The user sent benchmark letter 3." };
  assert.equal(fewOfEachSeries(few), few, "no series past the bound: the same list");
  const twice = sentMessages().slice(0, MAX_OF_SERIES);
  assert.deepEqual(
    fewOfEachSeries([...twice, ...twice]),
    [...twice, ...twice],
    "each counted once",
  );
  const four = sentMessages().slice(0, MAX_OF_SERIES + 1);
  assert.deepEqual(
    fewOfEachSeries([...four, ...four]).map((one) => one.record.id),
    ["m1", "m2", "m3", "m1", "m2", "m3"],
    "the one past the bound goes from both places",
  );
});

Deno.test("ranking aligns the pairs of a series' newest few only, not every pair", () => {
  const items = sentMessages();
  const pairs: string[] = [];
  findUnlinkedUpdates(items, {
    sameSubject: (a, b) => {
      pairs.push(`${a.id}>${b.id}`);
      return { words: 1, meaning: 0.9 };
    },
    compared: 30,
    linked: () => false,
  });
  // Each of the three states a new number of the older ones: 3 pairs, not 12 × 11 / 2 = 66. (A
  // user fact with a number is listed twice, compared voice and measuring: each pair 4 times.)
  assert.deepEqual([...new Set(pairs)].sort(), ["m10>m11", "m9>m10", "m9>m11"]);
  assert.equal(items[9]!.replacedBy, items[10], "the few still pair as before");
});

Deno.test("a fact restated with a new number in the same words: the newest reading ranks first (review46 R5, real SQLite)", async () => {
  const series: [string[], string][] = [
    [
      ["I weigh 92 kg", "I weigh 90 kg", "I weigh 88 kg", "I weigh 86 kg", "I weigh 84 kg"],
      "how much do I weigh",
    ],
    [[
      "My rent is £900 a month",
      "My rent is £950 a month",
      "My rent is £1,000 a month",
      "My rent is £1,050 a month",
    ], "how much is my rent"],
    [[
      "Day 10 of my Duolingo streak",
      "Day 20 of my Duolingo streak",
      "Day 30 of my Duolingo streak",
      "Day 40 of my Duolingo streak",
      "Day 50 of my Duolingo streak",
    ], "how long is my Duolingo streak"],
  ];
  for (const [told, query] of series) {
    const ranked = await rankedAfter(told, query);
    assert.equal(ranked[0], told.length - 1, `${query}: ${ranked}`);
  }
});
