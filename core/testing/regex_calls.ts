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
