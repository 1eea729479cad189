import assert from "node:assert/strict";
import { highestCosine, type PreparedWord, type WeightedWord } from "./alignment.ts";
import {
  forgetSpareSlots,
  giveSlots,
  SPARE_CELL_LIMIT,
  spareSlotCount,
  takeSlots,
} from "./cosine_slots.ts";
import { COSINE_CELL_LIMIT, wordPairs } from "./word_pairs.ts";
import { MemoryWordTable, WordCosines } from "./word_table.ts";

function memoryWord(word: string, angle: number): PreparedWord {
  return { word, stem: word, unit: Float32Array.of(Math.cos(angle), Math.sin(angle)) };
}

/** Word data of 2-d unit vectors, every query word at angle 0. */
const vectors = { prepare: (word: string) => memoryWord(word, 0), contentWords: () => [] };
const search = (word: string): WeightedWord => ({ word, weight: 1 });

Deno.test("a spare array is given out again with every key empty", () => {
  forgetSpareSlots();
  const slots = takeSlots(8);
  slots.keys.fill(5);
  slots.values.fill(0.5);
  giveSlots(slots);
  assert.equal(spareSlotCount(), 256);
  const again = takeSlots(8);
  assert.equal(again.keys, slots.keys, "the same array, not a new one");
  assert.ok(again.keys.every((key) => key === -1));
  assert.equal(spareSlotCount(), 0);
  assert.equal(takeSlots(10).keys.length, 1024, "another size: a new array");
});

Deno.test("spare arrays are bounded by SPARE_CELL_LIMIT", () => {
  forgetSpareSlots();
  for (let i = 0; i <= SPARE_CELL_LIMIT / 4096; i++) giveSlots(takeSlots(12));
  // Each take above got back the array given before it: give many at once.
  const many = Array.from({ length: SPARE_CELL_LIMIT / 4096 + 3 }, () => takeSlots(12));
  for (const slots of many) giveSlots(slots);
  assert.equal(spareSlotCount(), SPARE_CELL_LIMIT);
  forgetSpareSlots();
});

Deno.test("a growing hash gives its smaller arrays back", () => {
  forgetSpareSlots();
  const table = new MemoryWordTable();
  table.idsOf(
    Array.from({ length: 600 }, (_, i) => ({ word: `${i}`, stem: `${i}`, unit: undefined })),
  );
  const cosines = new WordCosines();
  cosines.reserve(table, 100);
  assert.equal(cosines.keys.length, 256);
  cosines.reserve(table, 600);
  assert.equal(spareSlotCount(), 256, "the 256 slots are spare");
  const grown = cosines.keys.length;
  assert.equal(grown, 2048);
  cosines.release();
  assert.equal(spareSlotCount(), 256 + grown);
  assert.equal(cosines.keys.length, 0);
  assert.equal(cosines.size, 0);
  forgetSpareSlots();
});

Deno.test("a word whose pairs started over within a search gives the same cosines after", () => {
  forgetSpareSlots();
  const memory = Array.from({ length: 10 }, (_, i) => memoryWord(`m${i}`, i / 10));
  const held = search("held");
  const first = highestCosine(held, vectors, memory);
  const far = [memoryWord("far", 1.5)];
  const before = highestCosine(held, vectors, far);
  // Other words fill the cells until the remembered pairs start over, releasing `held`'s hash.
  const pairs = wordPairs(vectors);
  for (let i = 0; pairs.wordCount > 1 || i === 0; i++) {
    highestCosine(search(`q${i}`), vectors, memory);
  }
  assert.ok(spareSlotCount() > 0, "the released arrays are spare");
  assert.ok(pairs.cells < COSINE_CELL_LIMIT);
  // `held` (still in use) finds its hash empty and works its cosines out again, the same.
  assert.equal(held.seen!.size, 0);
  assert.equal(highestCosine(held, vectors, far), before);
  assert.equal(highestCosine(held, vectors, memory), first);
  // A new word's hash takes spare arrays and meets no stale key.
  const fresh = search("fresh");
  assert.equal(highestCosine(fresh, vectors, far), before);
  forgetSpareSlots();
});
