/**
 * What the SQLite backend forgets when another connection (another process on the same file)
 * has committed: the in-memory indexes it changed (`IndexCache.refresh`, by version rows) and
 * every kept candidate row (`row_cache.ts`).
 *
 * @module
 */
import type { IndexCache } from "./index_cache.ts";
import type { RowCache } from "./row_cache.ts";

/** Looks for other connections' commits for the backend's reads and searches. */
export class CommitsElsewhere {
  readonly #cache: IndexCache;
  readonly #rows: RowCache;
  /** Searches (`CandidateQuery.search`) that have looked for other connections' commits. */
  readonly #searches = new WeakSet<object>();

  /** Keeps `cache` and `rows` in step with other connections' commits. */
  constructor(cache: IndexCache, rows: RowCache) {
    this.#cache = cache;
    this.#rows = rows;
  }

  /**
   * Forgets what another connection's commits made stale: indexes it changed, every kept row.
   * With `weights` (a term-weights call of `search`), only where that search has looked
   * already: weights read the index alone, and a `PRAGMA data_version` costs ~10 µs. A
   * candidates call always looks, so that the index it scores with and the rows it reads agree:
   * had it gone on from the search's first look, a memory another connection deleted since, its
   * row number taken by a new one, would give the new row the old one's scores (review17 M2).
   */
  refresh(search?: object, weights = false): void {
    if (search !== undefined) {
      if (weights && this.#searches.has(search)) return;
      this.#searches.add(search);
    }
    if (this.#cache.refresh()) this.#rows.clear();
  }
}
