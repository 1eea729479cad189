/**
 * How a chain of linked candidates (a replaced by b replaced by c) hands relevance on to its
 * newest link (`heir.ts`), for ranking (`rank.ts`) and for whatever else ranks linked items.
 *
 * @module
 */
import { type HeirItem, inherit } from "./heir.ts";

/**
 * A chain (a replaced by b replaced by c) hands the relevance on to its newest link: each link
 * once, a memory only after every candidate it replaces (those in id order), so the result is
 * the same whatever order the backend gave the candidates in; a cycle (an old database's, the
 * writer refuses new ones) hands nothing on. `items`: the map's values in its order.
 */
export function handOnThroughLinks<T extends LinkedItem<T>>(
  byId: ReadonlyMap<string, T>,
  items: readonly T[] = [...byId.values()],
): void {
  const replacing = new Map<T, T[]>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const next = nextLink(item, byId);
    if (next === undefined) continue;
    const older = replacing.get(next);
    if (older) older.push(item);
    else replacing.set(next, [item]);
  }
  if (replacing.size === 0) return;
  const waiting = new Map<T, number>();
  for (const [item, older] of replacing) waiting.set(item, older.length);
  const ready = items.filter((item) => !waiting.has(item) && nextLink(item, byId) !== undefined);
  while (ready.length > 0) {
    const next = nextLink(ready.pop()!, byId);
    if (next === undefined) continue;
    const left = waiting.get(next)! - 1;
    waiting.set(next, left);
    if (left > 0) continue;
    const older = replacing.get(next)!.sort((a, b) => a.record.id < b.record.id ? -1 : 1);
    for (const item of older) {
      if (!item.kept) continue;
      inherit(next, item);
      next.kept = true;
    }
    ready.push(next);
  }
}

/** What {@linkcode handOnThroughLinks} reads and marks of a candidate. */
export interface LinkedItem<T> extends HeirItem<T> {
  record: { id: string };
  /**
   * The id of the memory that replaces it: its `superseded_by`, or the head of its chain when the
   * links between were left out (`Candidate.linkTo`).
   */
  next: string | null;
  kept: boolean;
}

/** The candidate that replaces `item` through its link, if it is one (not itself). */
function nextLink<T extends LinkedItem<T>>(item: T, byId: ReadonlyMap<string, T>): T | undefined {
  const next = item.next === null ? undefined : byId.get(item.next);
  return next === item ? undefined : next;
}
