/**
 * A memory that matches none of a one-fact question's heavy words, only its light ones, loses
 * `LIGHT_ONLY` (`ranking.ts` `lightOnlyFactor`); a question for several facts costs it nothing
 * (`several_facts.ts` `asksOneFact`). End to end through a real SQLite store.
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { SearchHit } from "./search_hits.ts";
import { LIGHT_ONLY } from "./ranking.ts";

/** The hits of `query`, with their score parts, in a real SQLite store of `lines`. */
async function rankedHits(lines: readonly string[], query: string): Promise<SearchHit[]> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of lines) await fixture.memory.store(fixture.aria, input({ content }));
    return await fixture.memory.search(fixture.aria, {
      query,
      n_results: 5,
      min_importance: 0,
      explain: true,
    });
  } finally {
    await fixture.close();
  }
}

/** The `adjustment` score part of the hit of `content` among `hits`. */
function adjustment(hits: readonly SearchHit[], content: string): number | undefined {
  return hits.find((hit) => hit.content === content)?.score_parts?.adjustment;
}

const ANSWER = "my sister Hana is a midwife at the Royal Infirmary";
const LIGHT = "I work from home on Fridays";
const LINES = [ANSWER, LIGHT, "the boiler broke again on Tuesday"];

Deno.test("a one-fact question costs a memory matching only its light word LIGHT_ONLY, not its answer (real SQLite)", async () => {
  const hits = await rankedHits(LINES, "where does my sister work");
  assert.equal(hits[0]!.content, ANSWER);
  assert.equal(adjustment(hits, ANSWER), 1);
  assert.equal(adjustment(hits, LIGHT), 1 - LIGHT_ONLY);
});

Deno.test("a question for several facts (a plural) costs a memory matching only a light word nothing (real SQLite)", async () => {
  const hits = await rankedHits(LINES, "where do my sisters work");
  assert.equal(adjustment(hits, LIGHT), 1);
});

Deno.test("a name the question asks about is a heavy word, however many lines hold it (real SQLite)", async () => {
  // Every line holds "Kenzie", so its idf is low and "work" alone would be heavy.
  const answer = "Kenzie drives an ambulance for the NHS.";
  const hits = await rankedHits(
    [answer, "Kenzie is learning Swedish."],
    "what does Kenzie do for work",
  );
  assert.equal(adjustment(hits, answer), 1);
});
