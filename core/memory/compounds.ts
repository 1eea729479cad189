/**
 * Closed compounds: a query word written as two words together ("flatmate", "smartphone") also
 * asks for its words ("flat", "mate"; "phone"), which the memory may say apart ("I share a flat
 * with my cousin", "My phone is an iPhone 11"). Porter and WordNet leave most compounds alone
 * ("flatmate" is related to "friend" only). The parts join the BM25 query at
 * {@linkcode EXPANSION_COMPOUND} of the word's weight, each at most its own informativeness.
 *
 * A split counts when both parts are common words as written ({@linkcode COMPOUND_PART_RANK}:
 * not fragments such as "creat" + "ures"), each of {@linkcode COMPOUND_PART_LETTERS} letters or
 * more ("car" + "pet" is no compound), the whole is rarer than either part, and, when the word
 * vectors know the whole, its last part (the head) means some of what the whole means
 * ({@linkcode COMPOUND_HEAD_SIMILARITY}: "deadlines" is no kind of "lines", "membership" none of
 * "ship").
 *
 * @module
 */
import { isContentWord, stem, words } from "./text.ts";
import type { ExpandedQuery } from "./derived_forms.ts";
import { EXPANSION_COMPOUND } from "./expansion_shares.ts";

/** The fewest letters of a compound's part. */
export const COMPOUND_PART_LETTERS = 4;
/** The highest frequency rank (0 = most frequent) of a compound's part, as written. */
export const COMPOUND_PART_RANK = 10_000;
/** The least cosine of a known compound with its head (all-but-the-top word vectors). */
export const COMPOUND_HEAD_SIMILARITY = 0.12;
/**
 * The most letters (UTF-16 code units) of a compound's part: the longest word of the shipped
 * word table within {@linkcode COMPOUND_PART_RANK} ("telecommunications"; `compounds_test.ts`
 * holds the table to it). No split with a longer part can count, so a word of more than twice
 * as many is none, and only splits that leave both parts this short are tried: trying every
 * split of a long word hashed both halves at each, quadratic in its length (attack29 F0/F5: one
 * 10,000-letter word in a memory or a query held the event loop for seconds). The bound is on
 * the folded word, so a ligature that folds to two letters ("ﬁ") cannot get past it.
 */
export const COMPOUND_PART_MAX_LETTERS = 18;

/** What a compound's split reads of the word data. */
export interface CompoundWords {
  /** The frequency rank of a folded word as written, if the word table holds it. */
  rankOf(word: string): number | undefined;
  /** The cosine of two folded words' vectors. */
  similarity(a: string, b: string): number;
  /** How informative a folded word is in English at large, 0..1. */
  informativeness(word: string): number;
}

/** The two words the folded `word` is made of, when it is a closed compound (see the module). */
export function compoundParts(word: string, known: CompoundWords): [string, string] | undefined {
  if (word.length > 2 * COMPOUND_PART_MAX_LETTERS) return undefined;
  const whole = stem(word);
  const first = Math.max(COMPOUND_PART_LETTERS, word.length - COMPOUND_PART_MAX_LETTERS);
  const last = Math.min(word.length - COMPOUND_PART_LETTERS, COMPOUND_PART_MAX_LETTERS);
  for (let i = first; i <= last; i++) {
    const modifier = word.slice(0, i);
    const head = word.slice(i);
    if (!isContentWord(modifier) || !isContentWord(head)) continue;
    const modifierRank = known.rankOf(modifier);
    const headRank = known.rankOf(head);
    if (modifierRank === undefined || modifierRank > COMPOUND_PART_RANK) continue;
    if (headRank === undefined || headRank > COMPOUND_PART_RANK) continue;
    if (stem(modifier) === whole || stem(head) === whole) continue;
    const rank = known.rankOf(word);
    if (rank !== undefined) {
      if (rank < Math.max(modifierRank, headRank)) continue;
      if (known.similarity(word, head) < COMPOUND_HEAD_SIMILARITY) continue;
    }
    return [modifier, head];
  }
  return undefined;
}

/**
 * `expanded` (the query's own terms first, then their relatives) followed by the parts of the
 * query's compounds it does not hold yet (or holds as a relative of less weight), each at
 * {@linkcode EXPANSION_COMPOUND} of its compound's prior, at most its own informativeness;
 * `expanded` itself when there are none.
 */
export function withCompoundParts(
  text: string,
  expanded: ExpandedQuery,
  known: CompoundWords,
): ExpandedQuery {
  let extended: { terms: string[]; priors: number[]; sources: number[] } | undefined;
  for (const word of words(text)) {
    if (word.length < 2 * COMPOUND_PART_LETTERS || !isContentWord(word)) continue;
    const source = expanded.terms.indexOf(stem(word));
    if (source < 0 || expanded.sources[source] !== source) continue;
    const parts = compoundParts(word, known);
    if (parts === undefined) continue;
    extended ??= {
      terms: [...expanded.terms],
      priors: [...expanded.priors],
      sources: [...expanded.sources],
    };
    for (const part of parts) {
      const term = stem(part);
      const prior = Math.min(expanded.priors[source]!, known.informativeness(part)) *
        EXPANSION_COMPOUND;
      const at = extended.terms.indexOf(term);
      if (at < 0) {
        extended.terms.push(term);
        extended.priors.push(prior);
        extended.sources.push(source);
      } else if (extended.sources[at] !== at && extended.priors[at]! < prior) {
        extended.priors[at] = prior;
        extended.sources[at] = source;
      }
    }
  }
  return extended ?? expanded;
}
