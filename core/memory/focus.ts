/**
 * Focal words: a query's weight concentrated on its most informative words, so that a memory
 * sharing only a peripheral word of the question ("my", "week", "work") literally does not
 * outrank one that answers its focal words by meaning only.
 *
 * BM25 already weighs each query term by its idf (times its informativeness in English, its
 * prior), and `lexical` is the share of that weight a memory holds. But that share is linear:
 * a question of one rare word and two common ones gives the common ones together about as much
 * as the rare one, and a short memory that repeats one of them (BM25's length normalisation
 * lifts short texts) scores like a partial answer. Raising each term's weight to a power
 * {@linkcode FOCUS} > 1 (relative to the heaviest term, so the heaviest keeps its weight)
 * sharpens the distribution: the focal word's share grows, a peripheral word's shrinks. The
 * sharpened weights are the query's priors, so BM25 (finding and scoring, every backend alike)
 * and word alignment (which weighs words by the same BM25 weights) both use them.
 *
 * A question in several parts ("What music do I play or listen to?", "What do I cook, bake or
 * grow?") asks for several focal words, one per part: each term is sharpened relative to the
 * heaviest term of its own part, so no part's answer loses to another's.
 *
 * @module
 */
import { weightedQuery } from "./meaning/alignment.ts";
import { stem } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";

/**
 * The power to which each query term's BM25 weight is raised, relative to the heaviest term of
 * its part of the query: w'(t) = w(t) · (w(t) / max w)^(FOCUS − 1).
 */
export const FOCUS = 2;

/** Where a query text splits into parts. */
export const PART_BREAK = /\b(?:and|or)\b|[,;]/i;

/**
 * The parts of a query text (split at "and", "or", commas and semicolons), as sets of stems;
 * remembered by text, since a search reads them twice (focal words here, aspects in
 * `coverage.ts`). Shared: not to be changed.
 */
export const queryParts: (text: string) => readonly ReadonlySet<string>[] = rememberedByText(
  (text) =>
    Object.freeze(
      text.split(PART_BREAK)
        .map((part) => new Set(weightedQuery(part, () => 1).map((item) => stem(item.word))))
        .filter((part) => part.size > 0),
    ),
);

/** Whether `text` has more than one part to split into (else {@linkcode queryParts} has one). */
export function mayHaveParts(text: string): boolean {
  return PART_BREAK.test(text);
}

/**
 * The factor each of a query's `terms` (with BM25 weights `weights`) takes on its prior:
 * (w(t) / heaviest of its part)^(FOCUS − 1), at most 1. A term of several parts takes the
 * largest; a term of none (or a query of one term) is relative to the heaviest term of all.
 */
export function focusFactors(
  text: string,
  terms: readonly string[],
  weights: readonly number[],
  focus: number = FOCUS,
): number[] {
  const overall = Math.max(0, ...weights);
  if (focus === 1 || overall <= 0) return terms.map(() => 1);
  const parts = queryParts(text);
  const heaviest = parts.map((part) =>
    terms.reduce((max, term, i) => part.has(term) ? Math.max(max, weights[i] ?? 0) : max, 0)
  );
  return terms.map((term, i) => {
    const weight = weights[i] ?? 0;
    if (weight <= 0) return 1;
    let top = 0;
    parts.forEach((part, p) => {
      if (part.has(term) && heaviest[p]! > 0) {
        top = top === 0 ? heaviest[p]! : Math.min(top, heaviest[p]!);
      }
    });
    return Math.min(1, (weight / (top || overall)) ** (focus - 1));
  });
}
