/**
 * Titles, brands and genres are not names however the store writes them (review43b findings 1
 * and 3): in brackets ("(Game of Thrones)") or coordinated ("Rock and Roll"), their common
 * words must not take a name's broad reading and lift the line above the one the question asks.
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** The first hit of each query in a real SQLite store of `lines`, by query. */
async function firstHits(lines: readonly string[], queries: readonly string[]) {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const ids: string[] = [];
    for (const content of lines) {
      ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    const first = new Map<string, string | undefined>();
    for (const query of queries) {
      const hits = await fixture.memory.search(fixture.aria, {
        query,
        n_results: 3,
        min_importance: 0,
      });
      first.set(query, hits[0] && lines[ids.indexOf(hits[0].id)]);
    }
    return first;
  } finally {
    await fixture.close();
  }
}

const STORE = [
  "We binged it (Game of Thrones) all night with pizza",
  "We played Catan with the kids on Saturday, I won twice",
  "The football match ended in a draw",
  "Groceries done (Whole Foods) before noon",
  "Ate the whole cake by myself, no regrets",
  "My black coat needs dry cleaning",
  "Dad loves Rock and Roll music from the fifties",
  "The kids climbed on the big boulders at Stanage",
];

Deno.test("a title in brackets lends no name: 'what game did we play?' finds the board game (review43b 1, real SQLite)", async () => {
  const first = await firstHits(STORE, ["what game did we play?"]);
  assert.equal(first.get("what game did we play?"), STORE[1]);
});
