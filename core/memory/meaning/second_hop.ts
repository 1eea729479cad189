/**
 * A query word's synonyms' relatives, in word alignment. A synonym or derived word (WordNet's
 * close list) means what the word means, so what WordNet relates to it is, one step weaker,
 * related to the word too: "sleeper" → "sleep" (derived) → "snore" (whose definition, "breathe
 * noisily during one's sleep", uses it), so "Is my partner a noisy sleeper?" finds "My wife snores
 * loudly"; "mercenary" → "paid" → "pay", so "Which mercenaries trashed the place?" finds the
 * sellswords who "left without paying". Only the close list leads on:
 * a kind's or a defining word's own relatives drift (the relatives of "fire", a kind of "blaze",
 * are guns and ovens). Each such relative counts as {@linkcode SECOND_HOP_SIMILARITY}, below
 * every direct relation, so a memory the word itself or its direct relative answers still ranks
 * first. Query expansion (`expansion.ts`) keeps to the direct relations: this gives meaning to
 * candidates found, it finds none; and only a query's words reach this far, not the words of two
 * memories compared with each other (`WordMeanings.direct`). Session 28 measured it
 * (core/memory/HISTORY.md).
 *
 * @module
 */
import { makeRoom } from "../oldest_first.ts";
import { EXPANSION_PER_TERM } from "../expansion_shares.ts";
import { CLOSE_SIMILARITY, FORM_SIMILARITY } from "./word_relations.ts";

/**
 * The cosine a relative of a synonym counts as: below the weakest direct relation
 * (`DEFINED_SIMILARITY`, 0.40), above alignment's floor (0.25), so a quarter of a match.
 */
export const SECOND_HOP_SIMILARITY = 0.35;
/** Close relatives followed, and relatives taken of each, in their order (closest first). */
const PER_HOP = EXPANSION_PER_TERM;
/**
 * Query stems whose relations with their second hop are remembered (a few hundred stems each,
 * some 10 kB for a common word: at most about 20 MB).
 */
export const HOP_LIMIT = 2_048;

/**
 * `related` (the relations of `wordStem`, word alignment's, in their order) with the first
 * relatives (`relativesOf` a stem, at most a count) of its first close relatives added at
 * {@linkcode SECOND_HOP_SIMILARITY}, where `related` has none; `related` itself when nothing is
 * added. One map, so alignment looks a pair up once.
 */
export function withSecondHop(
  wordStem: string,
  related: ReadonlyMap<string, number> | undefined,
  relativesOf: (wordStem: string, count: number) => Iterable<string>,
): ReadonlyMap<string, number> | undefined {
  if (related === undefined) return undefined;
  let widened: Map<string, number> | undefined;
  let followed = 0;
  for (const [close, strength] of related) {
    // Forms are the word itself (its relatives are the word's); kinds and defining words drift.
    if (strength >= FORM_SIMILARITY || strength < CLOSE_SIMILARITY) continue;
    if (followed++ >= PER_HOP) break;
    for (const second of relativesOf(close, PER_HOP)) {
      if (second === wordStem || related.has(second) || widened?.has(second)) continue;
      (widened ??= new Map(related)).set(second, SECOND_HOP_SIMILARITY);
    }
  }
  return widened ?? related;
}

/** Stems' relations with their second hop, remembered by stem ({@linkcode HOP_LIMIT}, oldest out). */
export class SecondHops {
  readonly #related = new Map<string, ReadonlyMap<string, number> | undefined>();

  /** How many stems are remembered (for tests). */
  get size(): number {
    return this.#related.size;
  }

  /**
   * {@linkcode withSecondHop} of `wordStem`'s relations `own` (a function of the stem alone),
   * the relatives' first ones read from `relations`; remembered, since word pairs
   * (`word_pairs.ts`) start over every few hundred query words and prepare them again.
   */
  related(
    wordStem: string,
    own: ReadonlyMap<string, number> | undefined,
    relations: { firstRelatives(wordStem: string, count: number): readonly string[] },
  ): ReadonlyMap<string, number> | undefined {
    if (this.#related.has(wordStem)) return this.#related.get(wordStem);
    const related = withSecondHop(
      wordStem,
      own,
      (close, count) => relations.firstRelatives(close, count),
    );
    makeRoom(this.#related, HOP_LIMIT);
    this.#related.set(wordStem, related);
    return related;
  }
}
