/**
 * Deep freezing, for values many callers share (kept replies, converted schemas): no caller can
 * change what the next one gets.
 *
 * @module
 */

/** Freezes `value` and every object and array it reaches; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
