/**
 * Word fixtures for the word-similarity tests (`word_similarity_test.ts`,
 * `disowned_senses_test.ts`): unit vectors at a chosen cosine, memory words made of them, and
 * both ways a query word's similarity to one is computed.
 *
 * @module
 */

import type { PreparedWord } from "../meaning/prepared_word.ts";
import { highestInTable } from "../meaning/table_similarity.ts";
import { preparedSimilarity } from "../meaning/word_similarity.ts";
import { MemoryWordTable, WordCosines } from "../meaning/word_table.ts";

/** A unit vector at `cosine` with the first axis (in the plane of the first two). */
export function at(cosine: number): Float32Array {
  const unit = new Float32Array(100);
  unit[0] = cosine;
  unit[1] = Math.sqrt(1 - cosine * cosine);
  return unit;
}

/** A memory word `stem` whose vector is at `cosine` with a query word at {@linkcode at}(1). */
export function memoryWord(stem: string, cosine: number): PreparedWord {
  return { word: stem, stem, unit: at(cosine) };
}

/** `preparedSimilarity` and the table's inner loop (`highestInTable`) for one memory word. */
export function similarities(asked: PreparedWord, word: PreparedWord): [number, number] {
  const table = new MemoryWordTable();
  const ids = table.idsOf([word]);
  return [
    preparedSimilarity(asked, word),
    highestInTable(asked, new WordCosines(), { table, ids }),
  ];
}
