/**
 * How alike a query word and a memory word are (`preparedSimilarity`); the same worked out over
 * a memory-word table for alignment's inner loop is `table_similarity.ts`, which shares the parts
 * exported here (the same operations in the same order, so the same cosines to the last bit).
 *
 * @module
 */
import { TYPE_SIMILARITY } from "./answer_types.ts";
import { disownable, disowned } from "./disowned_senses.ts";
import { KIN_OTHER_SIMILARITY } from "./kin_terms.ts";
import { phraseRelation } from "./memory_phrases.ts";
import type { PreparedWord } from "./prepared_word.ts";
import { TYPO_SIMILARITY } from "./typo_forms.ts";
import { compoundReadsOtherWord, isShortForm, SHORT_FORM_SIMILARITY } from "./short_forms.ts";
import { KIND_SIMILARITY } from "./word_relation_data.ts";
import {
  SLIP_MIN_LETTERS,
  slipOfStopWord,
  typoApart,
  UNKNOWN_PAIR_MIN_LETTERS,
} from "./typo_pairs.ts";

/**
 * How alike query word `a` and memory word `b` are, as a cosine: 1 for a shared stem (or an
 * irregular form of the word, or a synonym of a memory's phrase `b`), else the higher of their
 * vectors' cosine times {@linkcode specificity} and their WordNet relation (an explicit link,
 * or one to a synonym of phrase `b`, counts whole; so does a member of the answer type query
 * word `a` asks for, `answer_types.ts`), or more when the vectors confirm a close relation
 * ({@linkcode confirmed}). For a
 * class noun (`a.centroid`: "injuries") the vectors' cosine is the higher of `b`'s with the word
 * and with the class's centroid ("wrist").
 */
export function preparedSimilarity(a: PreparedWord, b: PreparedWord): number {
  if (a.kinOthers?.has(b.stem)) return KIN_OTHER_SIMILARITY;
  const related = typed(relation(a, b), a.typeMembers, b.stem);
  if (related >= 1) return 1;
  const u = a.unit;
  const v = b.unit;
  if (!u || !v) return related;
  return Math.min(
    nearness(a, v, 0, b.informativeness ?? 1, disownable(a, b.stem, related)),
    unlinkedCap(a, related),
  );
}

/**
 * The most a memory word that only the vectors find near counts for query word `a` when `a`
 * names a class in the plural ("rodents") whose kinds WordNet lists (`a.narrower`, its
 * hyponyms) and `related` (`a`'s
 * WordNet relation to the memory word, as {@linkcode disownable} marks it) is no direct one (none,
 * a second hop or a definition word): {@linkcode UNLINKED_CLASS_CAP}, else 1. A distributional
 * cosine, the word's or its class centroid's, does not tell a sibling or an associate of a
 * class's members ("cats" for "rodents", 0.65) from a member, and WordNet names the members; a kind of
 * the class, or its broader kind, is linked and keeps its cosine ("hamsters" 0.59), so the
 * kind the vectors also find near ranks above the sibling (recall106).
 */
export function unlinkedCap(a: PreparedWord, related: number): number {
  if (a.narrower === undefined || a.narrower.size === 0) return 1;
  return related < 0 || related >= KIND_SIMILARITY ? 1 : UNLINKED_CLASS_CAP;
}

/**
 * {@linkcode unlinkedCap}'s cap: a WordNet synonym's cosine (`CLOSE_SIMILARITY`), 0.75 of a whole
 * match: one source alone, the vectors, counts no more than the other, WordNet, alone.
 */
export const UNLINKED_CLASS_CAP = 0.55;

/** The stem or WordNet part of {@linkcode preparedSimilarity}: 1 for a shared stem. */
export function relation(a: PreparedWord, b: PreparedWord): number {
  if (a.stem === b.stem) return 1;
  let related = a.related?.get(b.stem) ?? 0;
  if (b.synonyms !== undefined) related = Math.max(related, phraseRelation(a, b.synonyms));
  // A slip on either side, or a different one on each (`typo_pairs.ts`): a word the vectors
  // know is spelt right, so one of the two at least is unknown to them.
  // Between two memories, an unknown word's slips are not looked for (`PreparedWord.direct`).
  if (
    related < TYPO_SIMILARITY && (a.unit === undefined ? !a.direct : b.unit === undefined) &&
    a.word.charCodeAt(0) === b.word.charCodeAt(0)
  ) {
    const fewest = a.unit === undefined && b.unit === undefined
      ? UNKNOWN_PAIR_MIN_LETTERS
      : SLIP_MIN_LETTERS;
    // An unknown word that is a function word's slip ("thier") is no slip of a content word.
    if (
      typoApart(a.word, b.word, fewest) && (a.unit !== undefined || !slipOfStopWord(a.word)) &&
      (b.unit !== undefined || !slipOfStopWord(b.word))
    ) related = TYPO_SIMILARITY;
  }
  // A memory's "physio", "mgr" for the query's "physiotherapy", "manager", or the query's for
  // the memory's (`short_forms.ts`): the short form unknown to the vectors, the full word known,
  // and no name ("Steph" is no "Stephen").
  if (
    related < SHORT_FORM_SIMILARITY && !a.direct && !a.named && !b.named &&
    (a.unit === undefined) !== (b.unit === undefined) &&
    (b.unit === undefined ? shortFormOf(b.word, a.word, a) : shortFormOf(a.word, b.word, a))
  ) related = SHORT_FORM_SIMILARITY;
  return related;
}

/**
 * Whether folded `short` is a short form of folded `full` (`isShortForm`) and, as far as query
 * word `asked` knows the vectors (`PreparedWord.known`), reads as no other word they know
 * (`compoundReadsOtherWord`): "tday" is "today", no short form of "tuesday" or "thursday", as the
 * store lookup already read it (`store_short_forms.ts`). The lookups run only for a pair that
 * passed `isShortForm`, once a pair for each `known` ({@linkcode READINGS_REMEMBERED}): every
 * memory that writes "tday" meets the query's "thursday" again.
 */
function shortFormOf(short: string, full: string, asked: PreparedWord): boolean {
  if (!isShortForm(short, full)) return false;
  const known = asked.known;
  if (known === undefined) return true;
  let pairs = otherReadings.get(known);
  if (pairs === undefined) otherReadings.set(known, pairs = new Map());
  const pair = `${short} ${full}`;
  let other = pairs.get(pair);
  if (other === undefined) {
    if (pairs.size >= READINGS_REMEMBERED) pairs.clear();
    pairs.set(pair, other = compoundReadsOtherWord(short, full, known));
  }
  return !other;
}

/** Short-form pairs whose other reading is remembered, per word data (then it starts over). */
export const READINGS_REMEMBERED = 4_096;

const otherReadings = new WeakMap<(word: string) => boolean, Map<string, boolean>>();

/**
 * `related` (a {@linkcode relation} of query word `a`) raised to {@linkcode TYPE_SIMILARITY} when
 * memory word `stem` is a member of the answer type `a` asks for (`typeMembers`).
 */
export function typed(related: number, typeMembers: ReadonlySet<string> | undefined, stem: string) {
  return typeMembers !== undefined && related < TYPE_SIMILARITY && typeMembers.has(stem)
    ? TYPE_SIMILARITY
    : related;
}

/**
 * The vector part of {@linkcode preparedSimilarity}: `a.unit`'s cosine with the memory word's
 * vector (`values` from `at` on), or its class centroid's if higher, times specificity
 * (`found`: the memory word's informativeness), or the relation if higher.
 */
export function nearness(
  a: PreparedWord,
  values: Float32Array,
  at: number,
  found: number,
  related: number,
): number {
  const u = a.unit!;
  let sum = 0;
  const centroid = a.centroid;
  if (centroid === undefined) {
    for (let d = 0; d < u.length; d++) sum += u[d]! * values[at + d]!;
  } else {
    // One pass over the memory word's vector for both cosines.
    let member = 0;
    for (let d = 0; d < u.length; d++) {
      const value = values[at + d]!;
      sum += u[d]! * value;
      member += centroid[d]! * value;
    }
    if (member > sum) sum = member;
  }
  return specific(sum, a.informativeness ?? 1, found, related);
}

/**
 * The least relation that the vectors can confirm ({@linkcode confirmed}): half a match, so a
 * close relative, a derived word, a member of an asked answer type or a relational compound's
 * modifier; not a kind, a definition word or a second hop, which lead to other things.
 */
export const CONFIRMED_RELATION = TYPE_SIMILARITY;
/** The share of the two sources' joint evidence a confirmed relation counts ({@linkcode confirmed}). */
export const CONFIRMED_SHARE = 0.9;

/**
 * A WordNet relation of half a match or more (`related`, {@linkcode CONFIRMED_RELATION}) that
 * the vectors confirm (`near`, a positive cosine after specificity): the two are evidence from
 * independent sources, so they add up as a noisy-or, 1 − (1 − near)(1 − related), times
 * {@linkcode CONFIRMED_SHARE}. A synonym list holds every sense of a word ("wedding" and
 * "marriage" are one in one sense); the vectors say which sense English mostly uses, so a
 * synonym they agree with (cosine 0.3: 0.62) counts more than one they do not (0.55), short of
 * a full match unless they agree well. Either alone counts as before.
 */
export function confirmed(near: number, related: number): number {
  if (related < CONFIRMED_RELATION || near <= 0) return Math.max(near, related);
  return Math.max(near, related, CONFIRMED_SHARE * (1 - (1 - near) * (1 - related)));
}

/**
 * A cosine `sum` times specificity (`asked`, `found`: the words' informativeness), or
 * `related`, whichever is higher, or both as {@linkcode confirmed} says; a relation marked
 * `disownable` (negative) counts less when the cosine disowns it (`disowned_senses.ts`).
 */
export function specific(sum: number, asked: number, found: number, related: number): number {
  return confirmed(
    sum > 0 ? sum * (asked <= found ? 1 : found / asked) : sum,
    disowned(related, sum),
  );
}

/**
 * The share of a near match between query word `a` and memory word `b` that counts: a memory
 * word less informative than the query word (`informativeness`) answers it only as far as
 * it is specific, so "children" is answered by "daughter" (as informative) more than by
 * "people" (common everywhere, 0.46 against 0.78): min(1, inf(b) / inf(a)).
 */
export function specificity(a: PreparedWord, b: PreparedWord): number {
  const asked = a.informativeness ?? 1;
  const found = b.informativeness ?? 1;
  return asked <= found ? 1 : found / asked;
}
