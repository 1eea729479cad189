import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const BACKGROUND = [
  "Traffic on the ring road was terrible this morning.",
  "It rained all weekend at the campsite.",
  "The farmers' market sells good cheese on Saturdays.",
];

/** A persona's own fact, then a relative's change that shares its words; the query asks for the fact. */
const PAIRS = [
  {
    fact: "I always feel tired on Monday mornings.",
    relative: "My mother feels lonely since she retired.",
    query: "When do I feel tired?",
  },
  {
    fact: "I drink three cups of coffee every morning.",
    relative: "My husband quit coffee and now drinks only tea in the morning.",
    query: "How much coffee do I drink in the morning?",
  },
];

for (const { fact, relative, query } of PAIRS) {
  Deno.test(`search: a relative's change replaces no fact of the persona's own: "${query}" (real SQLite)`, async () => {
    const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
    try {
      for (const content of BACKGROUND) {
        await fixture.memory.store(fixture.aria, input({ content }));
      }
      fixture.clock.advance(60_000);
      const own = (await fixture.memory.store(fixture.aria, input({ content: fact }))).id;
      fixture.clock.advance(60_000);
      await fixture.memory.store(fixture.aria, input({ content: relative }));
      const hits = await fixture.memory.search(fixture.aria, {
        query,
        n_results: 5,
        min_importance: 0,
      });
      assert.equal(hits[0]?.id, own);
    } finally {
      await fixture.close();
    }
  });
}
