/**
 * Word alignment, the meaning channel's fine-grained half: each query word is matched with the
 * memory word closest to it in meaning (MaxSim over static word vectors, as ColBERT and
 * BERTScore do with contextual ones), and the matches are averaged with the query words'
 * weights (their idf in the persona's memories). "kitten" finds "cat" and "physician" finds
 * "doctor" even when the rest of the sentence differs, which a sentence average blurs.
 *
 * A pair counts from {@linkcode ALIGNMENT_FLOOR} (unrelated words have small positive cosines
 * that would otherwise add up) and fully from {@linkcode ALIGNMENT_FULL}, linearly between.
 * Two texts' alignment with each other, both ways (how much they are about the same thing), is
 * `subject_alignment.ts`'s.
 *
 * @module
 */
import { isContentWord, stem, words } from "../text.ts";
import { type ContentStem, contentStems } from "./content_stems.ts";
import { bestMatches } from "./best_matches.ts";
import { wordPairs } from "./word_pairs.ts";
import type { PreparedWord, WordMeanings } from "./prepared_word.ts";
import { highestByStems, SLIP_QUERY_WORDS, withoutSlips } from "./stem_lookup.ts";

/** Before a word, the key of its best matches without its slips ({@linkcode alignment}). */
const SLIPLESS = "\u0001";
import { highestInTable } from "./table_similarity.ts";
import { memoryWordTable, WordCosines } from "./word_table.ts";

export type { PreparedWord, WordMeanings } from "./prepared_word.ts";
export { preparedSimilarity, specificity } from "./word_similarity.ts";

/** Cosine below which two words are taken as unrelated. */
export const ALIGNMENT_FLOOR = 0.25;
/** Cosine from which two words count as the same meaning (near-synonyms: doctor, physician). */
export const ALIGNMENT_FULL = 0.65;

/** A query word and its weight. */
export interface WeightedWord {
  word: string;
  weight: number;
  /** Filled on first use. */
  prepared?: PreparedWord;
  /** Its cosine with each memory word seen so far (one query compares many memories). */
  seen?: WordCosines;
}

/** The distinct content words of `query` with their weights (`weightOf` a word and its stem). */
export function weightedQuery(
  query: string,
  weightOf: (word: string, stem: string) => number,
): WeightedWord[] {
  return weighted(contentStems(query), weightOf);
}

/** `words` with their weights (`weightOf` a word and its stem). */
function weighted(
  words: readonly ContentStem[],
  weightOf: (word: string, stem: string) => number,
): WeightedWord[] {
  return words.map(({ word, stem }) => ({ word, weight: weightOf(word, stem) }));
}

/** Words without vectors: two words match only when they share a stem. */
export const STEMS_ONLY: WordMeanings = {
  prepare: (word) => ({ word, stem: stem(word), unit: undefined }),
  contentWords: (text) => {
    const distinct = new Set(words(text).filter(isContentWord));
    return [...distinct].map((word) => ({ word, stem: stem(word), unit: undefined }));
  },
};

/** How much a word pair of cosine `similarity` counts as a match, 0..1. */
export function matchStrength(similarity: number): number {
  return Math.min(
    1,
    Math.max(0, similarity - ALIGNMENT_FLOOR) / (ALIGNMENT_FULL - ALIGNMENT_FLOOR),
  );
}

/** A memory's alignment with a query. */
export interface Alignment {
  /** How well the memory's words cover the query's in meaning, 0..1. */
  score: number;
  /** The highest cosine of any query word with any memory word (1 for a shared stem). */
  strongest: number;
}

/**
 * The highest cosine of a query word with any of `memoryWords` (0 when none is positive), each
 * word pair's cosine kept in `item.seen` for the query's other memories, and for later searches
 * too (`word_pairs.ts`) when the word is prepared as `vectors` prepare it (not a phrase or class
 * the caller prepared).
 */
export function highestCosine(
  item: WeightedWord,
  vectors: WordMeanings,
  memoryWords: readonly PreparedWord[],
): number {
  const prepared = preparedQueryWord(item, vectors);
  // A word without a vector (a name, a rare word) is compared by stems and WordNet links alone:
  // cheaper than remembering each pair, and at most 1, so a shared stem ends the search.
  if (prepared.unit === undefined) return highestWithoutVector(prepared, memoryWords);
  return highestInTable(prepared, item.seen!, tableIds(vectors, memoryWords));
}

/** `memoryWords` as ids of the memory-word table of `vectors` (`word_table.ts`). */
export function tableIds(vectors: WordMeanings, memoryWords: readonly PreparedWord[]) {
  const table = memoryWordTable(vectors);
  return { table, ids: table.idsOf(memoryWords) };
}

/**
 * `item` prepared (as `vectors` prepare it, with the cosines remembered for it across searches,
 * `word_pairs.ts`, unless the caller prepared it: then its `seen` lasts one search).
 */
export function preparedQueryWord(item: WeightedWord, vectors: WordMeanings): PreparedWord {
  if (item.seen === undefined) {
    if (item.prepared === undefined) {
      ({ prepared: item.prepared, seen: item.seen } = wordPairs(vectors).word(item.word));
    } else item.seen = new WordCosines();
  }
  return item.prepared ??= vectors.prepare(item.word);
}

/**
 * {@linkcode highestCosine} of a query word without a vector: {@linkcode preparedSimilarity}
 * of such a word is a shared stem's 1 or a WordNet relation's cosine (at most 1), no dot product.
 */
export function highestWithoutVector(
  prepared: PreparedWord,
  memoryWords: readonly PreparedWord[],
): number {
  // Looked up by stem in the memory's words, indexed once per text: a long text full of made-up
  // names otherwise compared each of its names with every word of the other text, for each pair
  // of texts a search compares (attack31, fix127: ~15 s for the first search over 30 memories).
  return highestByStems(prepared, memoryWords);
}

/** How well a memory's words (`content`) cover `query`'s in meaning, by `vectors`. */
export function alignment(
  query: readonly WeightedWord[],
  memory: { content: string; vectors: WordMeanings },
): Alignment {
  const { content, vectors } = memory;
  let total = 0;
  for (const item of query) total += item.weight;
  if (total <= 0) return { score: 0, strongest: 0 };
  const matches = bestMatches(vectors);
  let covered = 0;
  let strongest = 0;
  let unknown = 0;
  for (const item of query) {
    // Only a query's first SLIP_QUERY_WORDS words without a vector look for their slips
    // (review46 R14), remembered apart from the same word's best match with its slips.
    const slipless = preparedQueryWord(item, vectors).unit === undefined &&
      unknown++ >= SLIP_QUERY_WORDS;
    const best = matches.word(
      slipless ? SLIPLESS + item.word : item.word,
      content,
      () =>
        slipless
          ? highestByStems(withoutSlips(item.prepared!), vectors.contentWords(content))
          : highestCosine(item, vectors, vectors.contentWords(content)),
    );
    covered += item.weight * matchStrength(best);
    if (best > strongest) strongest = best;
  }
  return { score: covered / total, strongest };
}
