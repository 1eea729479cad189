/**
 * Query expansion: a query's terms followed by their WordNet relatives
 * (`meaning/word_relations.ts`), which BM25 uses to find candidates at a small share of their
 * term's weight (the constants are in `expansion_shares.ts`).
 *
 * @module
 */
import {
  EXPANSION_CLOSE,
  EXPANSION_DERIVED,
  EXPANSION_FORM,
  EXPANSION_KIND,
  EXPANSION_PER_TERM,
  EXPANSION_PHRASE,
} from "./expansion_shares.ts";
import { CLOSE_SIMILARITY, DERIVED_SIMILARITY, FORM_SIMILARITY } from "./meaning/word_relations.ts";
import { disownsStem } from "./meaning/disowned_senses.ts";
import type { QueryPhrase, Relatives } from "./phrases.ts";
import { stem } from "./text.ts";

export {
  phrasesIn,
  preparedPhrase,
  type QueryPhrase,
  queryPhrases,
  type Relatives,
} from "./phrases.ts";

/**
 * The query's terms and priors followed by its terms' WordNet relatives (not frame words), at
 * most {@linkcode EXPANSION_PER_TERM} per term (irregular forms of the same word do not count
 * against it), each with its term's prior times {@linkcode EXPANSION_FORM} (another form of the
 * same word: "children", "child"), {@linkcode EXPANSION_CLOSE} (synonyms),
 * {@linkcode EXPANSION_DERIVED} (derived words spelt as it is: "studies", "student") or
 * {@linkcode EXPANSION_KIND} (hypernyms, hyponyms) and its own informativeness; not a synonym or
 * derived word whose vector the term's disowns (`meaning/disowned_senses.ts`). A relative that
 * is itself a query term, or that an earlier term brought, is not added again. `sources` gives,
 * for each term, the index of the query term it stands for (its own index for a query term; −1
 * for a phrase's synonym, which weighs its own informativeness).
 */
export function expandQuery(
  query: {
    terms: readonly string[];
    priors: readonly number[];
    phrases?: readonly QueryPhrase[];
    /** The query's frame terms (`frameTerms`), which get no relatives. */
    frames?: ReadonlySet<string>;
  },
  relatives: Relatives,
): { terms: string[]; priors: number[]; sources: number[] } {
  const terms = [...query.terms];
  const priors = [...query.priors];
  const sources = query.terms.map((_, i) => i);
  const seen = new Set(terms);
  const unitOfStem = relatives.unitOfStem?.bind(relatives);
  query.terms.forEach((term, i) => {
    if (query.frames?.has(term)) return;
    const related = relatives.related(term);
    if (related === undefined) return;
    // Past the cap only forms are still taken: after the last one the rest is skipped unread
    // (a stem has up to hundreds of relatives; WordNet's put its forms first).
    let lastForm: number | undefined;
    let added = 0;
    let at = -1;
    for (const [other, similarity] of related) {
      at++;
      const form = similarity >= FORM_SIMILARITY;
      if (!form && added >= EXPANSION_PER_TERM) {
        // Found only once the cap is reached (most terms have fewer relatives).
        lastForm ??= lastFormAt(related);
        if (at > lastForm) break;
        continue;
      }
      if (seen.has(other)) continue;
      // A close relative through a sense the vectors disown finds nothing (it counts no cap).
      if (
        !form && similarity >= CLOSE_SIMILARITY && unitOfStem !== undefined &&
        disownedIn(related, term, other, unitOfStem)
      ) continue;
      seen.add(other);
      if (!form) added++;
      const share = form
        ? EXPANSION_FORM
        : similarity === DERIVED_SIMILARITY
        ? EXPANSION_DERIVED
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

/**
 * Each relatives map's relatives found disowned or not (`disownsStem`), kept while the map is:
 * a term's relatives are read from one remembered map, and each check reads two unit vectors.
 */
const disownedMemo = new WeakMap<ReadonlyMap<string, number>, Map<string, boolean>>();

/** {@linkcode disownsStem} of `other` as a relative of `term` (whose relatives are `related`). */
function disownedIn(
  related: ReadonlyMap<string, number>,
  term: string,
  other: string,
  unitOfStem: (wordStem: string) => Float32Array | undefined,
): boolean {
  let memo = disownedMemo.get(related);
  if (memo === undefined) disownedMemo.set(related, memo = new Map());
  let disowned = memo.get(other);
  if (disowned === undefined) memo.set(other, disowned = disownsStem(term, other, unitOfStem));
  return disowned;
}

/** Where each relatives map has its last form (−1: none), found once per map. */
const lastForms = new WeakMap<ReadonlyMap<string, number>, number>();

/** The position of the last entry of `related` that is a form of the word (−1: none). */
function lastFormAt(related: ReadonlyMap<string, number>): number {
  let last = lastForms.get(related);
  if (last === undefined) {
    last = -1;
    let at = 0;
    for (const similarity of related.values()) {
      if (similarity >= FORM_SIMILARITY) last = at;
      at++;
    }
    lastForms.set(related, last);
  }
  return last;
}
