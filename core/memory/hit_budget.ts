/**
 * A search's reply budget (`memory.search`, `memory.search_cross_persona`): the hits are cut,
 * best kept, to those whose JSON fits the bytes the reply may take, as `memory.list` cuts its
 * pages (`core/paging.ts`), so that a search with valid params is never refused as too large
 * (-32005) after it ran. The cut is made before any access is counted: a hit not sent is not
 * an access.
 *
 * @module
 */
import { countWithin } from "../paging.ts";

/** The bytes a search's hits may take, and what it tells of a cut. */
export interface HitBudget {
  /** The bytes the hits' JSON may take (`pageBudget`: MAX_REPLY_BYTES less the envelope). */
  bytes: number;
  /** Told how many hits were left out when some were (never called otherwise). */
  onCut?: (dropped: number) => void;
}

/**
 * How many of `hits` (best first) are sent: all of them without a `budget`, else as many as fit
 * its bytes, one at least (a single larger hit comes alone, as a list page's item does).
 */
export function budgetedHits(hits: readonly unknown[], budget: HitBudget | undefined): number {
  if (budget === undefined) return hits.length;
  const kept = countWithin(hits, hits.length, budget.bytes);
  if (kept < hits.length) budget.onCut?.(hits.length - kept);
  return kept;
}

/** How a search is run for a client: cancellable, and within its reply's budget. */
export interface SearchOptions {
  signal?: AbortSignal;
  budget?: HitBudget;
}
