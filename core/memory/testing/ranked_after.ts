/**
 * An unlinked-update test's set-up in one call: a few unrelated memories, then the given ones a
 * minute apart (so each is newer than the one before), one search, and where each given memory
 * ranks. Test code only.
 *
 * @module
 */
import { input, type MemoryFixture, memoryFixture } from "./contract_fixture.ts";
import { SqliteBackend } from "../sqlite_backend.ts";
import type { SqliteDatabase } from "../../storage/mod.ts";

/** Memories about nothing the tests ask about, stored first. */
export const BACKGROUND: readonly string[] = [
  "Traffic on the ring road was terrible this morning.",
  "It rained all weekend at the campsite.",
  "The neighbours' dog barked half the night.",
  "The farmers' market sells good cheese on Saturdays.",
  "A new bakery opened near the station.",
];

/**
 * The background, then each of `told` a minute after the one before, ranked for `query` (top 5,
 * any importance): the indexes in `told` of the hits that are among them, best first.
 */
export async function rankedAfter(told: readonly string[], query: string): Promise<number[]> {
  const fixture: MemoryFixture = await memoryFixture((db) =>
    new SqliteBackend(db as SqliteDatabase)
  );
  try {
    for (const content of BACKGROUND) await fixture.memory.store(fixture.aria, input({ content }));
    const ids: string[] = [];
    for (const content of told) {
      fixture.clock.advance(60_000);
      ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    const hits = await fixture.memory.search(fixture.aria, {
      query,
      n_results: 5,
      min_importance: 0,
    });
    return hits.map((hit) => ids.indexOf(hit.id)).filter((at) => at >= 0);
  } finally {
    await fixture.close();
  }
}
