/**
 * British and American spellings the Porter stemmer leaves apart: "favourite" and "favorite"
 * (`favourit`, `favorit`), "colour" and "color", "neighbour" and "neighbor"; and so the texting
 * spellings that stand for them ("fave" is "favourite", "fav" is "favorite": `chat_speak.ts`).
 * BM25 reads each as another word. The query brings the other spelling of each of its own terms
 * as another form of the same word (`EXPANSION_FORM`, the term's whole weight), when the
 * word table knows both and their words mean the same ({@linkcode SAME_SPELLING}: "tour" is no
 * "tor", "four" no "for"). Only "-our-" and "-or-": the other pairs (-ise/-ize, -re/-er) stem to
 * terms of different lengths ("organis", "organ"; "centr", "center").
 *
 * @module
 */
import { EXPANSION_FORM } from "./ranking.ts";
import type { ExpandedQuery } from "./derived_forms.ts";

/**
 * The cosine two spellings' words need to count as one word: word alignment's full match
 * (`ALIGNMENT_FULL`, near-synonyms). "favourite"/"favorite" 0.75, "colour"/"color" 0.86.
 */
export const SAME_SPELLING = 0.65;

/** What {@linkcode spellingVariants} reads of the word vectors. */
export interface SpellingWords {
  /** The unit vector of a stem's word, if the table holds the stem. */
  unitOfStem(wordStem: string): Float32Array | undefined;
}

/** The other spellings of `term` (a stem) that mean the same ("favourit" → "favorit"). */
export function spellingVariants(term: string, words: SpellingWords): string[] {
  const variants: string[] = [];
  for (const [from, to] of [["our", "or"], ["or", "our"]] as const) {
    for (let at = term.indexOf(from); at >= 0; at = term.indexOf(from, at + 1)) {
      const variant = term.slice(0, at) + to + term.slice(at + from.length);
      if (variant !== term && sameMeaning(term, variant, words)) variants.push(variant);
    }
  }
  return variants;
}

function sameMeaning(a: string, b: string, words: SpellingWords): boolean {
  const u = words.unitOfStem(a);
  const v = u === undefined ? undefined : words.unitOfStem(b);
  if (u === undefined || v === undefined) return false;
  let dot = 0;
  for (let d = 0; d < u.length; d++) dot += u[d]! * v[d]!;
  return dot >= SAME_SPELLING;
}

/**
 * `expanded` with the {@linkcode spellingVariants} of its own terms it does not hold yet (or
 * holds as a relative of less weight), each with its term's prior times `EXPANSION_FORM`.
 */
export function withSpellingVariants(
  expanded: ExpandedQuery,
  words: SpellingWords,
): ExpandedQuery {
  let extended: { terms: string[]; priors: number[]; sources: number[] } | undefined;
  const own = ownTerms(expanded);
  for (let source = 0; source < own; source++) {
    for (const variant of spellingVariants(expanded.terms[source]!, words)) {
      const prior = expanded.priors[source]! * EXPANSION_FORM;
      const terms = extended?.terms ?? expanded.terms;
      const at = terms.indexOf(variant);
      if (at >= 0 && (at < own || (extended?.priors ?? expanded.priors)[at]! >= prior)) continue;
      extended ??= {
        terms: [...expanded.terms],
        priors: [...expanded.priors],
        sources: [...expanded.sources],
      };
      if (at >= 0) {
        extended.priors[at] = prior;
        extended.sources[at] = source;
        continue;
      }
      extended.terms.push(variant);
      extended.priors.push(prior);
      extended.sources.push(source);
    }
  }
  return extended ?? expanded;
}

/** How many of `expanded`'s terms are the query's own (each its own source). */
function ownTerms(expanded: ExpandedQuery): number {
  let own = 0;
  while (own < expanded.terms.length && expanded.sources[own] === own) own++;
  return own;
}
