/**
 * Query expansion: a query's terms followed by their WordNet relatives
 * (`meaning/word_relations.ts`), which BM25 uses to find candidates at a small share of their
 * term's weight (the constants are in `ranking.ts`).
 *
 * @module
 */
import { EXPANSION_CLOSE, EXPANSION_FORM, EXPANSION_KIND, EXPANSION_PER_TERM } from "./ranking.ts";
import { CLOSE_SIMILARITY, FORM_SIMILARITY } from "./meaning/word_relations.ts";
import { queryTermFactor } from "./query.ts";

/** Where {@linkcode expandQuery} finds a term's relatives and how informative a stem is. */
export interface Relatives {
  related(wordStem: string): ReadonlyMap<string, number> | undefined;
  stemInformativeness(wordStem: string): number;
}

/**
 * The query's terms and priors followed by its terms' WordNet relatives (not frame words), at
 * most {@linkcode EXPANSION_PER_TERM} per term (irregular forms of the same word do not count
 * against it), each with its term's prior times {@linkcode EXPANSION_FORM} (another form of the
 * same word: "children", "child"), {@linkcode EXPANSION_CLOSE} (synonyms, derived words) or
 * {@linkcode EXPANSION_KIND} (hypernyms, hyponyms) and its own informativeness. A relative that is itself a query term,
 * or that an earlier term brought, is not added again.
 */
export function expandQuery(
  query: { terms: readonly string[]; priors: readonly number[] },
  relatives: Relatives,
): { terms: string[]; priors: number[] } {
  const terms = [...query.terms];
  const priors = [...query.priors];
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
      // The same word in another form weighs what the query's own form does.
      const prior = form
        ? query.priors[i]!
        : Math.min(query.priors[i]!, relatives.stemInformativeness(other));
      priors.push(prior * share);
    }
  });
  return { terms, priors };
}
