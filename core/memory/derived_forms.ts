/**
 * Derived forms the Porter stemmer leaves apart: it strips "-ic" ("dyslexic" → `dyslex`,
 * "allergic" → `allerg`) but keeps the "-ia" and "-y" of the nouns ("dyslexia" → `dyslexia`,
 * "allergy" → `allergi`), so a query's adjective misses the memory's noun and back. The index
 * keeps FTS5's stems (`porter.ts`); the query brings the other form, as another form of the
 * same word (`EXPANSION_FORM`, the query term's whole weight):
 *
 * - a word ending in "-ic"/"-ics" whose stem lost it brings its stem + "i" and + "ia";
 * - a stem ending in "-ia" or "-i" after a consonant but "l" brings the stem without it, when at least
 *   {@linkcode MIN_DERIVED_ROOT} letters are left ("part" of "party" is not "parti"'s root).
 *
 * @module
 */
import { isContentWord, stem, words } from "./text.ts";
import { EXPANSION_FORM } from "./expansion_shares.ts";

/** The fewest letters a noun's stem keeps once its "-ia"/"-i" goes ("allerg", "dyslex"). */
export const MIN_DERIVED_ROOT = 5;

/** The derived forms (terms) of a folded word whose term is `term` (see the module). */
export function derivedForms(word: string, term: string): string[] {
  if (/ics?$/.test(word) && !term.endsWith("ic")) return [term + "i", term + "ia"];
  // After a consonant: "-y" nouns of "-ic" adjectives ("allergy"), not "holiday" (`holidai`)
  // nor an adverb's "-ly" ("really": `realli`).
  const root = term.replace(/(?<=[^aeioul])(?:ia|i)$/, "");
  return root !== term && root.length >= MIN_DERIVED_ROOT ? [root] : [];
}

/** A BM25 query: terms, their priors, and the query term each stands for. */
export interface ExpandedQuery {
  terms: readonly string[];
  priors: readonly number[];
  sources: readonly number[];
}

/** How many of `expanded`'s terms are the query's own (each its own source). */
function ownTerms(expanded: ExpandedQuery): number {
  let own = 0;
  while (own < expanded.terms.length && expanded.sources[own] === own) own++;
  return own;
}

/**
 * `expanded` (the query's own terms first, then their relatives) followed by the derived forms
 * of the words of `text` ({@linkcode derivedForms}) it does not hold yet (or holds as a relative of less weight), each with its query
 * term's prior times {@linkcode EXPANSION_FORM}; `expanded` itself when there are none.
 */
export function withDerivedForms(text: string, expanded: ExpandedQuery): ExpandedQuery {
  let extended: { terms: string[]; priors: number[]; sources: number[] } | undefined;
  for (const word of words(text)) {
    if (!isContentWord(word)) continue;
    const term = stem(word);
    const source = expanded.terms.indexOf(term);
    if (source < 0 || expanded.sources[source] !== source) continue;
    for (const form of derivedForms(word, term)) {
      const prior = expanded.priors[source]! * EXPANSION_FORM;
      const at = (extended?.terms ?? expanded.terms).indexOf(form);
      // A relative already there (WordNet's derived words weigh little) weighs as a form.
      if (
        at >= 0 && (at < ownTerms(expanded) || (extended?.priors ?? expanded.priors)[at]! >= prior)
      ) {
        continue;
      }
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
      extended.terms.push(form);
      extended.priors.push(prior);
      extended.sources.push(source);
    }
  }
  return extended ?? expanded;
}
