/**
 * A ranking test's set-up in one call: `contents` stored in a fresh in-memory SQLite memory
 * service, one search, the stored ids and the ranked ids (for tests of one query's order).
 *
 * @module
 */
import { input, memoryFixture } from "./contract_fixture.ts";
import { SqliteBackend } from "../sqlite_backend.ts";
import type { SqliteDatabase } from "../../storage/mod.ts";

/** Stores `contents` in order, searches `query` (top 5, any importance); both lists of ids. */
export async function rankedAmong(
  contents: readonly string[],
  query: string,
): Promise<{ stored: string[]; ranked: string[] }> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const stored: string[] = [];
    for (const content of contents) {
      stored.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    const hits = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 5,
      min_importance: 0,
    });
    return { stored, ranked: hits.map((hit) => hit.id) };
  } finally {
    await fixture.close();
  }
}
