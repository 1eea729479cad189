/**
 * The arithmetic of SIF (Arora, Liang & Ma 2017) on decoded word vectors: a word's weight from
 * its frequency rank, a word's unit vector for word-to-word cosines, and a sentence vector's
 * common component removed. Each works in place on a vector of the table's dimensions.
 *
 * @module
 */

/** SIF's a, and the harmonic number of GloVe's 400,000-word vocabulary (as in the generator). */
const SIF_A = 1e-3;
const ZIPF_H = Math.log(400_000) + 0.5772;

/**
 * The SIF weight a / (a + p(w)) of the word of frequency rank `rank` (0 = most frequent), with p
 * from the rank by Zipf's law (see `gen_word_vectors.ts`).
 */
export function sifWeight(rank: number): number {
  const p = 1 / ((rank + 1) * ZIPF_H);
  return SIF_A / (SIF_A + p);
}

/**
 * Turns a word's stored (SIF-weighted) vector into its unit vector for word-to-word cosines, in
 * place: the raw GloVe vector (the weight divided out) less the mean and the top directions all
 * words share ("all-but-the-top"), at unit length.
 */
export function toWordUnit(
  vector: Float32Array,
  weight: number,
  shared: { mean: Float32Array; directions: readonly Float32Array[] },
): void {
  const dimensions = vector.length;
  const { mean, directions } = shared;
  for (let d = 0; d < dimensions; d++) vector[d] = vector[d]! / weight - mean[d]!;
  for (const direction of directions) {
    let along = 0;
    for (let d = 0; d < dimensions; d++) along += vector[d]! * direction[d]!;
    for (let d = 0; d < dimensions; d++) vector[d]! -= along * direction[d]!;
  }
  let norm = 0;
  for (let d = 0; d < dimensions; d++) norm += vector[d]! * vector[d]!;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dimensions; d++) vector[d]! /= norm;
}

/** Removes SIF's common `component` from a sentence's summed vector and scales it to unit length (in place; all zeros stay zeros). */
export function toSentenceUnit(vector: Float32Array, component: Float32Array): void {
  const dimensions = vector.length;
  let along = 0;
  for (let d = 0; d < dimensions; d++) along += vector[d]! * component[d]!;
  for (let d = 0; d < dimensions; d++) vector[d]! -= along * component[d]!;
  let norm = 0;
  for (let d = 0; d < dimensions; d++) norm += vector[d]! * vector[d]!;
  norm = Math.sqrt(norm);
  if (norm > 0) { for (let d = 0; d < dimensions; d++) vector[d]! /= norm; }
}
