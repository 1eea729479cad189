/**
 * Search through the memory service on SQLite: how many hits a search and a prompt's recall
 * return, and which accesses they count. Word relations: search_relations_test.ts; the
 * question's factors: search_factors_test.ts.
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { DISTRACTORS } from "./testing/search_fixture.ts";

Deno.test("a prompt's recall counts an access only for the memories the prompt gets, not its spare hits", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const stored = [];
    for (const place of ["Lisbon", "Porto", "Seville", "Granada", "Valencia", "Bilbao"]) {
      stored.push(
        await fixture.memory.store(fixture.aria, input({ content: `We sailed to ${place}.` })),
      );
    }
    const recalled = await fixture.memory.recall(fixture.aria, "sailed", { limit: 2 });
    assert.equal(recalled.length, 2);
    const used = new Set(recalled.map((memory) => memory.id));
    for (const record of stored) {
      const { accessed_count } = await fixture.memory.get(record.id);
      assert.equal(accessed_count, used.has(record.id) ? 1 : 0, record.content);
    }
  } finally {
    await fixture.close();
  }
});

Deno.test("memory.search fills its list up to n_results; a chat prompt's recall keeps the bar", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of DISTRACTORS) await fixture.memory.store(fixture.aria, input({ content }));
    const vegetarian = await fixture.memory.store(
      fixture.aria,
      input({ content: "I am vegetarian and have not eaten meat in years." }),
    );
    // No memory holds "pescatarian", a word the word vectors do not know: no match at all.
    const query = "Am I a pescatarian?";
    const hits = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 3,
      min_importance: 0,
    });
    assert.equal(hits.length, 3, "the nearest memories, as many as asked");
    assert.ok(hits.some((hit) => hit.id === vegetarian.id));
    const explained = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 3,
      min_importance: 0,
      explain: true,
    });
    assert.deepEqual(explained.map((hit) => hit.score_parts?.filler), [true, true, true]);
    for (const hit of hits) {
      // A filler matched nothing: it is no access (access counts protect from pruning).
      assert.equal((await fixture.memory.get(hit.id)).accessed_count, 0, hit.content);
    }
    const cross = await fixture.memory.searchCrossPersona(fixture.aria, {
      query,
      n_results: 2,
      min_importance: 0,
      include_shared: true,
      include_public: true,
    });
    assert.equal(cross.length, 2);
    assert.deepEqual(await fixture.memory.recall(fixture.aria, query, { limit: 3 }), []);
  } finally {
    await fixture.close();
  }
});
