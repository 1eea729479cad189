/**
 * Does a lorebook key occur in the text scanned? Plain keys are substrings (optionally whole
 * words, optionally case-sensitive); regex keys (`use_regex`, or written `/pattern/flags` as
 * SillyTavern does) run on RE2 (`re2js`), whose matching time is linear in the text: a key from
 * a downloaded card cannot hang the server with catastrophic backtracking. An invalid pattern
 * (including what RE2 does not support: lookaround, backreferences) matches nothing, as the V3
 * spec requires, and so does a key whose compiled program is too large (regex_key.ts).
 *
 * Compiled keys are cached, bounded by count and by estimated bytes (`KEY_CACHE_LIMITS`).
 *
 * @module
 */
import { RE2JS } from "re2js";
import { escapeRegExp } from "../dialogue/utterance.ts";
import { compileRegexKey, scanChars } from "./regex_key.ts";
import { SizedCache } from "./sized_cache.ts";

/** How one key is matched. */
export interface KeyMatchOptions {
  caseSensitive: boolean;
  wholeWords: boolean;
  /** The key is a regular expression even when not written `/.../`. */
  regex: boolean;
}

/**
 * Text to scan: the chat (newest message first) and, on recursion steps, the content fired so
 * far after it; its lower-case form is computed once for every case-insensitive key.
 */
export class ScanText {
  /** The text as written. */
  readonly text: string;
  /** Where the recursion buffer starts in `text` (its length when there is none). */
  readonly #recursionAt: number;
  #lower: string | undefined;
  readonly #heads = new Map<number, string>();

  constructor(text: string, recursionAt = text.length) {
    this.text = text;
    this.#recursionAt = recursionAt;
  }

  /** The text in lower case. */
  get lower(): string {
    this.#lower ??= this.text.toLowerCase();
    return this.#lower;
  }

  /**
   * At most `chars` characters: the newest of the chat, then the recursion buffer (given at
   * least half, so recursion still works when the chat alone would fill them).
   */
  head(chars: number): string {
    if (this.text.length <= chars) return this.text;
    let head = this.#heads.get(chars);
    if (head === undefined) {
      const recursion = this.text.slice(this.#recursionAt);
      const chatChars = Math.min(this.#recursionAt, Math.max(chars - recursion.length, chars >> 1));
      head = this.text.slice(0, chatChars) + recursion.slice(0, chars - chatChars);
      this.#heads.set(chars, head);
    }
    return head;
  }
}

/** A compiled key: a test over the scanned text, with its estimated heap size. */
interface Matcher {
  test: (scan: ScanText) => boolean;
  /** Estimated bytes; a regex key's grows as its DFA fills. */
  bytes: () => number;
  /** Why the key matches nothing (an invalid or too large pattern). */
  refused?: string;
  /** The size changes after a test (only RE2 keys). */
  grows: boolean;
}

/**
 * Bounds of the compiled-key cache (regex and whole-word keys; plain keys need no compiling):
 * 64 MiB of estimated heap, 20,000 keys. A regex key is estimated from its program size and the
 * DFA states it keeps (at most 1 MiB each, `REGEX_KEY_LIMITS.dfaBytes`).
 */
export const KEY_CACHE_LIMITS = { bytes: 64 * 1024 * 1024, entries: 20_000 } as const;

/** The compiled keys (exported for tests). */
export const keyCache: SizedCache<Matcher> = new SizedCache<Matcher>(KEY_CACHE_LIMITS);

const LITERAL = /^\/([\s\S]+)\/([a-z]*)$/;

function re2Matcher(pattern: string, flags: number): Matcher {
  const key = compileRegexKey(pattern, flags);
  if (!key.ok) {
    return {
      test: () => false,
      bytes: () => 256 + 2 * pattern.length,
      refused: key.reason,
      grows: false,
    };
  }
  return { test: (scan) => key.test(scan.head(key.scanChars)), bytes: key.bytes, grows: true };
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
    const bytes = 512 + 4 * key.length;
    // Cut like a regex key's (attack32 H1): a long key over a long scan costs up to their product.
    const chars = scanChars(key.length);
    return { test: (scan) => bounded.test(scan.head(chars)), bytes: () => bytes, grows: false };
  }
  const bytes = 128 + 4 * key.length;
  if (options.caseSensitive) {
    return { test: (scan) => scan.text.includes(key), bytes: () => bytes, grows: false };
  }
  const lower = key.toLowerCase();
  return { test: (scan) => scan.lower.includes(lower), bytes: () => bytes, grows: false };
}

function cacheId(key: string, options: KeyMatchOptions): string {
  return `${options.caseSensitive ? 1 : 0}${options.wholeWords ? 1 : 0}${
    options.regex ? 1 : 0
  }${key}`;
}

function compiled(key: string, options: KeyMatchOptions): Matcher {
  const id = cacheId(key, options);
  let matcher = keyCache.get(id);
  if (!matcher) {
    matcher = compile(key, options);
    keyCache.set(id, matcher, matcher.bytes());
  }
  return matcher;
}

/**
 * Why `key` (a regex key under `options`) will match nothing: its pattern is invalid or compiles
 * too large. Null for keys that can match, plain keys included.
 */
export function keyRefusal(key: string, options: KeyMatchOptions): string | null {
  const trimmed = key.trim();
  if (trimmed === "" || isPlainKey(trimmed, { ...options, wholeWords: false })) return null;
  return compiled(trimmed, options).refused ?? null;
}

/** Whether (trimmed) `key` is a plain substring key: no regex, no whole words, no `/.../`. */
export function isPlainKey(key: string, options: KeyMatchOptions): boolean {
  return !options.regex && !options.wholeWords && !key.startsWith("/");
}

/** True when `key` occurs in `scan` under `options`; an empty key never matches. */
export function keyMatches(scan: ScanText, key: string, options: KeyMatchOptions): boolean {
  const trimmed = key.trim();
  if (trimmed === "") return false;
  // Plain substring keys (the common case) are compared directly, with no compiled matcher.
  if (isPlainKey(trimmed, options)) {
    return options.caseSensitive
      ? scan.text.includes(trimmed)
      : scan.lower.includes(trimmed.toLowerCase());
  }
  const id = cacheId(trimmed, options);
  const matcher = compiled(trimmed, options);
  const found = matcher.test(scan);
  if (matcher.grows) keyCache.resize(id, matcher.bytes());
  return found;
}
