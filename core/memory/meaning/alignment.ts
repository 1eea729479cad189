/**
 * Word alignment, the meaning channel's fine-grained half: each query word is matched with the
 * memory word closest to it in meaning (MaxSim over static word vectors, as ColBERT and
 * BERTScore do with contextual ones), and the matches are averaged with the query words'
 * weights (their idf in the persona's memories). "kitten" finds "cat" and "physician" finds
 * "doctor" even when the rest of the sentence differs, which a sentence average blurs.
 *
 * A pair counts from {@linkcode ALIGNMENT_FLOOR} (unrelated words have small positive cosines
 * that would otherwise add up) and fully from {@linkcode ALIGNMENT_FULL}, linearly between.
 *
 * @module
 */
import { isContentWord, stem, words } from "../text.ts";
import type { WordVectors } from "./word_vectors.ts";

/** Cosine below which two words are taken as unrelated. */
export const ALIGNMENT_FLOOR = 0.25;
/** Cosine from which two words count as the same meaning (near-synonyms: doctor, physician). */
export const ALIGNMENT_FULL = 0.65;

/** A query word and its weight. */
export interface WeightedWord {
  word: string;
  weight: number;
}

/** The distinct content words of `query` with their weights (`weightOf` a word and its stem). */
export function weightedQuery(
  query: string,
  weightOf: (word: string, stem: string) => number,
): WeightedWord[] {
  const seen = new Set<string>();
  const result: WeightedWord[] = [];
  for (const word of words(query)) {
    if (!isContentWord(word)) continue;
    const wordStem = stem(word);
    if (seen.has(wordStem)) continue;
    seen.add(wordStem);
    result.push({ word, weight: weightOf(word, wordStem) });
  }
  return result;
}

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

/** How well a memory's words (`content`) cover `query`'s in meaning, by `vectors`. */
export function alignment(
  query: readonly WeightedWord[],
  memory: { content: string; vectors: WordVectors },
): Alignment {
  const { content, vectors } = memory;
  const total = query.reduce((sum, item) => sum + item.weight, 0);
  if (total <= 0) return { score: 0, strongest: 0 };
  const memoryWords = [...new Set(words(content).filter(isContentWord))];
  let covered = 0;
  let strongest = 0;
  for (const { word, weight } of query) {
    let best = 0;
    for (const other of memoryWords) best = Math.max(best, vectors.similarity(word, other));
    covered += weight * matchStrength(best);
    strongest = Math.max(strongest, best);
  }
  return { score: covered / total, strongest };
}
