/**
 * Search ranks by what the question asks: the persona's own voice, a time, a wish, a name, now,
 * the persona itself (PERSPECTIVE, ANSWER_TYPE, INTENT, UNNAMED, the unlinked update,
 * RELATIVE_SUBJECT).
 */
import { OTHER_THING } from "./other_things.ts";
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { DISTRACTORS } from "./testing/search_fixture.ts";

type Fixture = Awaited<ReturnType<typeof memoryFixture>>;

/**
 * Runs `body` on a real SQLite memory store holding DISTRACTORS, then `contents` stored in order
 * (`apartMs` of the clock between them), with the ids of `contents` in that order.
 */
async function withStored(
  { contents, apartMs = 0 }: { contents: string[]; apartMs?: number },
  body: (fixture: Fixture, ids: string[]) => Promise<void>,
): Promise<void> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const ids: string[] = [];
    for (const content of contents) {
      if (ids.length > 0) fixture.clock.advance(apartMs);
      ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    await body(fixture, ids);
  } finally {
    await fixture.close();
  }
}

/** The score adjustment of each of `ids` among the top two hits for `query`, explained. */
async function adjustmentsFor(fixture: Fixture, query: string, ids: string[]): Promise<number[]> {
  const hits = await fixture.memory.search(fixture.aria, {
    query,
    n_results: 2,
    min_importance: 0,
    explain: true,
  });
  return ids.map((id) => hits.find((hit) => hit.id === id)!.score_parts!.adjustment);
}

Deno.test("search prefers the persona's own voice for an I question; chat recall does not (the message's I is its sender's)", async () => {
  await withStored({
    contents: [
      "I speak French, English and a little Arabic.",
      "The user mentioned that their manager speaks five languages.",
    ],
  }, async (fixture, [mine, theirs]) => {
    const query = "Which languages can I speak?";
    const hits = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 2,
      min_importance: 0,
      explain: true,
    });
    assert.deepEqual(hits.map((hit) => hit.id), [mine, theirs]);
    assert.ok(hits[1]!.relevance > hits[0]!.relevance, "the other's remark matches more words");
    const recalled = await fixture.memory.recall(fixture.aria, query, { limit: 2 });
    assert.deepEqual(recalled.map((memory) => memory.id), [theirs, mine]);
    // A question about "me" with no "I" is in the asker's voice too.
    const asked = await fixture.memory.search(fixture.aria, {
      query: "Which languages does someone like me speak?",
      n_results: 2,
      min_importance: 0,
    });
    assert.deepEqual(asked.map((hit) => hit.id), [mine, theirs]);
  });
});

Deno.test("a when question costs a memory that says no time ANSWER_TYPE of its score", async () => {
  await withStored({
    contents: ["We went to the lake in July.", "We went to the lake with the children."],
  }, async (fixture, ids) => {
    // Timed, then untimed.
    assert.deepEqual(await adjustmentsFor(fixture, "When did we go to the lake?", ids), [1, 0.9]);
  });
});

Deno.test("a wish costs INTENT of its score unless the question asks about wishes", async () => {
  await withStored({
    contents: ["I play the guitar on Sundays.", "I want to play the guitar in a band."],
  }, async (fixture, ids) => {
    // The fact, then the wish.
    assert.deepEqual(await adjustmentsFor(fixture, "Do I play the guitar?", ids), [1, 0.9]);
    assert.deepEqual(await adjustmentsFor(fixture, "Do I want to play the guitar?", ids), [1, 1]);
  });
});

Deno.test("a question that names someone costs a memory holding no name of it UNNAMED, not for the persona's own name", async () => {
  await withStored({
    contents: ["Our dog Biscuit hides under the bed during storms.", "Mila is afraid of the dark."],
  }, async (fixture, ids) => {
    const adjustments = (query: string) => adjustmentsFor(fixture, query, ids);
    // Mila's line lacks Biscuit and is Mila's (named first): × 0.8 (UNNAMED) × 0.8 (NO_REFERENT).
    // Biscuit's line holds the name and nothing else asked ("afraid" nor a relative of it):
    // × 0.9 (OTHER_THING, other_things.ts), which every line of Biscuit's without "afraid" loses.
    assert.deepEqual(await adjustments("What is Biscuit afraid of?"), [1 - OTHER_THING, 0.64]);
    assert.equal(
      (await fixture.memory.search(fixture.aria, {
        query: "What is Biscuit afraid of?",
        n_results: 1,
        min_importance: 0,
      }))[0]!.id,
      ids[0],
      "the memory of the one named first",
    );
    // The persona's own name is whom a message speaks to, not what it asks about.
    assert.deepEqual(await adjustments("Aria, what is afraid of storms or the dark?"), [1, 1]);
    assert.deepEqual(await adjustments("Is Aria afraid of storms or the dark?"), [1, 1]);
  });
});

Deno.test("a question about now lets an unlinked update that matches it less come first", async () => {
  await withStored({
    contents: [
      "I work as a software engineer at a company that builds farming robots.",
      "I left the robotics company and now teach mathematics at a school.",
    ],
    apartMs: 60_000,
  }, async (fixture, [older, newer]) => {
    const first = async (query: string) =>
      (await fixture.memory.search(fixture.aria, { query, n_results: 2, min_importance: 0 }))[0]!
        .id;
    assert.equal(await first("Do I still work on farming robots?"), newer);
    // Not asked about now, and the change befalls no word asked ("robots" would: `changeOnQuery`).
    assert.equal(await first("Do I work as a software engineer?"), older, "not asked about now");
    assert.equal(await first("Do I work on farming robots?"), newer, "the change befalls robots");
  });
});

Deno.test("search: a question about the persona itself ranks its own fact above a relative's that shares the word (real SQLite)", async () => {
  await withStored({
    contents: ["I listen to jazz in the evenings.", "My daughter listens to pop music."],
  }, async (fixture, [mine, daughter]) => {
    const ranked = async (query: string) =>
      (await fixture.memory.search(fixture.aria, { query, n_results: 3, min_importance: 0 }))
        .map((hit) => hit.id);
    assert.equal((await ranked("What music do I listen to?"))[0], mine);
    assert.equal((await ranked("What music does my daughter listen to?"))[0], daughter);
  });
});
