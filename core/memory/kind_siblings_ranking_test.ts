/**
 * A question that names a class ("rodents") finds the memory that names a kind of it
 * ("hamsters") above one that names a sibling the word vectors rate as near ("cats"), end to end
 * through a real SQLite store (recall106: `unlinkedCap` in `meaning/word_similarity.ts`).
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** The contents of the top hits of `query` in a real SQLite store of `lines`. */
async function ranked(lines: readonly string[], query: string): Promise<string[]> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of lines) await fixture.memory.store(fixture.aria, input({ content }));
    const hits = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 3,
      min_importance: 0,
    });
    return hits.map((hit) => hit.content);
  } finally {
    await fixture.close();
  }
}

Deno.test("a class question finds the kind above the sibling: hamsters for rodents, a poodle for dogs (real SQLite)", async () => {
  const hamsters = "we have two hamsters";
  const cats = "we have two cats";
  assert.equal((await ranked([cats, hamsters], "which rodents do we keep"))[0], hamsters);
  const poodle = "Dad has a poodle called Moss";
  const cat = "Dad has a cat called Moss";
  assert.equal((await ranked([cat, poodle], "which dogs does my dad have"))[0], poodle);
});
