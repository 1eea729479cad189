/**
 * Does a lorebook key occur in the text scanned? Plain keys are substrings (optionally whole
 * words, optionally case-sensitive); regex keys (`use_regex`, or written `/pattern/flags` as
 * SillyTavern does) run on RE2 (`re2js`), whose matching time is linear in the text: a key from
 * a downloaded card cannot hang the server with catastrophic backtracking. An invalid pattern
 * (including what RE2 does not support: lookaround, backreferences) matches nothing, as the V3
 * spec requires.
 *
 * @module
 */
import { RE2JS } from "re2js";
import { escapeRegExp } from "../dialogue/utterance.ts";

/** How one key is matched. */
export interface KeyMatchOptions {
  caseSensitive: boolean;
  wholeWords: boolean;
  /** The key is a regular expression even when not written `/.../`. */
  regex: boolean;
}

/** Text to scan, with its lower-case form computed once for every case-insensitive key. */
export class ScanText {
  /** The text as written. */
  readonly text: string;
  #lower: string | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** The text in lower case. */
  get lower(): string {
    this.#lower ??= this.text.toLowerCase();
    return this.#lower;
  }
}

/** A compiled key: a test over the scanned text. */
type Matcher = (scan: ScanText) => boolean;

/** Compiled keys kept (regex and whole-word keys; plain keys need no compiling). */
const CACHE_LIMIT = 20_000;
const cache = new Map<string, Matcher>();

const LITERAL = /^\/([\s\S]+)\/([a-z]*)$/;

function re2Matcher(pattern: string, flags: number): Matcher {
  try {
    const compiled = RE2JS.compile(pattern, flags);
    // `test` runs on RE2's DFA (no capture groups needed): linear and fast.
    return (scan) => compiled.test(scan.text);
  } catch {
    return () => false;
  }
}

function literalFlags(letters: string, caseSensitive: boolean | null): number {
  let flags = 0;
  if (letters.includes("i") || caseSensitive === false) flags |= RE2JS.CASE_INSENSITIVE;
  if (letters.includes("s")) flags |= RE2JS.DOTALL;
  if (letters.includes("m")) flags |= RE2JS.MULTILINE;
  return flags;
}

function compile(key: string, options: KeyMatchOptions): Matcher {
  const literal = LITERAL.exec(key);
  if (literal) {
    // A `/pattern/flags` key brings its own flags, as in SillyTavern.
    return re2Matcher(literal[1] ?? "", literalFlags(literal[2] ?? "", null));
  }
  if (options.regex) {
    return re2Matcher(key, options.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  }
  const flags = options.caseSensitive ? "u" : "iu";
  if (options.wholeWords) {
    // Word edges are letters, digits and underscores of any script (not just ASCII's \b).
    const bounded = new RegExp(
      `(?<![\\p{L}\\p{N}_])${escapeRegExp(key)}(?![\\p{L}\\p{N}_])`,
      flags,
    );
    return (scan) => bounded.test(scan.text);
  }
  if (options.caseSensitive) return (scan) => scan.text.includes(key);
  const lower = key.toLowerCase();
  return (scan) => scan.lower.includes(lower);
}

/** True when `key` occurs in `scan` under `options`; an empty key never matches. */
export function keyMatches(scan: ScanText, key: string, options: KeyMatchOptions): boolean {
  const trimmed = key.trim();
  if (trimmed === "") return false;
  // Plain substring keys (the common case) are compared directly, with no compiled matcher.
  if (!options.regex && !options.wholeWords && !trimmed.startsWith("/")) {
    return options.caseSensitive
      ? scan.text.includes(trimmed)
      : scan.lower.includes(trimmed.toLowerCase());
  }
  const id = `${options.caseSensitive ? 1 : 0}${options.wholeWords ? 1 : 0}${
    options.regex ? 1 : 0
  }${trimmed}`;
  let matcher = cache.get(id);
  if (!matcher) {
    matcher = compile(trimmed, options);
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(id, matcher);
  }
  return matcher(scan);
}

/** The first of `keys` that occurs in `scan`, or undefined. */
export function firstMatch(
  scan: ScanText,
  keys: readonly string[],
  options: KeyMatchOptions,
): string | undefined {
  return keys.find((key) => keyMatches(scan, key, options));
}
