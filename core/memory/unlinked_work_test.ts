/**
 * Search tests of work taken up, told with another verb than the fact's "works at" and no word of
 * change (`stated_slot.ts`'s verbs of taking up work and owners named by a role, read by
 * `restated_slots.ts`): stored without links, the newer one comes first for a question on where
 * the person works; joining something that is no employer leaves the fact first.
 */
import assert from "node:assert/strict";
import {
  BACKGROUND,
  type FactThenNewer,
  ranked,
  rankedFactThenNewer,
  told,
  withSqlite,
} from "./testing/told_memories.ts";
import { updateItem } from "./testing/update_items.ts";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";
import { slotReadCount } from "./stated_slot.ts";

/** A fact, then work taken up told with another verb, and a question on it. */
const TAKEN_UP: FactThenNewer[] = [
  {
    fact: "My brother Tom works at Aldi in the town centre.",
    newer: "Tom started a new job at Lidl last week.",
    query: "Where does Tom work?",
  },
  {
    fact: "My brother Tom works at Aldi in the town centre.",
    newer: "Tom got a job with Lidl in March.",
    query: "Where does Tom work?",
  },
  {
    fact: "My sister Ana works at the bank.",
    newer: "Ana got a job at the council.",
    query: "Where does Ana work?",
  },
  {
    // Where he is these days, with "be" (`habitual_places.ts`).
    fact: "My brother Tom works at Aldi in the town centre.",
    newer: "Tom's at Lidl these days.",
    query: "Where does Tom work?",
  },
  {
    // No word of the question but the slot: the question naming the slot's verb asks it
    // (`slotAsked`).
    fact: "I work at a bakery on Mill Street.",
    newer: "I started a new job at the post office.",
    query: "Where do I work?",
  },
];

for (const memories of TAKEN_UP) {
  Deno.test(`search: work taken up with another verb comes first: "${memories.newer}" (real SQLite)`, async () => {
    const { fact, newer, top } = await rankedFactThenNewer(memories);
    assert.equal(top[0], newer);
    assert.equal(top[1], fact);
  });
}

Deno.test("search: joining something unnamed is no new work, the fact stays first (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [older] = await told(fixture, {
      background: BACKGROUND,
      told: ["My brother Tom works at Aldi in the town centre.", "Tom joined a gym near Aldi."],
    });
    assert.equal((await ranked(fixture, "Where does Tom work?"))[0], older);
  });
});

Deno.test("findUnlinkedUpdates: every pair of many restated slots reads each text's slot once", () => {
  // Twenty-one texts all stating Tom's work: 210 pairs, each asking both slots (`restatesSlot`)
  // and the older one's again (`slotAsked`).
  const firms = Array.from({ length: 20 }, (_, i) => `Firm${String.fromCharCode(65 + i)}`);
  const items = [
    updateItem("fact", "My brother Tom works at Aldi by the ring road.", {
      relevance: 0.8,
      minute: 1,
    }),
    ...firms.map((firm, i) =>
      updateItem(firm, `Tom started a new job at ${firm} in week ${i + 1}.`, {
        relevance: 0.8,
        minute: 2 + i,
        voice: "other",
      })
    ),
  ];
  const before = slotReadCount();
  findUnlinkedUpdates(items, {
    sameSubject: () => ({ words: 0.5, meaning: 0.5 }),
    compared: 30,
    queryTerms: ["tom", "work"],
    linked: () => false,
  });
  assert.ok(items[0]!.replacedBy !== undefined);
  assert.equal(slotReadCount() - before, items.length);
});

/** A fact, then a line that is no new workplace or home (review45b H1, H2). */
const NOT_TAKEN_UP: FactThenNewer[] = [
  { fact: "Tom works at Aldi.", newer: "Tom started at Easter.", query: "Where does Tom work?" },
  {
    fact: "Ana works at the council.",
    newer: "Ana joined Strava to log her runs.",
    query: "Where does Ana work?",
  },
  {
    fact: "I work at Aldi on the tills.",
    newer: "I joined PureGym near work last week.",
    query: "Where do I work?",
  },
  // Where one is these days, but no workplace or home (review45b H2).
  { fact: "Tom works at Aldi.", newer: "Tom's at Uni these days.", query: "Where does Tom work?" },
  {
    fact: "I work at the Co-op on Station Road.",
    newer: "I'm at Mum's these days, helping after her operation.",
    query: "Where do I work?",
  },
  {
    fact: "Tom lives in York.",
    newer: "Tom's in Year 10 these days.",
    query: "Where does Tom live?",
  },
];

for (const memories of NOT_TAKEN_UP) {
  Deno.test(`search: "${memories.newer}" is no new work or home, the fact stays first (real SQLite)`, async () => {
    const { fact, top } = await rankedFactThenNewer(memories);
    assert.equal(top[0], fact);
  });
}
