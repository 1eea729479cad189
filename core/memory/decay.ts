/**
 * Decay math (pure). A memory's importance is recomputed from its `base_importance` (as scored
 * or last set) and its age, so running the cycle twice never decays twice:
 *
 *     importance = max(base · (1 − f), min(base, floor))          rounded to 3 decimals
 *
 * with `a` the age in days since the importance was set (since the last access, for
 * `access_based`) and the decayed fraction `f`:
 *
 * | mode          | f                                                                  |
 * | ------------- | ------------------------------------------------------------------ |
 * | linear        | min(0.01·a, 0.8)                                                    |
 * | exponential   | min(1 − 0.5^(a/30), 0.8) (half-life 30 days)                        |
 * | logarithmic   | min(ln(1 + a) / ln(91), 0.8)                                        |
 * | access_based  | min(m·(1 − 0.7^(a/30)), 0.8); m = 2 never accessed, 0.5 if ≥ 3, else 1 |
 *
 * Exempt (left as they are): memories whose base importance is ≥ 0.8, and memories used in the
 * last 7 days.
 *
 * @module
 */
import { roundTo } from "../numbers.ts";
import type { MemoryRecord } from "./schema.ts";

/** The decay curves. */
export const DECAY_MODES = ["linear", "exponential", "logarithmic", "access_based"] as const;
/** One decay curve. */
export type DecayMode = typeof DECAY_MODES[number];

/** Base importance at or above which a memory never decays. */
export const EXEMPT_IMPORTANCE = 0.8;
/** Days since the last access during which a memory does not decay. */
export const RECENT_USE_DAYS = 7;
/** The most any curve takes away. */
export const MAX_FRACTION = 0.8;

const DAY_MS = 86_400_000;

/** Why a memory was left alone, if it was. */
export type Exemption = "important" | "recently_used";

/** The importance a memory should have now, or why it is exempt. */
export interface DecayOutcome {
  importance: number;
  exempt?: Exemption;
}

function days(fromIso: string, now: number): number {
  return Math.max(0, (now - Date.parse(fromIso)) / DAY_MS);
}

/** The fraction of importance `mode` takes away from `record` at `now` (0..0.8). */
export function decayFraction(mode: DecayMode, record: MemoryRecord, now: number): number {
  const age = days(record.importance_set_at, now);
  switch (mode) {
    case "linear":
      return Math.min(0.01 * age, MAX_FRACTION);
    case "exponential":
      return Math.min(1 - 0.5 ** (age / 30), MAX_FRACTION);
    case "logarithmic":
      return Math.min(Math.log(1 + age) / Math.log(91), MAX_FRACTION);
    case "access_based": {
      const since = record.last_accessed && record.last_accessed > record.importance_set_at
        ? record.last_accessed
        : record.importance_set_at;
      const multiplier = record.accessed_count === 0 ? 2 : record.accessed_count >= 3 ? 0.5 : 1;
      return Math.min(multiplier * (1 - 0.7 ** (days(since, now) / 30)), MAX_FRACTION);
    }
  }
}

/** Why `record` must not decay now, if it must not. */
export function exemption(record: MemoryRecord, now: number): Exemption | undefined {
  if (record.base_importance >= EXEMPT_IMPORTANCE) return "important";
  if (record.last_accessed && days(record.last_accessed, now) < RECENT_USE_DAYS) {
    return "recently_used";
  }
  return undefined;
}

/** Never below the floor, unless the memory started below it (then it stays where it started). */
function floored(value: number, start: number, floor: number): number {
  return roundTo(Math.max(value, Math.min(start, floor)), 3);
}

/** The importance `record` should have at `now` under `mode` with `floor`. */
export function decayedImportance(
  record: MemoryRecord,
  options: { mode: DecayMode; floor: number; now: number },
): DecayOutcome {
  const exempt = exemption(record, options.now);
  if (exempt) return { importance: record.importance, exempt };
  const base = record.base_importance;
  const fraction = decayFraction(options.mode, record, options.now);
  return { importance: floored(base * (1 - fraction), base, options.floor) };
}

/**
 * A one-off decay by `factor` (memory.decay_force with decay_factor): both the current and the
 * base importance lose that fraction, so the next scheduled cycle does not undo it.
 */
export function forcedDecay(
  record: MemoryRecord,
  options: { factor: number; floor: number; now: number },
): { importance: number; base_importance: number; exempt?: Exemption } {
  const exempt = exemption(record, options.now);
  if (exempt) {
    return { importance: record.importance, base_importance: record.base_importance, exempt };
  }
  const keep = 1 - options.factor;
  return {
    importance: floored(record.importance * keep, record.importance, options.floor),
    base_importance: floored(record.base_importance * keep, record.base_importance, options.floor),
  };
}
