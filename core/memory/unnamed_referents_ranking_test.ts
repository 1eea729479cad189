/**
 * Rankings on real SQLite of lines that lack the name a question asks about and speak of no one
 * who could be that person (`unnamed_referents.ts`): a short line on the question's rare words no
 * longer outranks a long one that tells the answer by name.
 */
import assert from "node:assert/strict";
import { BACKGROUND, ranked, told, withSqlite } from "./testing/told_memories.ts";

/** Where each of `wanted` ranks for `query` among `memories` (-1: not in the top 5). */
async function placesOf(memories: string[], query: string, wanted: string[]): Promise<number[]> {
  let places: number[] = [];
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, { background: BACKGROUND, told: memories });
    const top = await ranked(fixture, query);
    places = wanted.map((memory) => top.indexOf(ids[memories.indexOf(memory)]!));
  });
  return places;
}

const NOOR =
  "I'll tell you what keeps me up at night, not the late shifts, it's that Noor's got a shellfish allergy, a proper one, two EpiPens in her work bag always, and at every party I'm reading the labels like a customs officer";
const GENERIC = "shellfish allergy is the most common food allergy in adults, apparently";
const ABOUT_NOOR = ["Noor's flat is in Leith", "Noor started at the dental practice in May"];

Deno.test("a question by name ranks the named line above a generic one on its rare words", async () => {
  const [noor, generic] = await placesOf(
    [NOOR, GENERIC, ...ABOUT_NOOR],
    "is Noor allergic to shellfish",
    [NOOR, GENERIC],
  );
  assert.equal(noor, 0, `Noor's line ${noor}, the generic one ${generic}`);
});

Deno.test("a line about someone else named first ranks below the named answer", async () => {
  const HAMISH =
    "Hamish reckons shellfish allergies run in his family, his brother is allergic too";
  const [noor, hamish] = await placesOf(
    [NOOR, HAMISH, ...ABOUT_NOOR],
    "is Noor allergic to shellfish",
    [NOOR, HAMISH],
  );
  assert.equal(noor, 0, `Noor's line ${noor}, Hamish's ${hamish}`);
});
