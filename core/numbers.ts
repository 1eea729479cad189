/**
 * Small numeric helpers shared by the rules (relationships, emotions, memory, simulation).
 *
 * @module
 */

/** `value` limited to [low, high]. */
export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** `value` limited to [0, 1]. */
export function clamp01(value: number): number {
  return clamp(value, 0, 1);
}

/** `value` rounded to `digits` decimals. */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * Moves `value` by `delta` within [low, high], slowing down near the end it moves towards: the
 * step is scaled by the room left in that direction over half the range (at most 1), so values
 * approach the bounds without hitting them abruptly.
 */
export function saturatingMove(value: number, delta: number, low: number, high: number): number {
  const halfRange = (high - low) / 2;
  const room = delta >= 0 ? high - value : value - low;
  return clamp(value + delta * Math.min(1, room / halfRange), low, high);
}

/**
 * The most a stored count may hold (10^9): interaction counts, accesses, token counts. Counts
 * from files (bundles, cards) are refused above it and counters stop at it, so every count stays
 * far inside what both stores read back exactly (node:sqlite refuses an integer above 2^53 - 1,
 * PostgreSQL's int8 stops at 2^63 - 1) and their sums over 10,000 rows stay exact too.
 */
export const COUNT_MAX = 1_000_000_000;

/**
 * `value` as a count that may be stored: whole, in 0..{@linkcode COUNT_MAX} (a row written before
 * the bound, or edited by hand, is read back within it); NaN and anything not a number are 0.
 */
export function storedCount(value: unknown): number {
  if (typeof value === "bigint") {
    return value <= 0n ? 0 : value >= BigInt(COUNT_MAX) ? COUNT_MAX : Number(value);
  }
  if (typeof value !== "number" || Number.isNaN(value)) return 0;
  return Math.round(clamp(value, 0, COUNT_MAX));
}

/** `count + by`, saturating at {@linkcode COUNT_MAX} (and never below 0). */
export function addCount(count: number, by = 1): number {
  return storedCount(storedCount(count) + by);
}

/** `value` if it is a finite number in [low, high], else clamped there (NaN and non-numbers: `fallback`). */
export function finiteIn(value: unknown, low: number, high: number, fallback = low): number {
  if (typeof value !== "number" || Number.isNaN(value)) return fallback;
  return clamp(value, low, high);
}

/** The arithmetic mean of `values`; 0 for none. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** A 32-bit FNV-1a hash of `text` (unsigned), for deterministic seeds and feature buckets. */
export function fnv1a(text: string, seed = 2166136261): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}
