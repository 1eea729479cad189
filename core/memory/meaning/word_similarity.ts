/**
 * How alike a query word and a memory word are (`preparedSimilarity`), and the same worked out
 * over a memory-word table (`word_table.ts`) for alignment's inner loop: the same operations in
 * the same order, so the same cosines to the last bit, without a `Map` lookup or a boxed
 * number per word pair.
 *
 * @module
 */
import { phraseRelation } from "./memory_phrases.ts";
import type { PreparedWord } from "./prepared_word.ts";
import type { MemoryWordTable, WordCosines } from "./word_table.ts";

/**
 * How alike query word `a` and memory word `b` are, as a cosine: 1 for a shared stem (or an
 * irregular form of the word, or a synonym of a memory's phrase `b`), else the higher of their
 * vectors' cosine times {@linkcode specificity} and their WordNet relation (an explicit link,
 * or one to a synonym of phrase `b`, counts whole). For a
 * class noun (`a.centroid`: "injuries") the vectors' cosine is the higher of `b`'s with the word
 * and with the class's centroid ("wrist").
 */
export function preparedSimilarity(a: PreparedWord, b: PreparedWord): number {
  const related = relation(a, b);
  if (related >= 1) return 1;
  const u = a.unit;
  const v = b.unit;
  if (!u || !v) return related;
  return nearness(a, { values: v, at: 0, informativeness: b.informativeness ?? 1, related });
}

/** The stem or WordNet part of {@linkcode preparedSimilarity}: 1 for a shared stem. */
function relation(a: PreparedWord, b: PreparedWord): number {
  if (a.stem === b.stem) return 1;
  let related = a.related?.get(b.stem) ?? 0;
  if (b.synonyms !== undefined) related = Math.max(related, phraseRelation(a, b.synonyms));
  return related;
}

/**
 * The vector part of {@linkcode preparedSimilarity}: `a.unit`'s cosine with the memory word's
 * vector (`values` from `at` on), or its class centroid's if higher, times specificity, or the
 * relation if higher.
 */
function nearness(
  a: PreparedWord,
  b: { values: Float32Array; at: number; informativeness: number; related: number },
): number {
  const u = a.unit!;
  const { values, at } = b;
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
  const asked = a.informativeness ?? 1;
  const found = b.informativeness;
  return Math.max(sum > 0 ? sum * (asked <= found ? 1 : found / asked) : sum, b.related);
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

/**
 * The highest {@linkcode preparedSimilarity} of query word `a` (with a vector) with the memory
 * words `ids` of `table` (0 when none is positive), each cosine not yet in `cosines` worked out
 * from the table's rows and kept there.
 */
export function highestInTable(
  a: PreparedWord,
  cosines: WordCosines,
  memory: { table: MemoryWordTable; ids: Int32Array },
): number {
  const { table, ids } = memory;
  const values = cosines.of(table);
  const regular = a.unit!.length === table.dimensions;
  let highest = 0;
  let computed = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    let similarity = values[id]!;
    if (similarity !== similarity) {
      similarity = regular && table.vectorKinds[id] !== 2
        ? tableSimilarity(a, table, id)
        : preparedSimilarity(a, table.words[id]!);
      values[id] = similarity;
      computed++;
    }
    if (similarity > highest) highest = similarity;
  }
  if (computed > 0) cosines.added(computed);
  return highest;
}

/** {@linkcode preparedSimilarity} of `a` and the table's word `id` (a row of its dimensions). */
function tableSimilarity(a: PreparedWord, table: MemoryWordTable, id: number): number {
  const related = relation(a, table.words[id]!);
  if (related >= 1) return 1;
  if (table.vectorKinds[id] === 0) return related;
  return nearness(a, {
    values: table.units,
    at: id * table.dimensions,
    informativeness: table.informativeness[id]!,
    related,
  });
}
