import assert from "node:assert/strict";
import {
  highestCosine,
  preparedSimilarity,
  type PreparedWord,
  type WeightedWord,
  type WordMeanings,
} from "./alignment.ts";
import { COSINE_CELL_LIMIT, WORD_PAIR_LIMIT, wordPairs } from "./word_pairs.ts";

/** Word data of 2-d unit vectors at `angles` (radians) by word, counting what it prepares. */
function planeWords(angles: Record<string, number>) {
  const prepared: string[] = [];
  const vectors: WordMeanings = {
    prepare(word) {
      prepared.push(word);
      return memoryWord(word, angles[word] ?? 0);
    },
    contentWords: () => [],
  };
  return { vectors, prepared };
}

function memoryWord(word: string, angle: number): PreparedWord {
  return { word, stem: word, unit: Float32Array.of(Math.cos(angle), Math.sin(angle)) };
}

const search = (word: string): WeightedWord => ({ word, weight: 1 });

Deno.test("a query word's cosines are remembered across searches (one prepare, one count each)", () => {
  const { vectors, prepared } = planeWords({ cat: 0 });
  const memory = [memoryWord("kitten", 0.3), memoryWord("car", 1.4)];
  const first = highestCosine(search("cat"), vectors, memory);
  const pairs = wordPairs(vectors);
  assert.equal(pairs.pairs, 2);
  // A later search: a fresh query item, the same words.
  const second = highestCosine(search("cat"), vectors, memory);
  assert.equal(second, first);
  assert.equal(first, preparedSimilarity(memoryWord("cat", 0), memory[0]!));
  assert.deepEqual(prepared, ["cat"], "prepared once");
  assert.equal(pairs.pairs, 2, "nothing computed again");
  highestCosine(search("cat"), vectors, [memoryWord("dog", 0.9)]);
  assert.equal(pairs.pairs, 3);
});

Deno.test("a word the caller prepared (a phrase, a class) keeps its cosines to itself", () => {
  const { vectors } = planeWords({ cat: 0 });
  const memory = [memoryWord("car", 1.4)];
  highestCosine(search("cat"), vectors, memory);
  // Prepared otherwise than `vectors` would ("what cat": a class centroid): its own cosines.
  const asked = { ...search("cat"), prepared: memoryWord("cat", 1.4) };
  assert.ok(Math.abs(highestCosine(asked, vectors, memory) - 1) < 1e-6);
  assert.ok(highestCosine(search("cat"), vectors, memory) < 0.5, "the shared ones unchanged");
});

Deno.test("past WORD_PAIR_LIMIT cosines the remembered pairs start over", () => {
  const { vectors, prepared } = planeWords({ cat: 0 });
  const many = Array.from({ length: WORD_PAIR_LIMIT }, (_, i) => memoryWord(`w${i}`, i / 1000));
  highestCosine(search("cat"), vectors, many);
  const pairs = wordPairs(vectors);
  assert.equal(pairs.pairs, WORD_PAIR_LIMIT);
  highestCosine(search("cat"), vectors, [memoryWord("w1", 0.001)]);
  assert.equal(pairs.pairs, 1, "started over: w1 computed afresh");
  assert.deepEqual(prepared, ["cat", "cat"]);
});

Deno.test("query words compared with no memory word are bounded too", () => {
  const { vectors } = planeWords({});
  for (let i = 0; i <= WORD_PAIR_LIMIT; i++) highestCosine(search(`q${i}`), vectors, []);
  const pairs = wordPairs(vectors);
  assert.equal(pairs.pairs, 0);
  assert.ok(pairs.wordCount < WORD_PAIR_LIMIT, `${pairs.wordCount} words kept`);
});

Deno.test("past COSINE_CELL_LIMIT cells of cosine arrays the remembered pairs start over", () => {
  const { vectors } = planeWords({});
  // Few pairs per query word (well under WORD_PAIR_LIMIT), each word's array 256 cells.
  const memory = Array.from({ length: 10 }, (_, i) => memoryWord(`m${i}`, i / 100));
  const pairs = wordPairs(vectors);
  let most = 0;
  for (let i = 0; i <= COSINE_CELL_LIMIT / 256; i++) {
    highestCosine(search(`q${i}`), vectors, memory);
    most = Math.max(most, pairs.cells);
  }
  assert.equal(most, COSINE_CELL_LIMIT);
  assert.equal(pairs.wordCount, 1, "started over");
  assert.equal(pairs.cells, 256);
});
