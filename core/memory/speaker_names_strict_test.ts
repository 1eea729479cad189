import assert from "node:assert/strict";
import { introducedNames, speakerNames } from "./speaker_names.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { UNNAMED } from "./text_factor_shares.ts";
import { NO_REFERENT } from "./unnamed_referents.ts";

// review38 F4: one misread introduction lends a name to every first-person memory.

Deno.test("no introduction: a possessive, a phrase, a word of time, or another's speech", () => {
  for (
    const text of [
      "I'm Kira's biggest fan",
      "I’m Kira’s biggest fan",
      "Whose side am I on? I'm Kira's.",
      "call me tomorrow about Marcus",
      "call me later",
      "call me back when you can",
      "I am Going to Paris",
      "Marcus said: I'm Marcus",
      'He keeps saying "I\'m Marcus" in that voice',
      "Marcus says I'm Marcus now, whatever that means",
      "I'm so tired",
      "I'm partial to a gin and tonic on a Friday night",
      "im lactose intolerant so no milkshakes for me sadly",
    ]
  ) assert.deepEqual(introducedNames(text), [], text);
});

Deno.test("an introduction still gives a name that stands alone, in any case the text uses", () => {
  assert.deepEqual(introducedNames("I'm Sam O'Brien, the new neighbour."), ["sam"]);
  assert.deepEqual(introducedNames("Hi, I'm Kira. I run the bakery."), ["kira"]);
  assert.deepEqual(introducedNames("im jayden, 19"), ["jayden"], "all lower case");
  assert.deepEqual(introducedNames("I'm kira but my friends call me Ki."), ["ki"], "cased text");
});

Deno.test("a speaker's name is lent though notes tell of it in the third person (a family's store)", () => {
  const candidates = (contents: string[]) => contents.map((content) => ({ record: { content } }));
  const family = candidates([
    "im jayden, 19",
    "Jayden's birthday is the 3rd of July.",
    "I'm hopeless with tech, Jayden set up my iPad.",
  ]);
  assert.deepEqual(speakerNames(family, ["jayden"]), ["jayden"]);
  const fan = candidates(["I'm Kira's biggest fan", "Kira takes pottery classes."]);
  assert.deepEqual(speakerNames(fan, ["kira"]), []);
});

// The review's own example ("Kira takes pottery classes on Thursdays") still ranks the choir first
// after the fix: "kira" in two of a few memories loses BM25 weight to "every week". Here Kira's
// memory says "every" too, so only the lent name decides the order.
Deno.test("'I'm Kira's biggest fan' does not put the user's memory above Kira's own", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const ids: string[] = [];
    for (
      const content of [
        "The ferry leaves at noon on Sundays.",
        "It rained all weekend at the campsite.",
        "The bakery on the corner sells sourdough.",
        "I sing alto in the community choir every week",
        "Kira goes to a pottery class every Thursday",
        "My brother plays the drums",
        "I'm Kira's biggest fan",
      ]
    ) ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    const hits = await fixture.memory.search(fixture.aria, {
      query: "What does Kira do every week?",
      n_results: 5,
      min_importance: 0,
      explain: true,
    });
    assert.equal(hits[0]?.id, ids[4], hits.map((hit) => hit.content).join(" | "));
    const choir = hits.find((hit) => hit.id === ids[3]);
    // The choir lacks the name Kira, and its "I" cannot stand for her (`unnamed_referents.ts`).
    const lacking = (1 - UNNAMED) * (1 - NO_REFERENT);
    assert.ok(Math.abs(choir!.score_parts!.adjustment - lacking) < 1e-4, "the choir lacks Kira");
  } finally {
    await fixture.close();
  }
});
