/**
 * The phrases WordNet knows in a text ("time of year", "high blood pressure") and a phrase
 * prepared as one word for alignment. Apart from query expansion (`expansion.ts`), which
 * re-exports it, so that the meaning modules can use it without importing the ranking.
 *
 * @module
 */
import { FORM_SIMILARITY } from "./meaning/word_relations.ts";
import { analysedTerms, analysedWords, stem, STOPWORDS } from "./text.ts";
import type { PreparedWord, WordMeanings } from "./meaning/prepared_word.ts";

/** Where `expandQuery` (`expansion.ts`) finds a term's relatives and how informative a stem is. */
export interface Relatives {
  related(wordStem: string): ReadonlyMap<string, number> | undefined;
  stemInformativeness(wordStem: string): number;
  /**
   * The unit vector of a stem's word, if known: expansion leaves out a close relative the
   * vectors disown (`meaning/disowned_senses.ts`); absent, none is left out.
   */
  unitOfStem?(wordStem: string): Float32Array | undefined;
  /** The one-word synonyms of a phrase's terms, in order (`word_relations.ts`), if any. */
  phrase?(terms: readonly string[]): readonly string[] | undefined;
  /** The most terms of a phrase `phrase` knows. */
  readonly longestPhrase?: number;
}

/** A phrase of a query that WordNet knows ("time of year"), and its one-word synonyms. */
export interface QueryPhrase {
  /** Its terms, in order ("time", "year"). */
  terms: readonly string[];
  /** Its one-word synonyms ("season"), most frequent first. */
  words: readonly string[];
  /**
   * A verb and a stop-word particle ("take out"): its synonyms join BM25 but it is no word of
   * its own in alignment, since the particle may be a preposition ("go on holiday").
   */
  phrasal?: boolean;
}

/**
 * The phrases of `text` that WordNet has as multi-word lemmas, longest first at each place
 * ("get hitched", "time of year", "take place"), none overlapping.
 */
export function queryPhrases(text: string, relatives: Relatives): QueryPhrase[] {
  if (!relatives.phrase || (relatives.longestPhrase ?? 0) < 2) return [];
  let recent = recentPhrases.get(relatives);
  if (recent === undefined) recentPhrases.set(relatives, recent = []);
  const known = recent.find((entry) => entry.text === text);
  if (known !== undefined) return [...known.phrases];
  // The text's words and terms as the query's analysis reads them (`analysedWords`).
  const phrases = [...phrasesIn(analysedTerms(text), relatives), ...phrasalVerbs(text, relatives)];
  // Shared, so frozen (not a phrase's synonyms: the word data's own, read-only list).
  for (const phrase of phrases) Object.freeze(Object.freeze(phrase).terms);
  if (recent.length >= RECENT_PHRASES) recent.shift();
  recent.push({ text, phrases });
  return [...phrases];
}

/**
 * How many of the latest texts {@linkcode queryPhrases} keeps per relatives: a query's
 * sentence vector (`embedder.ts`) and its analysis (`query_analysis.ts`) both read its phrases,
 * one after the other.
 */
export const RECENT_PHRASES = 8;

/** The latest texts' phrases by relatives (word data), oldest first. */
const recentPhrases = new WeakMap<
  Relatives,
  Array<{ text: string; phrases: readonly QueryPhrase[] }>
>();

/**
 * The phrases of the term `sequence` that WordNet has as multi-word lemmas, longest first at
 * each place, none overlapping (no phrasal verbs: their particles are no terms).
 */
export function phrasesIn(sequence: readonly string[], relatives: Relatives): QueryPhrase[] {
  const longest = relatives.longestPhrase ?? 0;
  if (!relatives.phrase || longest < 2) return [];
  const found: QueryPhrase[] = [];
  for (let i = 0; i < sequence.length - 1; i++) {
    for (let n = Math.min(longest, sequence.length - i); n >= 2; n--) {
      const phraseTerms = sequence.slice(i, i + n);
      const words = relatives.phrase(phraseTerms);
      if (!words) continue;
      found.push({ terms: phraseTerms, words });
      i += n - 1;
      break;
    }
  }
  return found;
}

/**
 * The phrasal verbs of `text` WordNet knows whose particle is a stop word ("taken out": remove;
 * "give up": quit), keyed by the verb's term and the particle as written, right after it.
 */
function phrasalVerbs(text: string, relatives: Relatives): QueryPhrase[] {
  const sequence = analysedWords(text);
  const found: QueryPhrase[] = [];
  for (let i = 0; i < sequence.length - 1; i++) {
    const [verb, particle] = [sequence[i]!, sequence[i + 1]!];
    if (STOPWORDS.has(verb) || !STOPWORDS.has(particle)) continue;
    const phraseTerms = [stem(verb), particle];
    const words = relatives.phrase!(phraseTerms);
    if (words) found.push({ terms: phraseTerms, words, phrasal: true });
  }
  return found;
}

/**
 * A phrase as one query word for alignment: any of its synonyms matches it fully (as the word
 * itself), other words by their cosine with the synonyms' mean vector.
 */
export function preparedPhrase(phrase: QueryPhrase, vectors: WordMeanings): PreparedWord {
  const key = phrase.terms.join(" ");
  let unit: Float32Array | undefined;
  for (const word of phrase.words) {
    const own = vectors.prepare(word).unit;
    if (!own) continue;
    unit ??= new Float32Array(own.length);
    for (let d = 0; d < own.length; d++) unit[d]! += own[d]!;
  }
  if (unit) {
    const norm = Math.hypot(...unit);
    if (norm > 0) { for (let d = 0; d < unit.length; d++) unit[d]! /= norm; }
  }
  return {
    word: key,
    stem: key,
    unit,
    related: new Map(phrase.words.map((word) => [stem(word), FORM_SIMILARITY])),
  };
}
