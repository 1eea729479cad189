/** Unlinked updates of remarks about someone else (`unlinked_updates.ts`, `acting_updates.ts`). */
import assert from "node:assert/strict";
import { BACKGROUND, ranked, told, withSqlite } from "./testing/told_memories.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

for (
  const [query, fact, update] of [
    [
      "What car does Tom drive?",
      "Tom drives an old red Volvo estate that keeps breaking down.",
      "Tom sold the Volvo for scrap and cycles everywhere now.",
    ],
    [
      "Where does Priya work?",
      "Priya works as a sound engineer at a recording studio in Glasgow.",
      "Priya left the recording studio in May and mixes live sound for bands on tour.",
    ],
    [
      "Is Kasimir Vogt still in the garden room?",
      "Kasimir Vogt is staying in the garden room for a month.",
      "Kasimir Vogt left after four nights and went home to Bremen.",
    ],
    [
      // "traded" (in, for) is a verb of change as "sold" and "swapped" are (session 27).
      "What car does Nell drive?",
      "Nell drives a silver 2014 Honda Jazz.",
      "Nell traded in the Honda for a little red Toyota Yaris hybrid.",
    ],
    [
      // The subject behind an auxiliary, of a verb sharing it past "and" (session 27, recall16).
      "Is Rafael running the Leeds half marathon?",
      "Rafael is training for the Leeds half marathon in May and runs about 30 km a week.",
      "Rafael pulled a hamstring and has dropped out of the half marathon; he's swimming for now.",
    ],
  ]
) {
  Deno.test(`search: an unlinked update about someone else whose change acts on what the fact named comes first: "${query}" (real SQLite)`, async () => {
    await withSqlite(async (fixture) => {
      const [older, newer] = await told(fixture, {
        background: BACKGROUND,
        told: [fact!, update!],
      });
      assert.deepEqual((await ranked(fixture, query!)).slice(0, 2), [newer, older]);
    });
  });
}

for (
  const [query, fact, later] of [
    [
      "Who is the wedding photographer in Brussels?",
      "My best friend Dev is a wedding photographer in Brussels.",
      "The train to Brussels was cancelled, so Dev came by bus.",
    ],
    [
      "Where does Priya live?",
      "Priya lives in a flat above the recording studio in Glasgow.",
      "Priya dropped her phone in the canal on the way to the studio.",
    ],
    [
      "Where does Tom work?",
      "Tom works as a chef at the harbour restaurant.",
      "Tom left his keys at the restaurant again.",
    ],
    [
      "Where does Ines live?",
      "Ines lives in a flat above the bakery in Cascais.",
      "I left my umbrella at the bakery below Ines's flat.",
    ],
  ]
) {
  Deno.test(`search: a later remark about someone else whose change ends nothing the fact named replaces no fact: "${query}" (real SQLite)`, async () => {
    await withSqlite(async (fixture) => {
      const [older] = await told(fixture, { background: BACKGROUND, told: [fact!, later!] });
      assert.equal((await ranked(fixture, query!))[0], older);
    });
  });
}

for (
  const [query, fact, update] of [
    [
      "Who is Pepper's vet?",
      "Pepper's vet is Dr Lund at Hillside Vets.",
      "We've moved Pepper to the Riverside Animal Clinic now that Dr Lund has retired.",
    ],
    [
      "Where does Ines keep her boat?",
      "Ines keeps her sailing boat at the marina in Cascais.",
      "I sold the boat for Ines last week, she has no time to sail.",
    ],
  ]
) {
  Deno.test(`search: the persona's or the group's change acting on what a remark about someone else named comes first: "${query}" (real SQLite)`, async () => {
    await withSqlite(async (fixture) => {
      const [older, newer] = await told(fixture, {
        background: BACKGROUND,
        told: [fact!, update!],
      });
      assert.deepEqual((await ranked(fixture, query!)).slice(0, 2), [newer, older]);
    });
  });
}

Deno.test("search: a texted change of the thing an older remark is about ranks above it (recall45)", async () => {
  const ranked = await rankedAfter(
    [
      "girls holiday to ibiza booked for august, me leah n chantelle",
      "girls holiday changed to malaga bc ibiza flights were mad expensive",
    ],
    "where are the girls going on holiday in august",
  );
  assert.deepEqual(ranked.slice(0, 2), [1, 0]);
});
