import assert from "node:assert/strict";
import { BACKGROUND, ranked, told, withSqlite } from "./testing/told_memories.ts";
import { OTHER_THING } from "./other_things.ts";

Deno.test("search: a line holding what is asked of a named person ranks above another of their things (real SQLite)", async () => {
  // "Oskar's been learning Italian ..." holds Oskar three times and nothing else the question
  // asks: no "work", no relative of it ("job" is one), no answer of a type; it loses
  // OTHER_THING (other_things.ts). Without the rule it ranks first, by a hair (0.409 / 0.407).
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, {
      background: BACKGROUND,
      told: [
        "Lena's brother Oskar has a job at the big bakery on Mill Lane near the old station, nights mostly, and he hates the early starts and the noise",
        "Oskar's been learning Italian, Oskar is hopeless at it but Oskar keeps going",
      ],
    });
    assert.deepEqual((await ranked(fixture, "what's Oskar's work")).slice(0, 2), ids);
  });
});

/** The adjustment of each of `told`'s lines under "What does Kenzie do for work?" (explain). */
async function kenzieAdjustments(toldLines: readonly string[]): Promise<Map<string, number>> {
  const adjustments = new Map<string, number>();
  await withSqlite(async (fixture) => {
    await told(fixture, { background: BACKGROUND, told: toldLines });
    const hits = await fixture.memory.search(fixture.aria, {
      query: "What does Kenzie do for work?",
      n_results: 5,
      min_importance: 0,
      explain: true,
    });
    for (const hit of hits) adjustments.set(hit.content, hit.score_parts!.adjustment);
  });
  return adjustments;
}

Deno.test("search: where no line holds what is asked of a named person, none loses OTHER_THING (real SQLite)", async () => {
  // The ambulance probe (review44c F4): the answer says "drives an ambulance", no word of "work"
  // nor of its relatives; only the name matches Kenzie's lines, so the rule would lower them
  // all alike (0.9), the answer with them.
  const answer = "Kenzie drives an ambulance for the NHS.";
  const other = "Kenzie is learning Swedish.";
  const alone = await kenzieAdjustments([answer, other]);
  assert.equal(alone.get(answer), 1);
  assert.equal(alone.get(other), 1);
  // A line that holds "work" parts her lines: the rest lose OTHER_THING.
  const commute = "Kenzie's commute to work takes an hour.";
  const parted = await kenzieAdjustments([answer, other, commute]);
  assert.equal(parted.get(commute), 1);
  assert.equal(parted.get(answer), 1 - OTHER_THING);
});
