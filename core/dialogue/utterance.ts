/**
 * Small text rules for dialogue turns: cleaning what the model wrote, a word-list sentiment,
 * and how much two turns repeat each other.
 *
 * @module
 */
import { isOneName, nameMentionedAt } from "../personas/mod.ts";

const POSITIVE = new Set(
  "love loved lovely great wonderful agree agreed thanks thank fascinating delight delighted happy glad beautiful brilliant yes indeed enjoy enjoyed fun kind friend friends marvelous splendid excellent good nice interesting exciting laugh"
    .split(" "),
);
const NEGATIVE = new Set(
  "hate hated awful wrong disagree stupid boring bored angry annoyed annoying never bad terrible nonsense ridiculous leave tired dull sad upset worse worst rude liar"
    .split(" "),
);

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z']+/g) ?? [];
}

/** Sentiment of `text` in -1..1: (positive − negative) / (positive + negative) word counts. */
export function sentiment(text: string): number {
  let positive = 0;
  let negative = 0;
  for (const word of words(text)) {
    if (POSITIVE.has(word)) positive++;
    else if (NEGATIVE.has(word)) negative++;
  }
  return positive + negative === 0 ? 0 : (positive - negative) / (positive + negative);
}

/** Most texts whose word sets {@linkcode overlap} keeps; past it they start over. */
const KEPT_WORD_SETS = 64;
const wordSets = new Map<string, ReadonlySet<string>>();

/**
 * The words of 3+ letters of `text`, kept for the texts seen last: a turn compares the last
 * turn with each of the four before it, and each turn is compared again by the four after it.
 */
function wordSet(text: string): ReadonlySet<string> {
  let set = wordSets.get(text);
  if (set === undefined) {
    if (wordSets.size >= KEPT_WORD_SETS) wordSets.clear();
    set = new Set(words(text).filter((word) => word.length >= 3));
    wordSets.set(text, set);
  }
  return set;
}

/** Jaccard similarity of the sets of words of 3+ letters of two texts, 0..1. */
export function overlap(a: string, b: string): number {
  const setA = wordSet(a);
  const setB = wordSet(b);
  if (setA.size === 0 || setB.size === 0) return 0;
  let shared = 0;
  for (const word of setA) if (setB.has(word)) shared++;
  return shared / (setA.size + setB.size - shared);
}

/** `text` with the characters special in regular expressions escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * What the speaker said, cleaned: a leading "Name:" label is dropped and anything from a line
 * where the model starts speaking for another participant ("Other: ...") is cut. A label names
 * a participant as a lookup by name does: spelt so in any case, or its same name or a look-alike
 * (`namedRow`: "Ｍｉｌａ:" and "Mіla:" with a Cyrillic "і" are Mila's).
 */
export function cleanUtterance(text: string, speaker: string, others: readonly string[]): string {
  const label = new RegExp(`^\\s*\\**${escapeRegExp(speaker)}\\**\\s*:\\s*\\**\\s*`, "i");
  let cleaned = text.replace(label, "");
  if (cleaned === text) cleaned = withoutLookAlikeLabel(text, speaker);
  for (const other of others) {
    const at = labelLineAt(cleaned, other);
    if (at > 0) cleaned = cleaned.slice(0, at);
  }
  cleaned = cleaned.trim();
  return cleaned || text.trim();
}

const SPACES = /\s*/y;

/**
 * Where `text` first matches `(^|\n)\s*\**name\**\s*:` (case-insensitive), or -1; the same answer
 * as `search` with that pattern, in linear time. The pattern itself, tried at every line break of
 * a long run of blank lines, read the whole run each time (100,000 line breaks took 15 s). Here
 * the blank run after a line start is skipped once and the label is tried once at its end: every
 * line break of the run leads to that same place, so the first of them answers for all.
 */
function labelLineAt(text: string, name: string): number {
  if (/^\s/.test(name)) {
    // The pattern's `\s*` may give blanks back to such a name; never so for a stored name.
    return text.search(new RegExp(`(^|\\n)\\s*\\**${escapeRegExp(name)}\\**\\s*:`, "i"));
  }
  const label = new RegExp(`\\**${escapeRegExp(name)}\\**\\s*:`, "iy");
  for (let start = 0; start !== -1;) {
    SPACES.lastIndex = start === 0 ? 0 : start + 1;
    SPACES.exec(text);
    const end = SPACES.lastIndex;
    label.lastIndex = end;
    if (label.test(text) || lookAlikeLabelEnd(text, end, name) >= 0) return start;
    start = text.indexOf("\n", end);
  }
  return -1;
}

/** The longest label read ("Name:" with asterisks and blanks): a name is at most 64 characters. */
const LABEL_MAX = 256;
const AFTER_LABEL = /\s*\**\s*/y;

/** `text` without a leading label that is one name with `speaker` but not spelt so, if any. */
function withoutLookAlikeLabel(text: string, speaker: string): string {
  SPACES.lastIndex = 0;
  SPACES.exec(text);
  const end = lookAlikeLabelEnd(text, SPACES.lastIndex, speaker);
  if (end < 0) return text;
  AFTER_LABEL.lastIndex = end;
  AFTER_LABEL.exec(text);
  return text.slice(AFTER_LABEL.lastIndex);
}

/**
 * Where the label at `at` of `text` ends (after its colon) when it is `\**label\**\s*:` on one
 * line with `label` one name with `name` (`isOneName`), else -1. Reads at most
 * {@linkcode LABEL_MAX} characters: tried at each line start, it keeps the scan linear.
 */
function lookAlikeLabelEnd(text: string, at: number, name: string): number {
  const limit = Math.min(text.length, at + LABEL_MAX);
  for (let colon = at; colon < limit; colon++) {
    const unit = text.charCodeAt(colon);
    if (unit === 0x0a) return -1;
    if (unit !== 0x3a && unit !== 0xff1a) continue; // ":" or a full-width "："
    let from = at;
    let to = colon;
    while (from < to && text[from] === "*") from++;
    while (to > from && /\s/.test(text[to - 1]!)) to--;
    while (to > from && text[to - 1] === "*") to--;
    return from < to && isOneName(text.slice(from, to), name) ? colon + 1 : -1;
  }
  return -1;
}

/** Most names whose patterns {@linkcode mentions} keeps; past it they start over. */
const KEPT_NAME_PATTERNS = 256;
const namePatterns = new Map<string, RegExp>();

/** The whole-word, case-insensitive pattern of `name` (without `g`: `search` keeps no state). */
function namePattern(name: string): RegExp {
  let pattern = namePatterns.get(name);
  if (pattern === undefined) {
    if (namePatterns.size >= KEPT_NAME_PATTERNS) namePatterns.clear();
    pattern = new RegExp(`\\b${escapeRegExp(name)}\\b`, "i");
    namePatterns.set(name, pattern);
  }
  return pattern;
}

/**
 * Whole-word mentions of `names` in `text`, in order of appearance: a name spelt so in any case,
 * or its same name or a look-alike as persona names go (`nameMentionedAt`: "Ｍｉｌａ" and "Mіla"
 * with a Cyrillic "і" mention Mila, as creating either beside Mila is refused).
 */
export function mentions(text: string, names: readonly string[]): string[] {
  return names.map((name) => ({ name, at: mentionedAt(text, name) })).filter((hit) => hit.at >= 0)
    .sort((a, b) => a.at - b.at).map((hit) => hit.name);
}

function mentionedAt(text: string, name: string): number {
  const spelt = text.search(namePattern(name));
  const named = nameMentionedAt(text, name);
  return spelt < 0 || (named >= 0 && named < spelt) ? named : spelt;
}
