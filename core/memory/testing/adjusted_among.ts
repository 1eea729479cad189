/**
 * A ranking factor's test in one call: `contents` stored in a fresh in-memory SQLite memory
 * service, each query searched with `explain`, and each content's `adjustment` (the product of
 * ranking's factors beyond relevance and the nudge) for each query.
 *
 * @module
 */
import { input, memoryFixture } from "./contract_fixture.ts";
import { SqliteBackend } from "../sqlite_backend.ts";
import type { SqliteDatabase } from "../../storage/mod.ts";

/**
 * Stores `contents` in order and searches each of `queries` (top 10, any importance): per query,
 * the adjustment of each content's hit, in the order of `contents` (undefined: not a hit).
 */
export async function adjustedAmong(
  contents: readonly string[],
  queries: readonly string[],
): Promise<(number | undefined)[][]> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const stored: string[] = [];
    for (const content of contents) {
      stored.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    const adjusted: (number | undefined)[][] = [];
    for (const query of queries) {
      const hits = await fixture.memory.search(fixture.aria, {
        query,
        n_results: 10,
        min_importance: 0,
        explain: true,
      });
      adjusted.push(
        stored.map((id) => hits.find((hit) => hit.id === id)?.score_parts?.adjustment),
      );
    }
    return adjusted;
  } finally {
    await fixture.close();
  }
}
