/**
 * A search query's analysis, remembered by text: its terms and their priors, WordNet phrases,
 * the expanded BM25 query, answer type, voice and whether it asks about a wish or a plan. All of
 * it depends on the query's text and the word data alone (never on a persona's memories), and many searches ask the same text again
 * (a simulation's topic and scripted replies, a chat's repeated question), so it is worked out
 * once per text and shared, frozen so that no search can change another's. Remembered per
 * {@linkcode WordVectors} instance: other word data (`vectorsOnly`, a test's) analyses afresh.
 * Bounded: the least recently asked text is forgotten past {@linkcode QUERY_MEMO_LIMIT}.
 *
 * @module
 */
import { withDerivedForms } from "./derived_forms.ts";
import { withCompoundParts } from "./compounds.ts";
import { analysedTerms, words as foldedWords } from "./text.ts";
import { asciiWords } from "./query_words.ts";
import { type AskedType, askedTypes } from "./meaning/answer_types.ts";
import { splitWordPhrases } from "./split_words.ts";
import { slipReadings } from "./slip_expansion.ts";
import { expandQuery, type QueryPhrase, queryPhrases } from "./expansion.ts";
import {
  type AnswerType,
  answerType,
  asksCurrent,
  frameTerms,
  placeWordNames,
  queryNames,
  queryTermFactor,
  queryVoice,
  type Voice,
} from "./query.ts";
import { asksIntent } from "./intent.ts";
import type { WordVectors } from "./meaning/word_vectors.ts";

/** How many query texts are remembered per word data. */
export const QUERY_MEMO_LIMIT = 1024;

/** What a search needs to know of its query's text. */
export interface AnalysedQuery {
  /** The distinct analysed terms. */
  readonly terms: readonly string[];
  /** The terms that only frame the question (`frameTerms`). */
  readonly frames: ReadonlySet<string>;
  /** Each term's prior weight (its informativeness times its query factor). */
  readonly priors: readonly number[];
  /** The WordNet phrases (none without `expand`). */
  readonly phrases: readonly QueryPhrase[];
  /**
   * The BM25 query: the terms and, with `expand`, their relatives; `sources` the index of the
   * query term each stands for (−1: a phrase's synonym).
   */
  readonly expanded: {
    readonly terms: readonly string[];
    readonly priors: readonly number[];
    readonly sources: readonly number[];
  };
  /** What the query asks for. */
  readonly wanted: AnswerType;
  /** The answer types its words ask for (`askedTypes`: "job", "surgery", "pets"). */
  readonly types: readonly AskedType[];
  /** Whose voice the query speaks in (`queryVoice`). */
  readonly voice: Voice;
  /** Whether it asks about a wish or a plan (`asksIntent`). */
  readonly asksIntent: boolean;
  /** Whether it asks how things are now (`asksCurrent`). */
  readonly asksCurrent: boolean;
  /** The names it asks about, as terms (`queryNames`). */
  readonly names: readonly string[];
  /**
   * Its capitalised words WordNet calls places and also knows as common nouns ("Mesa", not
   * "Lisbon"), as terms (`placeWordNames`): names if the memories write them so.
   */
  readonly placeWordNames: readonly string[];
}

/** Analyses `text` from scratch (see {@linkcode analysedQuery}, which remembers it). */
export function analyseQuery(
  text: string,
  words: WordVectors,
  options: { expand: boolean },
): AnalysedQuery {
  // `queryTerms`: the distinct terms, read once for the analysis (`analysedTerms`).
  const terms = [...new Set(analysedTerms(text))];
  // A misspelt word weighs what the word it stands for does (`slip_expansion.ts`).
  const slips = options.expand ? slipReadings(text, words) : undefined;
  const frames = slips === undefined || slips.frames.size === 0
    ? frameTerms(text)
    : new Set([...frameTerms(text), ...slips.frames]);
  const priors = terms.map((term) =>
    words.stemInformativeness(slips?.meant.get(term) ?? term) * queryTermFactor(term, frames)
  );
  const phrases = options.expand
    ? [...queryPhrases(text, words), ...splitWordPhrases(text, words)]
    : [];
  let expanded = withDerivedForms(
    text,
    options.expand ? expandQuery({ terms, priors, phrases, frames }, slips!.relatives) : {
      terms,
      priors,
      sources: terms.map((_, i) => i),
    },
  );
  if (options.expand) expanded = withCompoundParts(text, expanded, words);
  // Frozen, arrays and all (not a phrase's synonyms: the word data's own, read-only list).
  for (const phrase of phrases) Object.freeze(Object.freeze(phrase).terms);
  return Object.freeze({
    terms: Object.freeze(terms),
    frames,
    priors: Object.freeze(priors),
    phrases: Object.freeze(phrases),
    expanded: Object.freeze({
      terms: Object.freeze(expanded.terms),
      priors: Object.freeze(expanded.priors),
      sources: Object.freeze(expanded.sources),
    }),
    wanted: answerType(text, words),
    types: Object.freeze(askedTypes(asciiWords(text) ?? foldedWords(text))),
    voice: queryVoice(text),
    asksIntent: asksIntent(text),
    asksCurrent: asksCurrent(text),
    names: Object.freeze(queryNames(text, (word) => words.isPlace(word))),
    // Only a place word that is also a common noun may name something else ("Mesa", not "Lisbon").
    placeWordNames: Object.freeze(
      placeWordNames(text, (word) => words.isPlace(word) && !words.isNamedPlace(word)),
    ),
  });
}

const memos = new WeakMap<WordVectors, Map<string, AnalysedQuery>>();

/** {@linkcode analyseQuery}'s result for `text`, remembered per word data and `expand`. */
export function analysedQuery(
  text: string,
  words: WordVectors,
  options: { expand: boolean },
): AnalysedQuery {
  let memo = memos.get(words);
  if (memo === undefined) memos.set(words, memo = new Map());
  const key = `${options.expand ? "+" : "-"}${text}`;
  let analysed = memo.get(key);
  if (analysed !== undefined) {
    // Most recently asked last: the first key is the one to forget.
    memo.delete(key);
  } else {
    analysed = analyseQuery(text, words, options);
    if (memo.size >= QUERY_MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  }
  memo.set(key, analysed);
  return analysed;
}
