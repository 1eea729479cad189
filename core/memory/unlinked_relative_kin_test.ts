/**
 * An unlinked update about a relative (`unlinked_updates.ts`): the rule that a relative's change
 * is no change of the persona's own fact (`ofRelativeOnly`) holds only when the older memory is
 * about the persona itself. When both tell of a relative, under two kin words for one person
 * ("my husband", "my spouse"), the newer still replaces the older.
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const BACKGROUND = [
  "Traffic on the ring road was terrible this morning.",
  "It rained all weekend at the campsite.",
  "I finished a long novel about a lighthouse keeper.",
];

Deno.test("search: a relative's change told under another kin word replaces the fact about that relative (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of BACKGROUND) {
      await fixture.memory.store(fixture.aria, input({ content }));
    }
    const stored = async (content: string) => {
      fixture.clock.advance(60_000);
      return (await fixture.memory.store(fixture.aria, input({ content }))).id;
    };
    const older = await stored("My husband works as an accountant at a bank.");
    const newer = await stored("My spouse quit the bank and now works as a baker.");
    const hits = await fixture.memory.search(fixture.aria, {
      query: "What does my husband do for work?",
      n_results: 5,
      min_importance: 0,
    });
    assert.deepEqual(hits.slice(0, 2).map((hit) => hit.id), [newer, older]);
  } finally {
    await fixture.close();
  }
});
