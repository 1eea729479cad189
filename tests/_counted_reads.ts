/**
 * An array behind a proxy that counts the reads of its items: shows how far a walk went (a bound
 * on work, with no timing).
 *
 * @module
 */

/** `items` behind a proxy counting reads of its items, and the count so far. */
export function countedArray(items: unknown[]): { array: unknown[]; reads: () => number } {
  let reads = 0;
  const array = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { array, reads: () => reads };
}
