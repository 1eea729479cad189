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
 * @module
 */
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
  const candidates = records.filter((record) => !isProtected(record, now));
  const protectedCount = count - candidates.length;
  if (!needed) return { needed, count, protectedCount, victims: [] };
  const victims = candidates
    .map((record) => ({ record, keep: keepScore(record, now) }))
    .sort((a, b) => a.keep - b.keep || a.record.created_at.localeCompare(b.record.created_at))
    .slice(0, count - limits.target)
    .map((item) => item.record);
  return { needed, count, protectedCount, victims };
}
