/**
 * A name asked alone gets its broad reading however the store writes the name (review42b
 * finding 3): only where a sentence opens, in brackets, or coordinated ("Kav and Josh"). The
 * stores have no line that names Kav inside a sentence otherwise.
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** The line that tells who Kav is: long, so plain BM25 ranks it below the short mentions. */
const WHO =
  "Kav is my sister Kavita, she lives in Didsbury in Manchester and teaches yoga at a studio on Burton Road";

/** The ids of the top hits of each query in a real SQLite store of `lines`, by query. */
async function rankings(lines: readonly string[], queries: readonly string[]) {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const ids: string[] = [];
    for (const content of lines) {
      ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    const ranked = new Map<string, string[]>();
    for (const query of queries) {
      const hits = await fixture.memory.search(fixture.aria, {
        query,
        n_results: 3,
        min_importance: 0,
      });
      ranked.set(query, hits.map((hit) => lines[ids.indexOf(hit.id)]!));
    }
    return ranked;
  } finally {
    await fixture.close();
  }
}

Deno.test("'Kav' alone ranks as 'tell me about Kav' where the store names her only at sentence starts (real SQLite)", async () => {
  const ranked = await rankings([
    "Kav was my bridesmaid",
    "Kav's car failed its MOT",
    "Kav is coming down on Sunday",
    WHO,
  ], ["Kav", "Kav?", "um, Kav", "tell me about Kav"]);
  assert.equal(ranked.get("tell me about Kav")![0], WHO);
  for (const query of ["Kav", "Kav?", "um, Kav"]) {
    assert.deepEqual(ranked.get(query), ranked.get("tell me about Kav"), query);
  }
});

Deno.test("'kav' typed in lower case is a name where the store writes her in brackets or 'Kav and Josh' (real SQLite)", async () => {
  const starts = ["Kav was my bridesmaid", "Kav's car failed its MOT"];
  const bracketed = await rankings([
    ...starts,
    "Booked the cottage (Kav) for the last week of July",
    WHO,
  ], ["kav", "tell me about Kav"]);
  assert.equal(bracketed.get("tell me about Kav")![0], WHO);
  assert.deepEqual(bracketed.get("kav"), bracketed.get("tell me about Kav"));
  const paired = await rankings([
    ...starts,
    "Went to the cinema with Kav and Josh",
    WHO,
  ], ["kav", "tell me about Kav"]);
  assert.equal(paired.get("tell me about Kav")![0], WHO);
  assert.deepEqual(paired.get("kav"), paired.get("tell me about Kav"));
});
