/**
 * Slips found through the persona's own words (session 33, recall48). A search's candidates come
 * from BM25 and the sentence vectors; neither finds a memory that holds a slip ("my dauther
 * Ines") for a query spelt right ("my daughter"), nor one spelt right for a query whose slip is
 * no slip the word vectors can read ("dauther" asked, "daugther" stored: the reading of
 * `slip_expansion.ts` looks one edit up in the shipped table). The words the persona's memories
 * actually hold are the dictionary here: each query word looks up the store's words a slip away
 * (`store_vocabulary.ts`, filtered by letters), and those a slip can explain join the BM25 query,
 * below the word's own weight. Once candidates, word alignment matches them pair by pair
 * (`typo_pairs.ts`). The same lookup brings the store's short forms of the words
 * (`store_short_forms.ts`: "physio" for "physiotherapy").
 *
 * Which pairs count is `typo_pairs.ts`'s rule: at least one of the two words unknown to the
 * vectors ("form" asked is no slip of a stored "from"; "choppy" none of a stored "chippy" the
 * vectors know), both unknown only from five letters, no slip of a function word. And a query
 * word the persona's memories write themselves is the persona's spelling: the store words it
 * may stand for (known to the vectors where it is not) must then be held by more memories than
 * it ("lurdes" written in many memories stands for no stored "lures"; "excercise" in one for the
 * "exercise" of several). A capitalised word inside the query is a name, looked up by nobody
 * ("Lurdes").
 *
 * @module
 */
import type { CandidateQuery, MemoryBackend, StoreSlips } from "./backend.ts";
import { idf } from "./bm25.ts";
import { capitalisedWords } from "./query_names.ts";
import { EXPANSION_SLIP } from "./expansion_shares.ts";
import { isContentWord, stem, words as foldedWords } from "./text.ts";
import {
  consonantReplaced,
  slipOfStopWord,
  UNKNOWN_PAIR_MIN_LETTERS,
} from "./meaning/typo_pairs.ts";
import { SLIP_QUERY_WORDS } from "./meaning/stem_lookup.ts";
import { slipShaped } from "./store_vocabulary.ts";
import { contractionAsk, storeShortForms } from "./store_short_forms.ts";

/** The most store words one query word brings into the BM25 query (most memories first). */
export const STORE_SLIPS_PER_WORD = 2;
/** The most store words one query brings in all. */
export const STORE_SLIPS_PER_QUERY = 6;

/** An expanded BM25 query: terms, their priors, and the query term each stands for. */
export interface ExpandedTerms {
  readonly terms: readonly string[];
  readonly priors: readonly number[];
  readonly sources: readonly number[];
  /** Store short forms of the query's words, to find candidates by, apart from the BM25 query. */
  readonly shortForms?: readonly string[];
}

/** What {@linkcode withStoreSlips} asks of the word data. */
export interface VectorVocabulary {
  /** Whether the vectors know a folded word (it or another form of it has a row). */
  has(word: string): boolean;
  /** Whether the vectors know a word of analysed term (stem) `term`. */
  hasStem(term: string): boolean;
}

/**
 * The query words that look up their slips, as `[word, term index]`: each content word of
 * `text` whose term is one of `terms` (not a frame term), plain letters of four or more, not a
 * name (capitalised inside a sentence), the first {@linkcode SLIP_QUERY_WORDS} of them.
 */
export function slipQueryWords(
  text: string,
  query: { terms: readonly string[]; frames: ReadonlySet<string> },
): Array<[string, number]> {
  const chosen: Array<[string, number]> = [];
  let named: Set<string> | undefined;
  for (const word of foldedWords(text)) {
    if (chosen.length >= SLIP_QUERY_WORDS) break;
    if (!isContentWord(word)) continue;
    const term = stem(word);
    const at = query.terms.indexOf(term);
    if (at < 0 || query.frames.has(term) || !slipShaped(term)) continue;
    if (chosen.some(([, index]) => index === at)) continue;
    named ??= new Set(
      capitalisedWords(text).filter((each) => !each.opensSentence).map((each) => each.folded),
    );
    if (named.has(word)) continue;
    chosen.push([word, at]);
  }
  return chosen;
}

/**
 * Whether store term `slip`, held by `documents` memories, may stand for query `word` (its term
 * held by `own`), by the module's rule.
 */
export function slipAllowed(
  word: string,
  slip: { term: string; documents: number; own: number },
  vectors: VectorVocabulary,
): boolean {
  // One consonant replaced: a word or a name of its own more often than a slip (`typo_pairs.ts`).
  if (consonantReplaced(stem(word), slip.term)) return false;
  const wordKnown = vectors.has(word);
  const slipKnown = vectors.hasStem(slip.term);
  if (wordKnown && slipKnown) return false;
  if (!wordKnown && !slipKnown) {
    if (Math.min(word.length, slip.term.length) < UNKNOWN_PAIR_MIN_LETTERS) return false;
  }
  if (!wordKnown && slipOfStopWord(word)) return false;
  if (!slipKnown && slipOfStopWord(slip.term)) return false;
  // The persona writes the word itself: a stored word it would misspell must be the commoner.
  if (slipKnown && slip.own > 0 && slip.documents <= slip.own) return false;
  return true;
}

/**
 * `expanded` followed by the persona's store words a slip away from the query's words
 * ({@linkcode slipQueryWords}, {@linkcode slipAllowed}), at most {@linkcode STORE_SLIPS_PER_WORD}
 * a word and {@linkcode STORE_SLIPS_PER_QUERY} in all, those held by the most memories first.
 * Each weighs {@linkcode EXPANSION_SLIP} of its word's weight at most: its prior is the word's
 * times that share, less where the store word's idf passes the word's (a slip is rarer than
 * the word it stands for, and must not outweigh it). `expanded` itself when the backend has no
 * lookup or nothing is found. The store's short forms of the words come apart, in `shortForms`
 * (`store_short_forms.ts`): they find candidates and weigh nothing in BM25.
 */
export async function withStoreSlips(
  expanded: ExpandedTerms,
  query: {
    text: string;
    terms: readonly string[];
    frames: ReadonlySet<string>;
    candidateQuery: CandidateQuery;
  },
  deps: { backend: Pick<MemoryBackend, "slips">; vectors: VectorVocabulary },
): Promise<ExpandedTerms> {
  if (deps.backend.slips === undefined) return expanded;
  const asked = slipQueryWords(query.text, query);
  if (asked.length === 0) return expanded;
  // The contractions of the words are asked for in the same read (`store_short_forms.ts`).
  const contractions = contractionAsk(asked.map(([word]) => word), deps.vectors);
  const found: StoreSlips = await deps.backend.slips(
    query.candidateQuery,
    asked.map(([, at]) => query.terms[at]!),
    { shortForms: contractions.terms },
  );
  const terms = [...expanded.terms];
  const priors = [...expanded.priors];
  const sources = [...expanded.sources];
  const seen = new Set(terms);
  let added = 0;
  asked.forEach(([word, at], i) => {
    const own = found.own[i] ?? 0;
    let taken = 0;
    for (const slip of found.slips[i] ?? []) {
      if (added >= STORE_SLIPS_PER_QUERY || taken >= STORE_SLIPS_PER_WORD) break;
      if (seen.has(slip.term) || !slipAllowed(word, { ...slip, own }, deps.vectors)) continue;
      seen.add(slip.term);
      taken++;
      added++;
      const wordIdf = idf(found.documents, own);
      const slipIdf = idf(found.documents, slip.documents);
      terms.push(slip.term);
      priors.push(EXPANSION_SLIP * expanded.priors[at]! * Math.min(1, wordIdf / slipIdf));
      sources.push(at);
    }
  });
  // And the store's short forms of the asked words (`store_short_forms.ts`): they only find
  // candidates, apart from the BM25 query (review46b M2), so they add no lexical weight.
  const shortForms = storeShortForms(asked.map(([word]) => word), {
    clippings: found.clippings,
    taken: seen,
    forms: contractions.forms,
  }, deps.vectors).map((short) => short.term);
  const slipped = added === 0 ? expanded : { terms, priors, sources };
  return shortForms.length === 0 ? slipped : { ...slipped, shortForms };
}
