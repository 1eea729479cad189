/**
 * What of an older memory its replacement replaces, read against the query. A message that tells
 * several things ("my little sister Bisi has a braiding salon on Harehills Lane ..., I get mine
 * done free which is the one perk of being her sister") is replaced by one that changes one of
 * them ("Bisi's moved the salon to a bigger unit on Roundhay Road ..."): the salon's place, not
 * the sisterhood. A query that finds the older memory through what the replacement leaves alone
 * ("what siblings have I got") should find it at (nearly) its own score; one that finds it
 * through what is replaced ("where's Bisi's salon") should find it well below the replacement
 * (`ranking.ts` `supersededFactor`).
 *
 * - The older memory's **parts**: its text split at "and", "but", "or" and clause punctuation
 *   ({@linkcode FACT_BREAK}), as a query's parts are (`focus.ts` `PART_BREAK`) with the ends of
 *   sentences too: a long message's facts are its parts.
 * - The **replaced part**: the part (or parts, when tied) holding the most of the replacement's
 *   terms (`terms`: stems of content words); an update changes one thing. When no part holds
 *   any of them, or the older memory has a single part ("I live in a small flat in Lyon" replaced
 *   by "I moved to Porto ..."), all of it is replaced: nothing tells which part is kept.
 * - The **unreplaced share** ({@linkcode unreplacedShare}): how much of the query's match with
 *   the older memory its other parts hold, 0..1: the weight of the query words they hold and the
 *   replacement does not, over the query's match with the whole memory (each word's weight
 *   times its match strength, word alignment's `matchStrength`, read as `coverage.ts`
 *   `aspectShares` reads an aspect's), capped at 1.
 *
 * @module
 */
import { terms } from "./text.ts";
import { termSetOfText } from "./update_facts.ts";
import { rememberedByText } from "./text_memo.ts";
import { aspectShares } from "./coverage.ts";
import type { WeightedWord, WordMeanings } from "./meaning/alignment.ts";
import type { MemoryRecord } from "./schema.ts";

/** Where a memory's text splits into parts: "and", "but", "or", commas and clause ends. */
export const FACT_BREAK = /\b(?:and|but|or)\b|[,;:.!?\n]/i;

/** The parts of a text ({@linkcode FACT_BREAK}) that hold a content word, with their terms. */
const partsOfText = rememberedByText((text): readonly { text: string; terms: string[] }[] =>
  Object.freeze(
    text.split(new RegExp(FACT_BREAK.source, "gi"))
      .map((part) => ({ text: part.trim(), terms: terms(part) }))
      .filter((part) => part.terms.length > 0),
  )
);

/**
 * The parts of `older` that `newer` does not replace, joined by commas: "" when it replaces all
 * of it (one part, or no part holds a term of `newer`; see the module doc).
 */
export function unreplacedPart(older: string, newer: string): string {
  const parts = partsOfText(older);
  const replacing = termSetOfText(newer);
  const held = parts.map((part) => part.terms.filter((term) => replacing.has(term)).length);
  // One part, or none holding a term of `newer`: every part holds the most, all are replaced.
  // At most ~5,000 parts (`CONTENT_LIMIT`, 10,000 characters): well within a spread's limit.
  const most = Math.max(0, ...held);
  return parts.filter((_, i) => held[i]! < most).map((part) => part.text).join(", ");
}

/** How the query's words match a text: each word's weight, and its match strength in a text. */
export interface WordMatches {
  /** Each query word's weight (word alignment's). */
  readonly weights: readonly number[];
  /** Each query word's match strength (0..1, `matchStrength`) with the words of `text`. */
  strengths(text: string): readonly number[];
}

/**
 * The share of the query's match with `older` that the parts `newer` does not replace hold,
 * 0..1 ({@linkcode unreplacedPart}): the weight of the query words those parts hold (match in
 * full, strength 1: the word, a form, a close relative) and `newer` does not (a word it holds
 * is what it addresses: "Ife" and "party" of "where is Ife's party", held by the party's move),
 * over the query's match with `older` (Σ weight · strength), capped at 1. A word those parts only
 * resemble does not count: a weak match of a replaced memory stays halved (session 33: counting
 * Σ weight · strength there, superseded memories found by loose meaning pushed expected ones
 * out, set 6 linked 0.915 → 0.907, set 12 0.806 → 0.797). 0 when the query matches `older` not
 * at all or `newer` replaces all of it.
 */
export function unreplacedShare(older: string, newer: string, query: WordMatches): number {
  const kept = unreplacedPart(older, newer);
  if (kept === "") return 0;
  const { weights } = query;
  const inOlder = query.strengths(older);
  let whole = 0;
  for (let i = 0; i < weights.length; i++) whole += weights[i]! * inOlder[i]!;
  if (!(whole > 0)) return 0;
  const inKept = query.strengths(kept);
  const inNewer = query.strengths(newer);
  let held = 0;
  for (let i = 0; i < weights.length; i++) {
    if (holds(inKept[i]!) && !holds(inNewer[i]!)) held += weights[i]!;
  }
  // No number (an infinite weight) is clamped by `supersededFactor`.
  return Math.min(1, held / whole);
}

/** Whether a text holds a query word: matches it in full (strength 1, `matchStrength`). */
function holds(strength: number): boolean {
  return strength >= 1;
}

/**
 * For a search's query as word alignment read it (`words`, `vectors`): the unreplaced share
 * ({@linkcode unreplacedShare}) of a superseded memory `older` and its replacement `newer`,
 * each query word's match strength read as `coverage.ts` reads an aspect's (`aspectShares`,
 * each word its own aspect).
 */
export function unreplacedOf(
  aligned: { words: readonly WeightedWord[]; vectors: WordMeanings },
): (older: MemoryRecord, newer: MemoryRecord) => number {
  const strengths = aspectShares({ ...aligned, aspects: aligned.words.map((_, i) => [i]) });
  const weights = aligned.words.map((item) => item.weight);
  return (older, newer) => unreplacedShare(older.content, newer.content, { weights, strengths });
}
