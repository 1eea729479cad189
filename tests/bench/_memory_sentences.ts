/**
 * The synthetic texts of `bench:memory` (`memory_search.ts`): sentences drawn with a Zipf law from
 * a 5,000-word vocabulary of made-up words, so common words hit many memories in full text as they
 * would in real speech; shared with `_memory_insert_paired.ts`, which stores and searches what
 * `bench:memory --sizes N` does.
 *
 * @module
 */

import type { MemoryInput } from "../../core/memory/mod.ts";

/** mulberry32: a small deterministic PRNG, so every run searches the same data. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ["ka", "lo", "mi", "ren", "ta", "shi", "vor", "el", "an", "dur", "is", "qua"];

/**
 * A vocabulary of 5,000 words of 2-4 syllables drawn from `next`, and `sentence(words, draw)`:
 * that many of its words drawn with a Zipf law (s = 1) from `draw` (default `next`).
 */
export function zipfWords(
  next: () => number,
): { sentence(words: number, draw?: () => number): string } {
  const vocabulary = Array.from({ length: 5000 }, () => {
    const count = 2 + Math.floor(next() * 3);
    return Array.from({ length: count }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)])
      .join("");
  });
  // Zipf (s = 1): cumulative weights 1/rank, sampled by binary search.
  const cumulative: number[] = [];
  vocabulary.reduce((sum, _, rank) => (cumulative[rank] = sum + 1 / (rank + 1)), 0);
  const word = (draw: () => number) => {
    const target = draw() * cumulative.at(-1)!;
    let low = 0, high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return vocabulary[low]!;
  };
  return {
    sentence: (words, draw = next) => Array.from({ length: words }, () => word(draw)).join(" "),
  };
}

/**
 * What `bench:memory --sizes <size> --queries <queries>` stores (sentences of 6-20 words) and then
 * searches over the WebSocket (2-4 words), drawn in its order from its seed.
 */
export function benchSentences(
  options: { size: number; queries: number },
): { memories: string[]; texts: string[] } {
  const next = random(42);
  const { sentence } = zipfWords(next);
  const memories = Array.from(
    { length: options.size },
    () => sentence(6 + Math.floor(next() * 15)),
  );
  const texts = Array.from({ length: options.queries }, () => sentence(2 + Math.floor(next() * 3)));
  return { memories, texts };
}

/**
 * A text as a plain conversation memory, every other field at `memory.store`'s default: what the
 * benches store in bulk (`storeMany`), in a shape any tree's service takes.
 */
export function plainMemory(content: string): MemoryInput {
  return {
    content,
    memory_type: "conversation",
    emotional_valence: 0,
    related_personas: [],
    visibility: "private",
    metadata: {},
  };
}
