/**
 * Search tests of unlinked updates (`unlinked_updates.ts`): a fact and what was told after it,
 * stored a minute apart behind a few unrelated memories on real SQLite, and the ids a query
 * ranks first. Test code only.
 *
 * @module
 */
import { input, type MemoryFixture, memoryFixture } from "./contract_fixture.ts";
import { SqliteBackend } from "../sqlite_backend.ts";
import type { SqliteDatabase } from "../../storage/mod.ts";
import type { SearchHit } from "../search_hits.ts";

/** Stores `background`, then each of `told` a minute after the one before; their ids. */
export async function told(
  fixture: MemoryFixture,
  memories: { background: readonly string[]; told: readonly string[] },
): Promise<string[]> {
  for (const content of memories.background) {
    await fixture.memory.store(fixture.aria, input({ content }));
  }
  const ids: string[] = [];
  for (const content of memories.told) {
    fixture.clock.advance(60_000);
    ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
  }
  return ids;
}

/**
 * The top hits (5 unless `n_results` says) of a search for `query` among every memory (any
 * importance); `explain` asks for each hit's score parts.
 */
export function topHits(
  fixture: MemoryFixture,
  query: string,
  options: { n_results?: number; explain?: boolean } = {},
): Promise<SearchHit[]> {
  return fixture.memory.search(fixture.aria, {
    query,
    n_results: options.n_results ?? 5,
    min_importance: 0,
    ...(options.explain ? { explain: true } : {}),
  });
}

/** The ids of the top 5 of a search for `query` among every memory. */
export async function ranked(fixture: MemoryFixture, query: string): Promise<string[]> {
  return (await topHits(fixture, query)).map((hit) => hit.id);
}

/** Memories about nothing the tests ask of: the rest of a store. */
export const BACKGROUND = [
  "Traffic on the ring road was terrible this morning.",
  "It rained all weekend at the campsite.",
  "The neighbours' dog barked half the night.",
  "I finished a long novel about a lighthouse keeper.",
  "The farmers' market sells good cheese on Saturdays.",
];

/** The options of a memory fixture (`memoryFixture`'s second argument). */
type FixtureOptions = Parameters<typeof memoryFixture>[1];

/** Runs `run` on a memory fixture over a real SQLite backend (with `options`), closed after. */
export async function withSqlite(
  run: (fixture: MemoryFixture) => Promise<void>,
  options: FixtureOptions = {},
): Promise<void> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), options);
  try {
    await run(fixture);
  } finally {
    await fixture.close();
  }
}

/**
 * The contents of the top `n_results` hits (3 unless it says) of `query` in a fresh real-SQLite
 * store of `lines`, stored at one time; `embedder` as the fixture takes it.
 */
export async function topContents(
  lines: readonly string[],
  query: string,
  options: { n_results?: number; embedder?: NonNullable<FixtureOptions>["embedder"] } = {},
): Promise<string[]> {
  let contents: string[] = [];
  await withSqlite(async (fixture) => {
    for (const content of lines) await fixture.memory.store(fixture.aria, input({ content }));
    const hits = await topHits(fixture, query, { n_results: options.n_results ?? 3 });
    contents = hits.map((hit) => hit.content);
  }, { embedder: options.embedder });
  return contents;
}

/** One case of an unlinked-update search test: a fact, a newer memory, and a question on them. */
export interface FactThenNewer {
  readonly fact: string;
  readonly newer: string;
  readonly query: string;
}

/**
 * On a fresh real-SQLite fixture, {@linkcode BACKGROUND}, then the case's fact and a minute later
 * its newer memory, and a search for its query: the two ids and the ids of the top 5, best first.
 */
export async function rankedFactThenNewer(
  memories: FactThenNewer,
): Promise<{ fact: string; newer: string; top: string[] }> {
  let result: { fact: string; newer: string; top: string[] } | undefined;
  await withSqlite(async (fixture) => {
    const [fact, newer] = await told(fixture, {
      background: BACKGROUND,
      told: [memories.fact, memories.newer],
    });
    result = { fact: fact!, newer: newer!, top: await ranked(fixture, memories.query) };
  });
  return result!;
}
