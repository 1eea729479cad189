/**
 * {@linkcode preparedSimilarity} worked out over a memory-word table (`word_table.ts`) for
 * alignment's inner loop: the same operations in the same order as `word_similarity.ts`, so the
 * same cosines to the last bit, without a `Map` lookup or a boxed number per word pair, and the
 * dot products four rows at a time.
 *
 * @module
 */
import { disownable } from "./disowned_senses.ts";
import { KIN_OTHER_SIMILARITY } from "./kin_terms.ts";
import type { PreparedWord } from "./prepared_word.ts";
import type { MemoryWordTable, WordCosines } from "./word_table.ts";
import {
  nearness,
  preparedSimilarity,
  relation,
  specific,
  typed,
  unlinkedCap,
} from "./word_similarity.ts";

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
  if (pending > 0) {
    nearRows(a, { table, values, count: pending });
    // A class word's unlinked vector neighbours, capped (`unlinkedCap`), as `preparedSimilarity`.
    if (a.narrower !== undefined && a.narrower.size > 0) {
      for (let k = 0; k < pending; k++) {
        const slot = pendingSlots[k]!;
        values[slot] = Math.min(values[slot]!, unlinkedCap(a, pendingRelated[k]!));
      }
    }
  }
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
