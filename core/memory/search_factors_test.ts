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

Deno.test("search prefers the persona's own voice for an I question; chat recall does not (the message's I is its sender's)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const mine = await fixture.memory.store(
      fixture.aria,
      input({ content: "I speak French, English and a little Arabic." }),
    );
    const theirs = await fixture.memory.store(
      fixture.aria,
      input({ content: "The user mentioned that their manager speaks five languages." }),
    );
    const query = "Which languages can I speak?";
    const hits = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 2,
      min_importance: 0,
      explain: true,
    });
    assert.deepEqual(hits.map((hit) => hit.id), [mine.id, theirs.id]);
    assert.ok(hits[1]!.relevance > hits[0]!.relevance, "the other's remark matches more words");
    const recalled = await fixture.memory.recall(fixture.aria, query, { limit: 2 });
    assert.deepEqual(recalled.map((memory) => memory.id), [theirs.id, mine.id]);
    // A question about "me" with no "I" is in the asker's voice too.
    const asked = await fixture.memory.search(fixture.aria, {
      query: "Which languages does someone like me speak?",
      n_results: 2,
      min_importance: 0,
    });
    assert.deepEqual(asked.map((hit) => hit.id), [mine.id, theirs.id]);
  } finally {
    await fixture.close();
  }
});

Deno.test("a when question costs a memory that says no time ANSWER_TYPE of its score", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const timed = await fixture.memory.store(
      fixture.aria,
      input({ content: "We went to the lake in July." }),
    );
    const untimed = await fixture.memory.store(
      fixture.aria,
      input({ content: "We went to the lake with the children." }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "When did we go to the lake?",
      n_results: 2,
      min_importance: 0,
      explain: true,
    });
    const adjustment = (id: string) => hits.find((hit) => hit.id === id)!.score_parts!.adjustment;
    assert.equal(adjustment(timed.id), 1);
    assert.equal(adjustment(untimed.id), 0.9);
  } finally {
    await fixture.close();
  }
});

Deno.test("a wish costs INTENT of its score unless the question asks about wishes", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const fact = await fixture.memory.store(
      fixture.aria,
      input({ content: "I play the guitar on Sundays." }),
    );
    const wish = await fixture.memory.store(
      fixture.aria,
      input({ content: "I want to play the guitar in a band." }),
    );
    const adjustments = async (query: string) => {
      const hits = await fixture.memory.search(fixture.aria, {
        query,
        n_results: 2,
        min_importance: 0,
        explain: true,
      });
      return [fact.id, wish.id].map((id) =>
        hits.find((hit) => hit.id === id)!.score_parts!.adjustment
      );
    };
    assert.deepEqual(await adjustments("Do I play the guitar?"), [1, 0.9]);
    assert.deepEqual(await adjustments("Do I want to play the guitar?"), [1, 1]);
  } finally {
    await fixture.close();
  }
});

Deno.test("a question that names someone costs a memory holding no name of it UNNAMED, not for the persona's own name", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const named = await fixture.memory.store(
      fixture.aria,
      input({ content: "Our dog Biscuit hides under the bed during storms." }),
    );
    const other = await fixture.memory.store(
      fixture.aria,
      input({ content: "Mila is afraid of the dark." }),
    );
    const adjustments = async (query: string) => {
      const hits = await fixture.memory.search(fixture.aria, {
        query,
        n_results: 2,
        min_importance: 0,
        explain: true,
      });
      return [named.id, other.id].map((id) =>
        hits.find((hit) => hit.id === id)!.score_parts!.adjustment
      );
    };
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
      named.id,
      "the memory of the one named first",
    );
    // The persona's own name is whom a message speaks to, not what it asks about.
    assert.deepEqual(await adjustments("Aria, what is afraid of storms or the dark?"), [1, 1]);
    assert.deepEqual(await adjustments("Is Aria afraid of storms or the dark?"), [1, 1]);
  } finally {
    await fixture.close();
  }
});

Deno.test("a question about now lets an unlinked update that matches it less come first", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const older = await fixture.memory.store(
      fixture.aria,
      input({ content: "I work as a software engineer at a company that builds farming robots." }),
    );
    fixture.clock.advance(60_000);
    const newer = await fixture.memory.store(
      fixture.aria,
      input({ content: "I left the robotics company and now teach mathematics at a school." }),
    );
    const first = async (query: string) =>
      (await fixture.memory.search(fixture.aria, { query, n_results: 2, min_importance: 0 }))[0]!
        .id;
    assert.equal(await first("Do I still work on farming robots?"), newer.id);
    // Not asked about now, and the change befalls no word asked ("robots" would: `changeOnQuery`).
    assert.equal(await first("Do I work as a software engineer?"), older.id, "not asked about now");
    assert.equal(
      await first("Do I work on farming robots?"),
      newer.id,
      "the change befalls robots",
    );
  } finally {
    await fixture.close();
  }
});

Deno.test("search: a question about the persona itself ranks its own fact above a relative's that shares the word (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const mine = await fixture.memory.store(
      fixture.aria,
      input({ content: "I listen to jazz in the evenings." }),
    );
    const daughter = await fixture.memory.store(
      fixture.aria,
      input({ content: "My daughter listens to pop music." }),
    );
    const ranked = async (query: string) =>
      (await fixture.memory.search(fixture.aria, { query, n_results: 3, min_importance: 0 }))
        .map((hit) => hit.id);
    assert.equal((await ranked("What music do I listen to?"))[0], mine.id);
    assert.equal((await ranked("What music does my daughter listen to?"))[0], daughter.id);
  } finally {
    await fixture.close();
  }
});
