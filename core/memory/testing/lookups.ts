/**
 * Counts the lookups and comparisons code makes (`Array#includes`, `Set#has`, `Map#get`,
 * `String#startsWith`), for tests that bound work by counting it rather than timing it. Test
 * code only.
 *
 * @module
 */

/** The methods counted, each as its prototype and name. */
const COUNTED: ReadonlyArray<[Record<string, unknown>, string]> = [
  [Array.prototype as unknown as Record<string, unknown>, "includes"],
  [Set.prototype as unknown as Record<string, unknown>, "has"],
  [Map.prototype as unknown as Record<string, unknown>, "get"],
  [String.prototype as unknown as Record<string, unknown>, "startsWith"],
];

/**
 * The builtins as they were when this module loaded: what a call restores, never whatever it
 * found on entry (which, were calls to overlap, could be another call's counting wrapper).
 */
const ORIGINALS: readonly unknown[] = COUNTED.map(([proto, name]) => proto[name]);

/** Whether a call is counting now: calls may not overlap, as each counts every call made. */
let counting = false;

/**
 * How many lookups and comparisons (`includes`, `has`, `get`, `startsWith`) `run` makes, awaited
 * when it returns a promise (nothing else may run meanwhile: every call in the process is
 * counted, so a call made while another is still counting is refused); with `scans`, an
 * array's `includes` counts as many as the array's elements.
 */
export async function comparisons(
  run: () => unknown,
  options: { scans?: boolean } = {},
): Promise<number> {
  if (counting) throw new Error("comparisons does not nest or overlap: one call counts at a time");
  counting = true;
  let count = 0;
  COUNTED.forEach(([proto, name], i) => {
    const method = ORIGINALS[i] as (this: unknown, ...args: unknown[]) => unknown;
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        // A search of an array reads up to all its elements: counted so with `scans`.
        count += options.scans && Array.isArray(this) ? Math.max(1, this.length) : 1;
        return method.apply(this, args);
      },
    });
  });
  try {
    await run();
  } finally {
    COUNTED.forEach(([proto, name], i) =>
      Object.defineProperty(proto, name, {
        configurable: true,
        writable: true,
        value: ORIGINALS[i],
      })
    );
    counting = false;
  }
  return count;
}
