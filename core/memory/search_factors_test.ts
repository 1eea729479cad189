/**
 * Search ranks by what the question asks: the persona's own voice, a time, a wish, a name, now,
 * the persona itself (PERSPECTIVE, ANSWER_TYPE, INTENT, UNNAMED, the unlinked update,
 * RELATIVE_SUBJECT).
 */
import { OTHER_THING } from "./other_things.ts";
import assert from "node:assert/strict";
import type { MemoryFixture } from "./testing/contract_fixture.ts";
import { told, topHits, withSqlite } from "./testing/told_memories.ts";
import { DISTRACTORS } from "./testing/search_fixture.ts";

/** The stored `contents` on a real SQLite store behind DISTRACTORS, a minute apart; their ids. */
function toldAfterDistractors(fixture: MemoryFixture, contents: string[]): Promise<string[]> {
  return told(fixture, { background: DISTRACTORS, told: contents });
}

/** The score adjustment of each of `ids` among the top two hits for `query`. */
async function adjustmentsFor(
  fixture: MemoryFixture,
  query: string,
  ids: string[],
): Promise<number[]> {
  const hits = await topHits(fixture, query, { n_results: 2, explain: true });
  return ids.map((id) => hits.find((hit) => hit.id === id)!.score_parts!.adjustment);
}

Deno.test("search prefers the persona's own voice for an I question; chat recall does not (the message's I is its sender's)", async () => {
  await withSqlite(async (fixture) => {
    const [mine, theirs] = await toldAfterDistractors(fixture, [
      "I speak French, English and a little Arabic.",
      "The user mentioned that their manager speaks five languages.",
    ]);
    const query = "Which languages can I speak?";
    const hits = await topHits(fixture, query, { n_results: 2, explain: true });
    assert.deepEqual(hits.map((hit) => hit.id), [mine, theirs]);
    assert.ok(hits[1]!.relevance > hits[0]!.relevance, "the other's remark matches more words");
    const recalled = await fixture.memory.recall(fixture.aria, query, { limit: 2 });
    assert.deepEqual(recalled.map((memory) => memory.id), [theirs, mine]);
    // A question about "me" with no "I" is in the asker's voice too.
    const asked = await topHits(fixture, "Which languages does someone like me speak?", {
      n_results: 2,
    });
    assert.deepEqual(asked.map((hit) => hit.id), [mine, theirs]);
  });
});

Deno.test("a when question costs a memory that says no time ANSWER_TYPE of its score", async () => {
  await withSqlite(async (fixture) => {
    const ids = await toldAfterDistractors(fixture, [
      "We went to the lake in July.",
      "We went to the lake with the children.",
    ]);
    // Timed, then untimed.
    assert.deepEqual(await adjustmentsFor(fixture, "When did we go to the lake?", ids), [1, 0.9]);
  });
});

Deno.test("a wish costs INTENT of its score unless the question asks about wishes", async () => {
  await withSqlite(async (fixture) => {
    const ids = await toldAfterDistractors(fixture, [
      "I play the guitar on Sundays.",
      "I want to play the guitar in a band.",
    ]);
    // The fact, then the wish.
    assert.deepEqual(await adjustmentsFor(fixture, "Do I play the guitar?", ids), [1, 0.9]);
    assert.deepEqual(await adjustmentsFor(fixture, "Do I want to play the guitar?", ids), [1, 1]);
  });
});

Deno.test("a question that names someone costs a memory holding no name of it UNNAMED, not for the persona's own name", async () => {
  await withSqlite(async (fixture) => {
    const ids = await toldAfterDistractors(fixture, [
      "Our dog Biscuit hides under the bed during storms.",
      "Mila is afraid of the dark.",
    ]);
    const adjustments = (query: string) => adjustmentsFor(fixture, query, ids);
    // Mila's line lacks Biscuit and is Mila's (named first): × 0.8 (UNNAMED) × 0.8 (NO_REFERENT).
    // Biscuit's line holds the name and nothing else asked ("afraid" nor a relative of it):
    // × 0.9 (OTHER_THING, other_things.ts), which every line of Biscuit's without "afraid" loses.
    assert.deepEqual(await adjustments("What is Biscuit afraid of?"), [1 - OTHER_THING, 0.64]);
    assert.equal(
      (await topHits(fixture, "What is Biscuit afraid of?", { n_results: 1 }))[0]!.id,
      ids[0],
      "the memory of the one named first",
    );
    // The persona's own name is whom a message speaks to, not what it asks about.
    assert.deepEqual(await adjustments("Aria, what is afraid of storms or the dark?"), [1, 1]);
    assert.deepEqual(await adjustments("Is Aria afraid of storms or the dark?"), [1, 1]);
  });
});

Deno.test("a question about now lets an unlinked update that matches it less come first", async () => {
  await withSqlite(async (fixture) => {
    const [older, newer] = await toldAfterDistractors(fixture, [
      "I work as a software engineer at a company that builds farming robots.",
      "I left the robotics company and now teach mathematics at a school.",
    ]);
    const first = async (query: string) =>
      (await topHits(fixture, query, { n_results: 2 }))[0]!
        .id;
    assert.equal(await first("Do I still work on farming robots?"), newer);
    // Not asked about now, and the change befalls no word asked ("robots" would: `changeOnQuery`).
    assert.equal(await first("Do I work as a software engineer?"), older, "not asked about now");
    assert.equal(await first("Do I work on farming robots?"), newer, "the change befalls robots");
  });
});

Deno.test("search: a question about the persona itself ranks its own fact above a relative's that shares the word (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [mine, daughter] = await toldAfterDistractors(fixture, [
      "I listen to jazz in the evenings.",
      "My daughter listens to pop music.",
    ]);
    const ranked = async (query: string) =>
      (await topHits(fixture, query, { n_results: 3 }))
        .map((hit) => hit.id);
    assert.equal((await ranked("What music do I listen to?"))[0], mine);
    assert.equal((await ranked("What music does my daughter listen to?"))[0], daughter);
  });
});
