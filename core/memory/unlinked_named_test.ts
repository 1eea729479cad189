import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** Oldest first: a fact, a change of it, and a change of something else naming its new place. */
const MEMORIES = [
  "Traffic on the ring road was terrible this morning.",
  "our GP is Dr Patel at the practice on Mill Street, lovely but you can never get an appointment",
  "Noor is having her birthday at Bounce World, the trampoline park, with ten kids",
  "we have switched GP practice to Elmfield Road because the morning phone queue was " +
  "unbearable, my doctor there is Dr Okoro",
  "Noor party is at the soft play in Elmfield instead, Bounce World wanted twenty pounds a head",
];

Deno.test("search: a change that names in passing the place a fact names is no update of it (real SQLite)", async () => {
  // The party shares only "Elmfield" with the new practice (NAMED_WORDS): taken for its
  // update, it took the practice's relevance and ranked first for "who is my GP" (session 37).
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const ids: string[] = [];
    for (const content of MEMORIES) {
      fixture.clock.advance(60_000);
      ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    const hits = await fixture.memory.search(fixture.aria, {
      query: "who is my GP",
      n_results: 5,
      min_importance: 0,
    });
    assert.equal(hits[0]?.id, ids[3], "the practice the persona switched to first");
    assert.equal(hits[1]?.id, ids[1], "then the one it left, just below");
    const party = hits.find((hit) => hit.id === ids[4]);
    assert.ok(party === undefined || party.relevance < 0.1, "the party keeps its own poor match");
  } finally {
    await fixture.close();
  }
});
