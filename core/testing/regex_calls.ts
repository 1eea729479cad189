/**
 * A test probe of regex work: how much text a piece of code hands to regular expressions, to pin
 * an algorithmic bound (linear, not quadratic) without timing anything.
 *
 * @module
 */

/** One call of `RegExp.prototype.exec` (through `test`, `match`, `replace` and the rest too). */
export interface RegexCall {
  /** The regex called. */
  regex: RegExp;
  /** The text it was handed. */
  input: string;
  /** Its `lastIndex` before the call (where a sticky or global regex reads on from). */
  from: number;
  /** Whether it matched. */
  found: boolean;
}

/** Runs `run` with every regex call reported to `seen`, then puts `exec` back. */
export function watchRegexCalls(run: () => void, seen: (call: RegexCall) => void): void {
  const exec = RegExp.prototype.exec;
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    const from = this.lastIndex;
    const found = exec.call(this, input);
    seen({ regex: this, input: String(input), from, found: found !== null });
    return found;
  };
  try {
    run();
  } finally {
    RegExp.prototype.exec = exec;
  }
}

/** The `String.prototype` methods {@linkcode watchStringCopies} watches: each copies or reads. */
const COPIES = ["slice", "substring", "trim", "trimStart", "trimEnd"] as const;

/**
 * Runs `run` with the length of each string that `slice`, `substring`, `trim`, `trimStart` or
 * `trimEnd` returns reported to `seen`, then puts them back: a loop that takes (or trims) all the
 * text before each word is quadratic with no regex in it.
 */
export function watchStringCopies(run: () => void, seen: (length: number) => void): void {
  const saved = COPIES.map((name) => String.prototype[name]);
  COPIES.forEach((name, i) => {
    const method = saved[i] as (this: string, ...args: unknown[]) => string;
    Object.defineProperty(String.prototype, name, {
      configurable: true,
      writable: true,
      value: function (this: string, ...args: unknown[]) {
        const copy = method.apply(this, args);
        seen(copy.length);
        return copy;
      },
    });
  });
  try {
    run();
  } finally {
    COPIES.forEach((name, i) => {
      Object.defineProperty(String.prototype, name, {
        configurable: true,
        writable: true,
        value: saved[i],
      });
    });
  }
}

/**
 * Runs `run` and returns how many times it called `String.prototype.indexOf`, then puts it back:
 * a scan that searches once per comma of a long text makes a call per comma.
 */
export function countIndexOfCalls(run: () => void): number {
  const indexOf = String.prototype.indexOf;
  let calls = 0;
  Object.defineProperty(String.prototype, "indexOf", {
    configurable: true,
    writable: true,
    value: function (this: string, search: string, position?: number) {
      calls++;
      return indexOf.call(this, search, position);
    },
  });
  try {
    run();
  } finally {
    Object.defineProperty(String.prototype, "indexOf", {
      configurable: true,
      writable: true,
      value: indexOf,
    });
  }
  return calls;
}
