/**
 * Counts the lookups and comparisons code makes (`Array#includes`, `Set#has`, `Map#get`), for
 * tests that bound work by counting it rather than timing it. Test code only.
 *
 * @module
 */

/** The methods counted, each as its prototype and name. */
const COUNTED: ReadonlyArray<[Record<string, unknown>, string]> = [
  [Array.prototype as unknown as Record<string, unknown>, "includes"],
  [Set.prototype as unknown as Record<string, unknown>, "has"],
  [Map.prototype as unknown as Record<string, unknown>, "get"],
];

/**
 * How many lookups and comparisons (`includes`, `has`, `get`) `run` makes, awaited when it
 * returns a promise (nothing else may run meanwhile: every call in the process is counted).
 */
export async function comparisons(run: () => unknown): Promise<number> {
  const saved = COUNTED.map(([proto, name]) => proto[name]);
  let count = 0;
  COUNTED.forEach(([proto, name], i) => {
    const method = saved[i] as (this: unknown, ...args: unknown[]) => unknown;
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        count++;
        return method.apply(this, args);
      },
    });
  });
  try {
    await run();
  } finally {
    COUNTED.forEach(([proto, name], i) =>
      Object.defineProperty(proto, name, { configurable: true, writable: true, value: saved[i] })
    );
  }
  return count;
}
