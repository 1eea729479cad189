/**
 * A WordNet sense the word vectors disown, in word alignment. A synonym list holds every sense of
 * a word: "kitty" is a cat and a pool of money (so "pool"), "nation" a country and a home, "read"
 * also "record" (of a gauge), "visit" also "see". A query word's vector is trained on how English
 * uses it, mostly in one sense; when it is all but unrelated to the memory word's vector (a cosine
 * below {@linkcode DISOWNED_BELOW}: "kitty"/"pool" 0.03, "nation"/"home" 0.04, "visiting"/"see"
 * −0.08, where "kitty"/"cat" is 0.39 and "aurora"/"sunrise" 0.34), the link runs through a sense
 * the question does not use, and counts {@linkcode DISOWNED_SHARE} of itself: a close relative
 * (0.55) then counts 0.44, just below a kind, so "what kitty do we own" no longer finds the
 * swimming pool first. This is `confirmed`'s other side (`word_similarity.ts`): there the vectors
 * agree and the two add up.
 *
 * Only the word's own close relatives and derived words are judged so (`PreparedWord.senses`):
 * not its forms (the word itself), not kinds and definition words (they count less already, and
 * their vectors drift by nature), not a compound's parts ("flatmate" → "flat" says who the mate
 * is, whatever "flat" and "flatmate" share in the vectors), a kinship word's meanings, an answer
 * type's members, a slip's reading or a second hop; and only when both words have vectors (no
 * evidence is no disowning). Query expansion (`expansion.ts`) leaves such a relative out of BM25
 * by the same rule ({@linkcode disownsStem}): a sense the question does not use finds no
 * candidates. Session 36 measured both (core/memory/HISTORY.md, recall63).
 *
 * @module
 */
import type { PreparedWord } from "./prepared_word.ts";
import { CLOSE_SIMILARITY, FORM_SIMILARITY } from "./word_relations.ts";

/** The cosine below which the vectors disown a close relative's sense (unrelated words ~0-0.1). */
export const DISOWNED_BELOW = 0.1;
/** The share of its strength a disowned relation keeps: 0.55 → 0.44, below a kind's 0.45. */
export const DISOWNED_SHARE = 0.8;

/**
 * `related` (query word `a`'s relation to memory stem `stem`), negated when it is one of the
 * word's own close WordNet senses that the vectors may disown ({@linkcode disowned} reads it back):
 * one number, so the alignment's inner loop keeps one array of relations.
 */
export function disownable(a: PreparedWord, stem: string, related: number): number {
  return related >= CLOSE_SIMILARITY && related < FORM_SIMILARITY &&
      a.senses?.get(stem) === related
    ? -related
    : related;
}

/**
 * The relation a pair of words counts: `marked` as {@linkcode disownable} left it, lowered to
 * {@linkcode DISOWNED_SHARE} of itself when marked and the words' `cosine` (before specificity)
 * is below {@linkcode DISOWNED_BELOW}.
 */
export function disowned(marked: number, cosine: number): number {
  if (marked >= 0) return marked;
  return cosine < DISOWNED_BELOW ? -marked * DISOWNED_SHARE : -marked;
}

/**
 * Whether the vectors disown stem `other` as a sense of stem `wordStem` (`unitOfStem`: a stem's
 * word's unit vector): both known and their cosine below {@linkcode DISOWNED_BELOW}.
 */
export function disownsStem(
  wordStem: string,
  other: string,
  unitOfStem: (wordStem: string) => Float32Array | undefined,
): boolean {
  const u = unitOfStem(wordStem);
  const v = u === undefined ? undefined : unitOfStem(other);
  if (u === undefined || v === undefined) return false;
  let cosine = 0;
  for (let d = 0; d < u.length; d++) cosine += u[d]! * v[d]!;
  return cosine < DISOWNED_BELOW;
}
