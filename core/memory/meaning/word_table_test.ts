import assert from "node:assert/strict";
import type { PreparedWord } from "./prepared_word.ts";
import { highestInTable } from "./table_similarity.ts";
import { preparedSimilarity } from "./word_similarity.ts";
import { MEMORY_WORD_LIMIT, MemoryWordTable, WordCosines } from "./word_table.ts";

/** A seeded generator (xorshift), so a failure shows again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

function unitOf(next: () => number, dimensions = 100): Float32Array {
  const vector = Float32Array.from({ length: dimensions }, () => next() - 0.5);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function memoryWords(count: number, next: () => number): PreparedWord[] {
  return Array.from({ length: count }, (_, i) => ({
    word: `w${i}`,
    stem: `w${i}`,
    // Some words without a vector, some as informative as the query words or less.
    unit: i % 7 === 3 ? undefined : unitOf(next),
    informativeness: i % 3 === 0 ? undefined : next(),
  }));
}

Deno.test("a word is one id wherever it comes from; a text's ids are remembered", () => {
  const table = new MemoryWordTable();
  const words = memoryWords(5, random(1));
  const ids = table.idsOf(words);
  assert.deepEqual([...ids], [0, 1, 2, 3, 4]);
  assert.equal(table.idsOf(words), ids, "the same array: the same ids, not worked out again");
  const other = [{ ...words[2]!, unit: undefined }, { word: "new", stem: "new", unit: undefined }];
  assert.deepEqual([...table.idsOf(other)], [2, 5], "w2 keeps its id (and its first form)");
  assert.equal(table.words[2], words[2]);
  const row = table.units.subarray(2 * table.dimensions, 3 * table.dimensions);
  assert.deepEqual(row, words[2]!.unit);
  assert.equal(table.vectorKinds[3], 0, "w3 has no vector");
});

Deno.test("past MEMORY_WORD_LIMIT words the table starts over, never within one text", () => {
  const table = new MemoryWordTable();
  const many = Array.from(
    { length: MEMORY_WORD_LIMIT - 1 },
    (_, i) => ({ word: `w${i}`, stem: `w${i}`, unit: undefined }),
  );
  table.idsOf(many);
  assert.equal(table.generation, 0);
  const two = [{ word: "a", stem: "a", unit: undefined }, {
    word: "b",
    stem: "b",
    unit: undefined,
  }];
  assert.deepEqual([...table.idsOf(two)], [0, 1], "started over before the text");
  assert.equal(table.generation, 1);
  assert.equal(table.count, 2);
  const cosines = new WordCosines();
  cosines.reserve(table, 1);
  cosines.keys[cosines.slot(0)] = 0;
  cosines.added(1);
  table.idsOf(many);
  cosines.reserve(table, 1);
  assert.equal(cosines.size, 0, "cosines of an older generation are dropped");
  assert.notEqual(cosines.keys[cosines.slot(0)], 0);
});

Deno.test("WordCosines keeps every id through growth, and counts for its keeper", () => {
  const counted = { added: 0, grew: 0 };
  const cosines = new WordCosines({
    added: (count) => counted.added += count,
    grew: (cells) => counted.grew += cells,
  });
  const table = new MemoryWordTable();
  table.idsOf(
    Array.from({ length: 3000 }, (_, i) => ({ word: `${i}`, stem: `${i}`, unit: undefined })),
  );
  for (let id = 0; id < 3000; id += 100) {
    cosines.reserve(table, 100);
    for (let at = id; at < id + 100; at++) {
      const slot = cosines.slot(at);
      assert.equal(cosines.keys[slot], -1, "a new id meets an empty slot");
      cosines.keys[slot] = at;
      cosines.values[slot] = at / 7;
    }
    cosines.added(100);
  }
  for (let id = 0; id < 3000; id++) assert.equal(cosines.values[cosines.slot(id)], id / 7);
  assert.equal(cosines.size, 3000);
  assert.equal(counted.added, 3000);
  assert.equal(counted.grew, cosines.keys.length);
  assert.ok(cosines.keys.length > 6000, "at most half full");
});

Deno.test("highestInTable is preparedSimilarity's highest, to the last bit", () => {
  const next = random(7);
  const table = new MemoryWordTable();
  const memory = memoryWords(203, next);
  // A phrase of the memory, whose synonyms the query word relates to.
  memory.push({
    word: "blood pressur",
    stem: "blood pressur",
    unit: unitOf(next),
    synonyms: ["r1"],
  });
  // A vector of other length: compared as preparedSimilarity compares it.
  memory.push({ word: "odd", stem: "odd", unit: unitOf(next, 150) });
  const queries: PreparedWord[] = [
    { word: "q", stem: "q", unit: unitOf(next), informativeness: 0.6 },
    { word: "p", stem: "p", unit: unitOf(next), centroid: unitOf(next), informativeness: 0.9 },
    {
      word: "r",
      stem: "r",
      unit: unitOf(next),
      related: new Map([["w10", 0.4], ["w11", 1], ["r1", 0.7]]),
    },
    { word: "w12", stem: "w12", unit: unitOf(next) },
  ];
  // Texts of every length around the four and two rows at a time, overlapping.
  const texts = [1, 2, 3, 4, 5, 6, 7, 9, 30, 205].map((length, i) =>
    memory.slice(i * 3, i * 3 + length)
  );
  for (const query of queries) {
    const cosines = new WordCosines();
    for (const text of [...texts, memory, ...texts]) {
      let expected = 0;
      for (const word of text) expected = Math.max(expected, preparedSimilarity(query, word));
      const found = highestInTable(query, cosines, { table, ids: table.idsOf(text) });
      assert.equal(found, expected, `${query.word} over ${text.length} words`);
    }
    for (const word of memory) {
      const id = table.idsOf([word])[0]!;
      const slot = cosines.slot(id);
      assert.equal(cosines.keys[slot], id);
      assert.equal(cosines.values[slot], preparedSimilarity(query, word), word.word);
    }
  }
});

Deno.test("WordCosines.slot before any reserve throws rather than probing forever", () => {
  assert.throws(() => new WordCosines().slot(3), RangeError);
});
