/**
 * A closed compound's own words in word alignment. "flatmate" is a mate one shares a flat with,
 * "smartphone" a phone, "firefighter" one who fights fire: a memory says the relation with the
 * compound's words apart ("I share a flat with my cousin Dario", "My phone is an iPhone 11"), and
 * WordNet relates few compounds to their words ("flatmate" only to "friend"). So a query word that
 * `compounds.ts` splits matches its head (its last part, what the whole is a kind of) as a kind
 * and its modifier (what the whole is about) as a word of its definition, unless WordNet relates
 * them more strongly. A relational compound, whose head names a person ("flatmate", "roommate",
 * "firefighter"), matches its modifier as a close relative and not its head: any mate is no
 * flatmate, while a flat shared says who one is. Kinship words ("grandmother") are left to
 * `kin_terms.ts`. BM25 gets the parts already
 * (`withCompoundParts` in `compounds.ts`); this gives the memory that says them their meaning.
 *
 * @module
 */
import { compoundParts, type CompoundWords } from "../compounds.ts";
import { stem } from "../text.ts";
import { CLOSE_SIMILARITY, DEFINED_SIMILARITY, KIND_SIMILARITY } from "./word_relations.ts";

/** The cosine a compound's head counts as with it ("smartphone" → "phone"): a kind. */
export const COMPOUND_HEAD_RELATION = KIND_SIMILARITY;
/** The cosine a compound's modifier counts as with it ("smartphone" → "smart"): a defining word. */
export const COMPOUND_MODIFIER_RELATION = DEFINED_SIMILARITY;
/**
 * The cosine the modifier of a compound whose head names a person counts as ("flatmate" →
 * "flat", "firefighter" → "fire"): a close relative. Such a head says only that the whole is
 * someone ("mate", "fighter": any friend or fighter), the modifier which one.
 */
export const RELATIONAL_MODIFIER_RELATION = CLOSE_SIMILARITY;

/** What the compound's relatives read of the word data. */
export interface CompoundRelativeWords extends CompoundWords {
  /** Whether the folded word names a person (WordNet's first noun sense). */
  isPerson(word: string): boolean;
}
/** Words whose split is remembered, per word data (then the memory starts over). */
const REMEMBERED = 4_096;

const remembered = new WeakMap<CompoundWords, Map<string, [string, string] | undefined>>();

/**
 * `related` (the folded `word`'s WordNet relations, by stem) with the compound's head and
 * modifier (see the module) when `word` is a closed compound; `related` itself otherwise.
 */
export function withCompoundRelatives(
  word: string,
  related: ReadonlyMap<string, number> | undefined,
  known: CompoundRelativeWords,
): ReadonlyMap<string, number> | undefined {
  let splits = remembered.get(known);
  if (splits === undefined) remembered.set(known, splits = new Map());
  if (!splits.has(word)) {
    if (splits.size >= REMEMBERED) splits.clear();
    splits.set(word, compoundParts(word, known));
  }
  const parts = splits.get(word);
  if (parts === undefined) return related;
  const [modifier, head] = parts;
  const relatives: [string, number][] = known.isPerson(head)
    ? [[stem(modifier), RELATIONAL_MODIFIER_RELATION]]
    : [[stem(head), COMPOUND_HEAD_RELATION], [stem(modifier), COMPOUND_MODIFIER_RELATION]];
  const widened = new Map(related ?? []);
  for (const [part, strength] of relatives) {
    if ((widened.get(part) ?? 0) < strength) widened.set(part, strength);
  }
  return widened;
}
