/**
 * Pruning math (pure). Above the threshold (default 900 memories) a persona is pruned down to
 * the target (default 800), lowest keep-score first:
 *
 *     keep = 0.6·importance + 0.3·min(accessed_count / 10, 1) + 0.1·freshness
 *
 * where freshness is 1 up to 7 days of age, 0.1 from 90 days, linear in between. Protected
 * memories are never pruned: reflections (a persona's conclusions), importance ≥ 0.7, accessed
 * ≥ 5 times, or younger than 30 days and never read. When too few memories are unprotected,
 * pruning stops above the target.
 *
 * Supersession (`chain_keep.ts`): a superseded memory counts half its keep-score, as search
 * halves its score (prompts never carry it); and a chain's current memory keeps at least the
 * keep-score and the protection of every memory it replaces, so it is never pruned before an
 * older version of the fact, which would then be current again. On equal keep-scores superseded
 * memories go first. A pruned middle link is re-linked over (`prune_delete.ts`).
 *
 * @module
 */
import { chainKeep } from "./chain_keep.ts";
import type { MemoryRecord } from "./schema.ts";

/** Importance at or above which a memory is protected. */
export const PROTECTED_IMPORTANCE = 0.7;
/** Accesses at or above which a memory is protected. */
export const PROTECTED_ACCESSES = 5;
/** Age in days under which an unread memory is protected. */
export const YOUNG_DAYS = 30;

const DAY_MS = 86_400_000;

function ageDays(record: MemoryRecord, now: number): number {
  return Math.max(0, (now - Date.parse(record.created_at)) / DAY_MS);
}

/** 1 up to 7 days, 0.1 from 90 days, linear in between. */
export function freshness(days: number): number {
  if (days <= 7) return 1;
  if (days >= 90) return 0.1;
  return 1 - ((days - 7) / 83) * 0.9;
}

/** How much `record` deserves to stay (0..1); the lowest go first. */
export function keepScore(record: MemoryRecord, now: number): number {
  return 0.6 * record.importance + 0.3 * Math.min(record.accessed_count / 10, 1) +
    0.1 * freshness(ageDays(record, now));
}

/** Memory types pruning never deletes: a persona's reflections. */
export const PROTECTED_TYPES: readonly string[] = ["reflection"];

/**
 * Whether pruning must leave `record` alone: a reflection, important, often used, or young and
 * unread.
 */
export function isProtected(record: MemoryRecord, now: number): boolean {
  return PROTECTED_TYPES.includes(record.memory_type) ||
    record.importance >= PROTECTED_IMPORTANCE ||
    record.accessed_count >= PROTECTED_ACCESSES ||
    (record.accessed_count === 0 && ageDays(record, now) < YOUNG_DAYS);
}

/** Limits of one pruning run. */
export interface PruneLimits {
  threshold: number;
  target: number;
  /** Prune down to the target even when the count is not above the threshold. */
  force?: boolean;
}

/** What a pruning run would do. */
export interface PrunePlan {
  needed: boolean;
  count: number;
  protectedCount: number;
  /** Lowest keep-score first. */
  victims: MemoryRecord[];
}

/** Plans pruning of one persona's `records` at `now`. */
export function planPrune(
  records: readonly MemoryRecord[],
  limits: PruneLimits,
  now: number,
): PrunePlan {
  const count = records.length;
  const needed = count > limits.threshold || (limits.force === true && count > limits.target);
  const chained = chainKeep(records, {
    keep: (record) => keepScore(record, now),
    protect: (record) => isProtected(record, now),
  });
  const candidates = chained.filter((item) => !item.protect);
  const protectedCount = count - candidates.length;
  if (!needed) return { needed, count, protectedCount, victims: [] };
  // On equal keep-scores superseded memories go first, then the oldest.
  const superseded = (item: { superseded: boolean }) => item.superseded ? 0 : 1;
  const victims = candidates
    .sort((a, b) =>
      a.keep - b.keep || superseded(a) - superseded(b) ||
      a.record.created_at.localeCompare(b.record.created_at)
    )
    .slice(0, count - limits.target)
    .map((item) => item.record);
  return { needed, count, protectedCount, victims };
}
