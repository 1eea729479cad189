/**
 * A label note in no person ("dentist: Dr Okoro ...") ranks in the group's voice, not in
 * someone else's, for a question in the persona's own voice (`unmarked_voice.ts`), end to end
 * through a real SQLite store.
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** The contents of the top hits of `query` in a real SQLite store of `lines`. */
async function ranked(lines: readonly string[], query: string): Promise<string[]> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const ids: string[] = [];
    for (const content of lines) {
      ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    const hits = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 3,
      min_importance: 0,
    });
    return hits.map((hit) => lines[ids.indexOf(hit.id)]!);
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
