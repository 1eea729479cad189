/**
 * Regex keys on RE2 (`re2js`), bounded. RE2 matches in time linear in the text, but the factor is
 * the size of the compiled program: a counted repetition copies its body once per count
 * (`[^z]{1,1000}` is 2,000 instructions written in 11 characters), and every copy can be a live
 * thread at each character. Such a key cost about 0.2-0.6 s per 150 KB scanned on first use and
 * held megabytes of DFA states; compiling `{1,1000}` alone took 15-40 ms. So a key with a count
 * over 100 is refused before it is compiled, a key whose program still outgrows its own text
 * (nested counts) after (either matches nothing, as an invalid pattern does under the V3 spec),
 * and each key's DFA state cache is capped.
 *
 * @module
 */
import { RE2JS } from "re2js";

/** Bounds of one compiled regex key. */
export const REGEX_KEY_LIMITS = {
  /** Largest count in a `{n}`, `{n,}` or `{n,m}` repetition (RE2's own limit is 1,000). */
  count: 100,
  /**
   * Instructions allowed per character of the pattern, plus `slack`: a pattern without counted
   * repetitions compiles to about one instruction per character (at most two), so only
   * repetitions (or nested ones) go past it; a short key with a few gaps such as `.{0,100}`
   * (about 210 instructions each: "kiss .{0,100} you .{0,100} now") still fits.
   */
  perChar: 2,
  slack: 1000,
  /** Instructions in all, whatever the pattern's length. */
  program: 2500,
  /**
   * Characters × instructions one key may scan: a key scans only the newest
   * `scanWork / instructions` characters, rounded down to a power of two (a 20-instruction key
   * 131,072; one of 200, 16,384). RE2
   * falls back from its DFA to a thread per instruction when the states overflow
   * (`a(?:a|b){70}c` over random a/b text), about 20 ns per thread and character: 3.2 MB took
   * 4.4-6.4 s for one key of 66-96 instructions.
   */
  scanWork: 5_000_000,
  /** Bytes of DFA states one key may keep (re2js's default is 8 MiB); past it RE2 starts over. */
  dfaBytes: 1 << 20,
} as const;

/** Estimated heap bytes per compiled instruction (measured: 180-360 with re2js 2.10). */
const BYTES_PER_INSTRUCTION = 256;
/** Measured heap per DFA byte re2js counts (its own accounting is about half the real size). */
const DFA_HEAP_FACTOR = 2;

/** A compiled regex key, or why it was refused. */
export type RegexKey =
  | {
    ok: true;
    test: (text: string) => boolean;
    bytes: () => number;
    /** Characters of the scan this key reads (the newest). */
    scanChars: number;
  }
  | { ok: false; reason: string };

/** Minimal view of re2js's lazy DFA (declared public in its typings) to cap and measure it. */
interface DfaBudget {
  stateBudget: number;
  memBudget: number;
}

/** A counted repetition: `{n}`, `{n,}` or `{n,m}`, not after a backslash. */
const COUNTED = /(?<!\\)(?:\\\\)*\{(\d+)(?:,(\d*))?\}/g;

/**
 * Why `pattern` is refused before compiling: a count over `REGEX_KEY_LIMITS.count`, or null.
 * Braces inside a character class are read as counts too (a refused key, never a slower one).
 */
export function countRefusal(pattern: string): string | null {
  for (const [text, low, high] of pattern.matchAll(COUNTED)) {
    const largest = Math.max(Number(low), high ? Number(high) : 0);
    if (largest > REGEX_KEY_LIMITS.count) {
      return `counted repetition ${text.replace(/^\\+/, "")} over ${REGEX_KEY_LIMITS.count}`;
    }
  }
  return null;
}

/** Why `pattern` is refused given its program size, or null when it may run. */
export function programRefusal(pattern: string, size: number): string | null {
  const { perChar, slack, program } = REGEX_KEY_LIMITS;
  if (size > program) return `compiles to ${size} instructions, more than ${program}`;
  if (size > perChar * pattern.length + slack) {
    return `compiles to ${size} instructions from ${pattern.length} characters ` +
      `(counted repetitions such as {1,1000} copy their body)`;
  }
  return null;
}

/**
 * Characters a key of `size` instructions scans: `scanWork / size` rounded down to a power of two
 * (so the scans of one activation share a handful of cut texts).
 */
export function scanChars(size: number): number {
  return 2 ** Math.floor(Math.log2(REGEX_KEY_LIMITS.scanWork / Math.max(1, size)));
}

/** Compiles `pattern` with RE2 `flags`, or says why it will match nothing. */
export function compileRegexKey(pattern: string, flags: number): RegexKey {
  const counted = countRefusal(pattern);
  if (counted) return { ok: false, reason: counted };
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern, flags);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : "invalid pattern" };
  }
  const size = compiled.programSize();
  const refusal = programRefusal(pattern, size);
  if (refusal) return { ok: false, reason: refusal };
  const re2 = compiled.re2() as unknown as { lazyDFA: DfaBudget | null; dfa: DfaBudget };
  const dfa = re2.dfa;
  dfa.stateBudget = Math.min(dfa.stateBudget, REGEX_KEY_LIMITS.dfaBytes);
  dfa.memBudget = Math.min(dfa.memBudget, REGEX_KEY_LIMITS.dfaBytes);
  const fixed = 1024 + 2 * pattern.length + BYTES_PER_INSTRUCTION * size;
  return {
    ok: true,
    // `test` runs on RE2's DFA (no capture groups needed): linear and fast.
    test: (text) => compiled.test(text),
    bytes: () => fixed + DFA_HEAP_FACTOR * Math.max(0, dfa.stateBudget - dfa.memBudget),
    scanChars: scanChars(size),
  };
}
