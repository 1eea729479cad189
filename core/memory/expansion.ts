/**
 * Query expansion: a query's terms followed by their WordNet relatives
 * (`meaning/word_relations.ts`), which BM25 uses to find candidates at a small share of their
 * term's weight (the constants are in `ranking.ts`).
 *
 * @module
 */
import { EXPANSION_CLOSE, EXPANSION_KIND, EXPANSION_PER_TERM } from "./ranking.ts";
import { CLOSE_SIMILARITY } from "./meaning/word_relations.ts";
import { queryTermFactor } from "./query.ts";

/** Where {@linkcode expandQuery} finds a term's relatives and how informative a stem is. */
export interface Relatives {
  related(wordStem: string): ReadonlyMap<string, number> | undefined;
  stemInformativeness(wordStem: string): number;
}

/**
 * The query's terms and priors followed by its terms' WordNet relatives (not frame words), at
 * most {@linkcode EXPANSION_PER_TERM} per term, each with its term's prior times
 * {@linkcode EXPANSION_CLOSE} (synonyms, derived words) or {@linkcode EXPANSION_KIND}
 * (hypernyms, hyponyms) and its own informativeness. A relative that is itself a query term,
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
      if (added >= EXPANSION_PER_TERM) break;
      if (seen.has(other)) continue;
      seen.add(other);
      added++;
      const share = similarity >= CLOSE_SIMILARITY ? EXPANSION_CLOSE : EXPANSION_KIND;
      terms.push(other);
      priors.push(Math.min(query.priors[i]!, relatives.stemInformativeness(other)) * share);
    }
  });
  return { terms, priors };
}
