/**
 * Query expansion: a query's terms followed by their WordNet relatives
 * (`meaning/word_relations.ts`), which BM25 uses to find candidates at a small share of their
 * term's weight (the constants are in `ranking.ts`).
 *
 * @module
 */
import {
  EXPANSION_CLOSE,
  EXPANSION_FORM,
  EXPANSION_KIND,
  EXPANSION_PER_TERM,
  EXPANSION_PHRASE,
} from "./ranking.ts";
import { CLOSE_SIMILARITY, FORM_SIMILARITY } from "./meaning/word_relations.ts";
import { queryTermFactor } from "./query.ts";
import { stem, STOPWORDS, terms as termsOf, words as wordsOf } from "./text.ts";
import type { PreparedWord, WordMeanings } from "./meaning/alignment.ts";

/** Where {@linkcode expandQuery} finds a term's relatives and how informative a stem is. */
export interface Relatives {
  related(wordStem: string): ReadonlyMap<string, number> | undefined;
  stemInformativeness(wordStem: string): number;
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
  return [...phrasesIn(termsOf(text), relatives), ...phrasalVerbs(text, relatives)];
}

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
  const sequence = wordsOf(text);
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

/**
 * The query's terms and priors followed by its terms' WordNet relatives (not frame words), at
 * most {@linkcode EXPANSION_PER_TERM} per term (irregular forms of the same word do not count
 * against it), each with its term's prior times {@linkcode EXPANSION_FORM} (another form of the
 * same word: "children", "child"), {@linkcode EXPANSION_CLOSE} (synonyms, derived words) or
 * {@linkcode EXPANSION_KIND} (hypernyms, hyponyms) and its own informativeness. A relative that is itself a query term,
 * or that an earlier term brought, is not added again. `sources` gives, for each term, the index
 * of the query term it stands for (its own index for a query term; −1 for a phrase's synonym,
 * which weighs its own informativeness).
 */
export function expandQuery(
  query: { terms: readonly string[]; priors: readonly number[]; phrases?: readonly QueryPhrase[] },
  relatives: Relatives,
): { terms: string[]; priors: number[]; sources: number[] } {
  const terms = [...query.terms];
  const priors = [...query.priors];
  const sources = query.terms.map((_, i) => i);
  const seen = new Set(terms);
  query.terms.forEach((term, i) => {
    if (queryTermFactor(term) < 1) return;
    let added = 0;
    for (const [other, similarity] of relatives.related(term) ?? []) {
      const form = similarity >= FORM_SIMILARITY;
      if (!form && added >= EXPANSION_PER_TERM) continue;
      if (seen.has(other)) continue;
      seen.add(other);
      if (!form) added++;
      const share = form
        ? EXPANSION_FORM
        : similarity >= CLOSE_SIMILARITY
        ? EXPANSION_CLOSE
        : EXPANSION_KIND;
      terms.push(other);
      sources.push(i);
      // The same word in another form weighs what the query's own form does.
      const prior = form
        ? query.priors[i]!
        : Math.min(query.priors[i]!, relatives.stemInformativeness(other));
      priors.push(prior * share);
    }
  });
  // A phrase's synonyms say what the phrase says, however common its words ("time", "year"):
  // each weighs its own informativeness.
  for (const phrase of query.phrases ?? []) {
    for (const word of phrase.words.slice(0, EXPANSION_PER_TERM)) {
      const other = stem(word);
      const prior = relatives.stemInformativeness(other) * EXPANSION_PHRASE;
      const at = terms.indexOf(other);
      // A relative of one of its words already in the query weighs what the phrase gives it.
      if (at >= query.terms.length && prior > priors[at]!) {
        priors[at] = prior;
        sources[at] = -1;
      }
      if (seen.has(other)) continue;
      seen.add(other);
      terms.push(other);
      priors.push(prior);
      sources.push(-1);
    }
  }
  return { terms, priors, sources };
}
