/**
 * A search of a persona that was deleted while the search was under way (attack42): the search
 * looked the persona up before the delete and reaches the index cache after it. The indexes it
 * loads then are of no persona, and nothing would ever drop them again.
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { IndexCache } from "./index_cache.ts";

Deno.test("a search that reaches the backend after its persona was deleted keeps no indexes of it", async () => {
  const backend: SqliteBackend[] = [];
  const fixture = await memoryFixture((db) => {
    backend.push(new SqliteBackend(db as SqliteDatabase));
    return backend[0]!;
  });
  try {
    const { aria, kira, memory } = fixture;
    await memory.store(aria, input({ content: "The ferry leaves at noon" }));
    const ask = (persona: typeof aria) =>
      memory.search(persona, { query: "ferry at noon", n_results: 5, min_importance: 0 });
    assert.equal((await ask(aria)).length, 1);
    assert.equal(backend[0]!.indexed(aria.id), true);
    await fixture.personas.delete(aria.id);
    await backend[0]!.deletePersona(aria.id);
    assert.equal(backend[0]!.indexed(aria.id), false, "dropped by the delete");
    // The late search: its persona was read before the delete.
    assert.deepEqual(await ask(aria), []);
    assert.equal(backend[0]!.indexed(aria.id), false, "not kept by the late search");
    // A persona with no memory yet keeps its (empty) indexes, as its first writes keep them in
    // step (`sqlite_empty_ties.ts`).
    assert.deepEqual(await ask(kira), []);
    assert.equal(backend[0]!.indexed(kira.id), true, "a living persona's empty indexes kept");
  } finally {
    await fixture.close();
  }
});

Deno.test("a deleted persona's late first load leaves its version untracked (index_cache.ts forget)", async () => {
  const databases: SqliteDatabase[] = [];
  const fixture = await memoryFixture((db) => {
    databases.push(db as SqliteDatabase);
    return new SqliteBackend(db as SqliteDatabase);
  });
  try {
    const { aria, memory } = fixture;
    await memory.store(aria, input({ content: "The ferry leaves at noon" }));
    await fixture.personas.delete(aria.id);
    // A cache that never saw the persona: its first load comes after the delete.
    const cache = new IndexCache(databases[0]!.connection);
    cache.get(aria.id, "late-embedder", 3);
    assert.equal(cache.loadedLexical(aria.id), undefined, "no index kept");
    assert.equal(cache.tracks(aria.id), false, "no version kept for a refresh to re-read");
  } finally {
    await fixture.close();
  }
});
