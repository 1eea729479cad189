/**
 * A memory's WordNet phrases as words of their own for word alignment: "high blood pressure"
 * is "hypertension", "northern lights" "aurora borealis". A query's phrases already count as
 * one word ("get hitched" finds "married"); this is the other side, so a query that says in one
 * word ("Do I take anything for hypertension?") what a memory says in several ("I take a pill
 * for high blood pressure") aligns with it. A phrasal verb ("take out") is left out, as in the
 * query: its particle may be a preposition.
 *
 * @module
 */
import { phrasesIn, preparedPhrase, type Relatives } from "../phrases.ts";
import { stem } from "../text.ts";
import type { PreparedWord } from "./prepared_word.ts";

/**
 * The WordNet phrases of a memory's `terms` (its stemmed content words in order: longest first
 * at each place, none overlapping), each prepared as one memory word: keyed by its terms ("high
 * blood pressur", no single word's key), the mean vector of its one-word synonyms (`unit`), and
 * the synonyms' stems (`synonyms`), which a query word matches as it matches the synonyms.
 */
export function memoryPhrases(
  terms: readonly string[],
  words: Relatives & { unit(word: string): Float32Array | undefined },
): PreparedWord[] {
  const phrases = phrasesIn(terms, words);
  if (phrases.length === 0) return [];
  // A memory word needs the synonyms' vectors only, not their relations or classes.
  const vectorsOnly = {
    prepare: (word: string) => ({ word, stem: stem(word), unit: words.unit(word) }),
    contentWords: () => [],
  };
  return phrases.map((phrase) => {
    const { related, ...prepared } = preparedPhrase(phrase, vectorsOnly);
    return { ...prepared, synonyms: [...related?.keys() ?? []] };
  });
}

/**
 * How query word `word` relates to a memory phrase of `synonyms` (stems): fully when it is one
 * of them, else as its WordNet relations relate it to the closest one (0: not at all).
 */
export function phraseRelation(word: PreparedWord, synonyms: readonly string[]): number {
  let best = 0;
  for (const synonym of synonyms) {
    if (synonym === word.stem) return 1;
    const related = word.related?.get(synonym) ?? 0;
    if (related > best) best = related;
  }
  return best;
}
