/**
 * Pins `shortFormCandidates` (store_short_forms.ts) on a real SQLite backend, which mutation
 * testing (mut63) found loose: only the memories that hold a short form by BM25 come in (not the
 * vector side's other candidates, whose lexical part is 0), none already in the pool, each with
 * its lexical part set to 0.
 */
import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { Embedder } from "./embedder.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { shortFormCandidates } from "./store_short_forms.ts";

/** Every text gets the same unit vector: the vector side returns every memory, lexical 0. */
class ConstantEmbedder implements Embedder {
  readonly id = "constant-mut63-4";
  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return Promise.resolve(texts.map(() => Float32Array.of(1, 0, 0, 0)));
  }
}

Deno.test("short-form candidates: the BM25 holders of the short form alone, new to the pool, lexical 0", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const embedder = new ConstantEmbedder();
    const backend = await fixture.restarted();
    const memory = await fixture.reopen({ embedder, backend });
    const physio = await memory.store(fixture.aria, input({ content: "physio Thu 0745 w/ Sam" }));
    for (const content of ["dentist on Friday at 9", "gym on Monday with Jo"]) {
      await memory.store(fixture.aria, input({ content }));
    }
    const query = {
      personaId: fixture.aria.id,
      othersVisibility: [],
      vector: Float32Array.of(1, 0, 0, 0),
      embedder: embedder.id,
      terms: ["physiotherapi"],
      minImportance: 0,
      limit: 10,
    };
    const deps = { backend, terms: ["physio"] };
    const added = await shortFormCandidates([], query, deps);
    assert.deepEqual(added.map((candidate) => candidate.record.id), [physio.id]);
    assert.equal(added[0]!.lexical, 0, "alignment credits the short form, not BM25");
    // Already in the pool: not brought twice.
    const found = await backend.candidates({ ...query, terms: ["physio"] });
    const pool = found.filter((candidate) => candidate.record.id === physio.id);
    assert.ok(pool.length === 1 && pool[0]!.lexical > 0);
    assert.deepEqual(await shortFormCandidates(pool, query, deps), []);
  } finally {
    await fixture.close();
  }
});
