/**
 * The relations file's shape (`word_relations.gen.json`, written by `gen_word_relations.ts`) and
 * the cosine each of its relations counts as in word alignment (`word_relations.ts` reads it).
 *
 * @module
 */

/** The generated data (`word_relations.gen.json`). */
export interface WordRelationData {
  id: string;
  /**
   * One line per stem: `stem close,close,...|kind,kind,...|defining,defining,...|form,form,...`
   * (each list closest in meaning first; the last part may be absent; a broader kind, a
   * hypernym, written after `BROADER` of `relation_refs.ts`: `^dog` in "pooch"'s line, a kind of
   * the stem bare), then optionally
   * `|close,...;kind,...;defining,...`: the words whose own lists hold this stem but this
   * stem's lists do not (word alignment only; may be empty), then optionally `|k8c2k4d`: the
   * order in which query expansion takes the close, kind and defining lists' first stems
   * (`sense_order.ts`; absent: one list after another).
   */
  relations: string;
  /**
   * `LINE_REFS` of `relation_refs.ts` when the lists of `relations` are written as references to their
   * stems' lines (`relation_refs.ts`); absent: stems separated by commas.
   */
  format?: string;
  /**
   * One line per WordNet multi-word lemma: `term term ...|word,word,...`, its content words'
   * terms in order (stemmed, stop words dropped) and the one-word lemmas of its senses.
   */
  phrases?: string;
  /** The words that name places (by their first two noun senses), separated by spaces. */
  places?: string;
  /** The words whose first noun sense is a person, separated by spaces. */
  persons?: string;
  /** The places WordNet writes only capitalised ("lisbon", not "mesa"), separated by spaces. */
  namedPlaces?: string;
}

/** The id of the shipped table. */
export const WORD_RELATION_ID = "wordnet31-rel-v15";
/** The cosine an irregular form of the same word counts as: a shared stem's. */
export const FORM_SIMILARITY = 1;
/** The cosine a synonym or a derived word counts as. */
export const CLOSE_SIMILARITY = 0.55;
/** The cosine a direct hypernym or a hyponym (two levels down) counts as. */
export const KIND_SIMILARITY = 0.45;
/**
 * The cosine a word of the definition counts as ("insomnia": "an inability to sleep"; "phobia":
 * "... irrational fear ..."): the weakest, definitions also hold words that only frame them.
 */
export const DEFINED_SIMILARITY = 0.4;
/**
 * The cosine a derived word counts as: a synonym or derived word of the close list that is
 * spelt as the word is ({@linkcode derivedStems}: "studies" and "student", "noisy" and "noise",
 * "sleeper" and "sleep"), the same word in another class, more than a synonym.
 */
export const DERIVED_SIMILARITY = 0.6;

/**
 * Whether two stems WordNet relates are spelt as one word's derivations: they agree on their
 * first 3 letters or more, and on all of the shorter stem but its last letter at most
 * (`studi`/`student`, `nois`/`noisi`, `marri`/`marriag`).
 */
export function derivedStems(a: string, b: string): boolean {
  const shorter = a.length <= b.length ? a : b;
  const longer = shorter === a ? b : a;
  let p = 0;
  while (p < shorter.length && shorter[p] === longer[p]) p++;
  return p >= 3 && p >= shorter.length - 1;
}
