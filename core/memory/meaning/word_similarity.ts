/**
 * How alike a query word and a memory word are (`preparedSimilarity`), and the same worked out
 * over a memory-word table (`word_table.ts`) for alignment's inner loop: the same operations in
 * the same order, so the same cosines to the last bit, without a `Map` lookup or a boxed
 * number per word pair.
 *
 * @module
 */
import { TYPE_SIMILARITY } from "./answer_types.ts";
import { disownable, disowned } from "./disowned_senses.ts";
import { KIN_OTHER_SIMILARITY } from "./kin_terms.ts";
import { phraseRelation } from "./memory_phrases.ts";
import type { PreparedWord } from "./prepared_word.ts";
import { TYPO_SIMILARITY } from "./typo_forms.ts";
import {
  SLIP_MIN_LETTERS,
  slipOfStopWord,
  typoApart,
  UNKNOWN_PAIR_MIN_LETTERS,
} from "./typo_pairs.ts";
import type { MemoryWordTable, WordCosines } from "./word_table.ts";

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
  return nearness(a, v, 0, b.informativeness ?? 1, disownable(a, b.stem, related));
}

/** The stem or WordNet part of {@linkcode preparedSimilarity}: 1 for a shared stem. */
function relation(a: PreparedWord, b: PreparedWord): number {
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
  return related;
}

/**
 * `related` (a {@linkcode relation} of query word `a`) raised to {@linkcode TYPE_SIMILARITY} when
 * memory word `stem` is a member of the answer type `a` asks for (`typeMembers`).
 */
function typed(related: number, typeMembers: ReadonlySet<string> | undefined, stem: string) {
  return typeMembers !== undefined && related < TYPE_SIMILARITY && typeMembers.has(stem)
    ? TYPE_SIMILARITY
    : related;
}

/**
 * The vector part of {@linkcode preparedSimilarity}: `a.unit`'s cosine with the memory word's
 * vector (`values` from `at` on), or its class centroid's if higher, times specificity
 * (`found`: the memory word's informativeness), or the relation if higher.
 */
function nearness(
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
function specific(sum: number, asked: number, found: number, related: number): number {
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

/** The rows a call of {@linkcode highestInTable} works out, and their relations (reused). */
let pendingIds = new Int32Array(256);
let pendingSlots = new Int32Array(256);
let pendingRelated = new Float64Array(256);
/** Each id's slot in the call's `WordCosines` (no slot moves within a call). */
let idSlots = new Int32Array(256);

/**
 * The highest {@linkcode preparedSimilarity} of query word `a` (with a vector) with the memory
 * words `ids` of `table` (0 when none is positive), each cosine not yet in `cosines` worked out
 * and kept there: stems and WordNet first, then the dot products left, four rows at a time
 * (four sums in one loop, each in its own order: the same sums, about twice as fast as one).
 */
export function highestInTable(
  a: PreparedWord,
  cosines: WordCosines,
  memory: { table: MemoryWordTable; ids: Int32Array },
): number {
  const { table, ids } = memory;
  cosines.reserve(table, ids.length);
  const { keys, values } = cosines;
  const regular = a.unit!.length === table.dimensions;
  if (pendingIds.length < ids.length) {
    pendingIds = new Int32Array(ids.length);
    pendingSlots = new Int32Array(ids.length);
    pendingRelated = new Float64Array(ids.length);
    idSlots = new Int32Array(ids.length);
  }
  let pending = 0;
  let computed = 0;
  const kinOthers = a.kinOthers;
  const typeMembers = a.typeMembers;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const slot = cosines.slot(id);
    idSlots[i] = slot;
    if (keys[slot] === id) continue;
    // Known from here on (a word twice in `ids` is worked out once).
    keys[slot] = id;
    computed++;
    const kind = table.vectorKinds[id];
    if (!regular || kind === 2) {
      values[slot] = preparedSimilarity(a, table.words[id]!);
      continue;
    }
    if (kinOthers?.has(table.words[id]!.stem)) {
      values[slot] = KIN_OTHER_SIMILARITY;
      continue;
    }
    const word = table.words[id]!;
    const related = typeMembers === undefined
      ? relation(a, word)
      : typed(relation(a, word), typeMembers, word.stem);
    values[slot] = related >= 1 ? 1 : related;
    if (related >= 1 || kind === 0) continue;
    pendingIds[pending] = id;
    pendingSlots[pending] = slot;
    pendingRelated[pending++] = disownable(a, word.stem, related);
  }
  if (pending > 0) nearRows(a, { table, values, count: pending });
  let highest = 0;
  for (let i = 0; i < ids.length; i++) {
    const similarity = values[idSlots[i]!]!;
    if (similarity > highest) highest = similarity;
  }
  if (computed > 0) cosines.added(computed);
  return highest;
}

/** {@linkcode nearness} of `a` with the first `count` pending rows, into their slots of `values`. */
function nearRows(
  a: PreparedWord,
  rows: { table: MemoryWordTable; values: Float64Array; count: number },
): void {
  const { table, values, count } = rows;
  const { units, dimensions, informativeness } = table;
  const u = a.unit!;
  const asked = a.informativeness ?? 1;
  let k = 0;
  if (a.centroid === undefined) {
    for (; k + 4 <= count; k += 4) {
      const id0 = pendingIds[k]!, id1 = pendingIds[k + 1]!;
      const id2 = pendingIds[k + 2]!, id3 = pendingIds[k + 3]!;
      const at0 = id0 * dimensions, at1 = id1 * dimensions;
      const at2 = id2 * dimensions, at3 = id3 * dimensions;
      let sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
      for (let d = 0; d < u.length; d++) {
        const x = u[d]!;
        sum0 += x * units[at0 + d]!;
        sum1 += x * units[at1 + d]!;
        sum2 += x * units[at2 + d]!;
        sum3 += x * units[at3 + d]!;
      }
      values[pendingSlots[k]!] = specific(sum0, asked, informativeness[id0]!, pendingRelated[k]!);
      values[pendingSlots[k + 1]!] = specific(
        sum1,
        asked,
        informativeness[id1]!,
        pendingRelated[k + 1]!,
      );
      values[pendingSlots[k + 2]!] = specific(
        sum2,
        asked,
        informativeness[id2]!,
        pendingRelated[k + 2]!,
      );
      values[pendingSlots[k + 3]!] = specific(
        sum3,
        asked,
        informativeness[id3]!,
        pendingRelated[k + 3]!,
      );
    }
    // Most calls have a few rows (2-6): two of the last ones together too.
    if (k + 2 <= count) {
      const id0 = pendingIds[k]!, id1 = pendingIds[k + 1]!;
      const at0 = id0 * dimensions, at1 = id1 * dimensions;
      let sum0 = 0, sum1 = 0;
      for (let d = 0; d < u.length; d++) {
        const x = u[d]!;
        sum0 += x * units[at0 + d]!;
        sum1 += x * units[at1 + d]!;
      }
      values[pendingSlots[k]!] = specific(sum0, asked, informativeness[id0]!, pendingRelated[k]!);
      values[pendingSlots[k + 1]!] = specific(
        sum1,
        asked,
        informativeness[id1]!,
        pendingRelated[k + 1]!,
      );
      k += 2;
    }
  } else {
    // A class noun: each row's cosines with the word and with the class, two rows at a time.
    const centroid = a.centroid;
    for (; k + 2 <= count; k += 2) {
      const id0 = pendingIds[k]!, id1 = pendingIds[k + 1]!;
      const at0 = id0 * dimensions, at1 = id1 * dimensions;
      let sum0 = 0, sum1 = 0, member0 = 0, member1 = 0;
      for (let d = 0; d < u.length; d++) {
        const x = u[d]!;
        const c = centroid[d]!;
        const value0 = units[at0 + d]!;
        const value1 = units[at1 + d]!;
        sum0 += x * value0;
        member0 += c * value0;
        sum1 += x * value1;
        member1 += c * value1;
      }
      if (member0 > sum0) sum0 = member0;
      if (member1 > sum1) sum1 = member1;
      values[pendingSlots[k]!] = specific(sum0, asked, informativeness[id0]!, pendingRelated[k]!);
      values[pendingSlots[k + 1]!] = specific(
        sum1,
        asked,
        informativeness[id1]!,
        pendingRelated[k + 1]!,
      );
    }
  }
  for (; k < count; k++) {
    const id = pendingIds[k]!;
    values[pendingSlots[k]!] = nearness(
      a,
      units,
      id * dimensions,
      informativeness[id]!,
      pendingRelated[k]!,
    );
  }
}
