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
