import assert from "node:assert/strict";
import { told, topHits, withSqlite } from "./testing/told_memories.ts";

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
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, { background: [], told: MEMORIES });
    const hits = await topHits(fixture, "who is my GP");
    assert.equal(hits[0]?.id, ids[3], "the practice the persona switched to first");
    assert.equal(hits[1]?.id, ids[1], "then the one it left, just below");
    const party = hits.find((hit) => hit.id === ids[4]);
    assert.ok(party === undefined || party.relevance < 0.1, "the party keeps its own poor match");
  });
});
