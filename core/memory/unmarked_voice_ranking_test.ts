/**
 * A label note in no person ("dentist: Dr Okoro ...") ranks in the group's voice, not in
 * someone else's, for a question in the persona's own voice (`unmarked_voice.ts`), end to end
 * through a real SQLite store.
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { SearchHit } from "./search_hits.ts";
import { GROUP_PERSPECTIVE, PERSPECTIVE } from "./text_factor_shares.ts";

/** The contents of the top hits of `query` in a real SQLite store of `lines`. */
async function ranked(lines: readonly string[], query: string): Promise<string[]> {
  return (await rankedHits(lines, query)).map((hit) => hit.content);
}

/** The top hits of `query`, with their score parts, in a real SQLite store of `lines`. */
async function rankedHits(lines: readonly string[], query: string): Promise<SearchHit[]> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of lines) await fixture.memory.store(fixture.aria, input({ content }));
    return await fixture.memory.search(fixture.aria, {
      query,
      n_results: 3,
      min_importance: 0,
      explain: true,
    });
  } finally {
    await fixture.close();
  }
}

const NOTE = "dentist: Dr Okoro at Horfield Dental Care, checkup in July";

Deno.test("a label note answers 'who is my dentist' above a first-person remark that only mentions one (real SQLite)", async () => {
  const lines = [
    "I hate the dentist, even the waiting room makes me nervous and I always put off booking",
    NOTE,
    "my gums bled at the weekend",
  ];
  assert.equal((await ranked(lines, "who is my dentist"))[0], NOTE);
});

Deno.test("a label about a person ranks in someone else's voice, a label of the writer's in the group's (real SQLite)", async () => {
  const mum = "mum: allergic to penicillin, bad rash";
  const own = "ALLERGY: penicillin, bad rash";
  const hits = await rankedHits(
    [mum, own, "my gums bled at the weekend"],
    "what am I allergic to?",
  );
  const adjustment = (content: string) =>
    hits.find((hit) => hit.content === content)!.score_parts!.adjustment;
  assert.equal(hits[0]!.content, own);
  assert.equal(adjustment(mum), 1 - PERSPECTIVE);
  assert.equal(adjustment(own), 1 - GROUP_PERSPECTIVE);
});
