/**
 * A word's WordNet relatives in the order query expansion takes them (`expansion.ts` keeps the
 * first {@linkcode EXPANSION_PER_TERM} of a term): its other forms first (the word itself),
 * then every other relative, synonym or kind alike, closest in meaning to the word first (by
 * the word vectors). The relations file lists synonyms by frequency, so a word's rarer senses
 * came first and used up the budget: "mountain" brought "big", "lot", "deal", "heap" (of "a
 * mountain of work") before "alp" or "foothill", "home" brought "nation", "intern", "plain"
 * (of "home team") before "house". The vectors say which sense is in use.
 *
 * @module
 */
import type { EXPANSION_PER_TERM } from "../ranking.ts";
import { FORM_SIMILARITY } from "./word_relations.ts";

/**
 * `related` (stems with the cosine each counts as) reordered: forms first, then the others by
 * `closeness` to the word, highest first; ties keep their order.
 */
export function bySense(
  related: ReadonlyMap<string, number>,
  closeness: (other: string) => number,
): ReadonlyMap<string, number> {
  const ranked = [...related].map(([other, strength], at) => ({
    other,
    strength,
    at,
    closeness: strength >= FORM_SIMILARITY ? Infinity : closeness(other),
  }));
  ranked.sort((a, b) => b.closeness - a.closeness || a.at - b.at);
  return new Map(ranked.map(({ other, strength }) => [other, strength]));
}
