/**
 * Coverage's moves (`coverage.ts`): an aspect of a query that the first hits leave unanswered
 * gets its best answer moved up right after the first hit. Shared by the query's own parts
 * (`coverage.ts`) and a class word's members (`class_members.ts`), each with its own reading of
 * how much of an aspect a hit answers.
 *
 * @module
 */
import type { MemoryRecord } from "./schema.ts";
import { nudge } from "./ranking.ts";

/**
 * The power of the share of an aspect a memory answers in its worth as the aspect's answer
 * (`score · share^k`): high, so that completeness decides and the score breaks near-ties.
 */
export const ASPECT_COMPLETENESS = 4;
/** The least share of an aspect a memory's words match for it to be the aspect's answer at all. */
export const ASPECT_LEAST = 0.3;
/**
 * The least share of its relevance (times importance's and recency's nudge) a memory's score
 * keeps for it to answer an aspect: the ranking's other factors (voice, names, a relative, a
 * replacement) took no more than this off.
 */
export const ASPECT_OWN = 0.85;
/** An aspect counts as answered when one of the first (aspects + this many) hits answers it best. */
export const ASPECT_SHOWN_EXTRA = 1;
/** A memory that answers an unanswered aspect moves up only from this share of the best score. */
export const ASPECT_FLOOR = 0.25;

/** What aspect coverage reads of a ranked candidate. */
export interface Covered {
  record: MemoryRecord;
  score: number;
  /** The id of a memory this one must rank below (an unlinked update's replacement). */
  below?: string;
  /** Its relevance and recency (`rank.ts`): with them, what ranking's other factors took off. */
  relevance?: number;
  recency?: number;
}

/** A query's aspects that are no words of it: a class word's members ("siblings": a brother, a sister). */
export interface MemberAspects {
  /** How many. */
  count: number;
  /** For the candidates of a search, whether the one at an index holds each aspect (remembered). */
  heldBy(ranked: readonly Covered[]): (at: number) => readonly boolean[];
}

/**
 * The best `limit` of `ranked`, each of `count` aspects that the first hits leave unanswered given
 * its best answer right after the first hit (`coverage.ts`, step 3): `share(at, a)` is how much of
 * aspect `a` the hit at `at` answers, `counts(at, a)` whether, placed above, it answers it.
 */
export function answersMovedUp<T extends Covered>(
  ranked: readonly T[],
  query: {
    count: number;
    share: (at: number, aspect: number) => number;
    counts: (at: number, aspect: number) => boolean;
    limit: number;
    own?: boolean;
  },
): T[] {
  const { count, limit } = query;
  const shown = Math.min(ranked.length, count + ASPECT_SHOWN_EXTRA);
  const floor = ASPECT_FLOOR * ranked[0]!.score;
  const ids = new Set(ranked.map((item) => item.record.id));
  const moved = [0];
  for (let a = 0; a < count; a++) {
    const share = (at: number) => query.share(at, a);
    const counts = (at: number) => query.counts(at, a);
    const best = unshownAnswer(ranked, { share, counts, shown, moved, floor, ids, own: query.own });
    if (best >= 0) moved.push(best);
  }
  if (moved.length === 1) return ranked.slice(0, limit);
  const rest = ranked.filter((_, at) => !moved.includes(at));
  return [...moved.map((at) => ranked[at]!), ...rest].slice(0, limit);
}

/**
 * The index of an aspect's best answer in `ranked` (`coverage.ts`, steps 2-3) when neither the first
 * `shown` hits nor those `moved` answer the aspect as well; else -1. `share` is how much of the
 * aspect the hit at an index answers.
 */
function unshownAnswer(
  ranked: readonly Covered[],
  aspect: {
    share: (at: number) => number;
    counts: (at: number) => boolean;
    shown: number;
    moved: readonly number[];
    floor: number;
    ids: ReadonlySet<string>;
    own?: boolean;
  },
): number {
  const { share, counts, shown, moved, floor, ids, own } = aspect;
  // An answer's worth to the aspect: its completeness first, its score among equals.
  const worth = (at: number) => ranked[at]!.score * share(at) ** ASPECT_COMPLETENESS;
  // What the hits placed above (the first ones, and those moved: the first hit is one) give it,
  // each only when this is one of the aspects it mainly answers.
  let above = 0;
  for (let at = 0; at < shown && ranked[at]!.score > above; at++) {
    if (answersFor(ranked[at]!, own) && counts(at)) above = Math.max(above, worth(at));
  }
  for (const at of moved.slice(1)) if (counts(at)) above = Math.max(above, worth(at));
  let best = -1;
  let bestWorth = above;
  // Best first, and a worth is at most its score: past the best worth no later hit can win.
  for (let at = shown; at < ranked.length; at++) {
    const item = ranked[at]!;
    if (item.score < floor || item.score <= bestWorth) break;
    if (moved.includes(at) || share(at) < ASPECT_LEAST) continue;
    if (!answersFor(item, own) || mustStayBelow(item, ids)) continue;
    if (worth(at) > bestWorth) [best, bestWorth] = [at, worth(at)];
  }
  return best;
}

/**
 * Whether ranking's factors beyond relevance and the nudge (`ranking.ts`) left `item` at least
 * {@linkcode ASPECT_OWN} of its score (an item without its relevance: yes).
 */
function standsForItself(item: Covered): boolean {
  if (item.relevance === undefined || item.recency === undefined) return true;
  const base = item.relevance * nudge(item.record.importance, item.recency);
  return base <= 0 || item.score >= ASPECT_OWN * base;
}

/**
 * Whether `item` may answer an aspect: it stands for itself ({@linkcode standsForItself}), or, for
 * aspects that read whose a memory is themselves (`own: false`, a class's members), is not replaced.
 */
function answersFor(item: Covered, own: boolean | undefined): boolean {
  return own === false ? item.record.superseded_by === null : standsForItself(item);
}

/** Whether `item` must stay below a memory of the list that replaces it. */
function mustStayBelow(item: Covered, ids: ReadonlySet<string>): boolean {
  const newer = item.record.superseded_by;
  return (newer !== null && ids.has(newer)) || (item.below !== undefined && ids.has(item.below));
}
