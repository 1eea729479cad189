/**
 * A small seeded random source, so that a simulation with the same seed makes the same choices
 * on every machine (Math.random cannot be seeded).
 *
 * @module
 */

import { fnv1a } from "../numbers.ts";

/** FNV-1a hash of `text`, a 32-bit unsigned integer; used to derive seeds from words. */
export function hashText(text: string): number {
  return fnv1a(text);
}

/** Seeded pseudo-random numbers (mulberry32: tiny, fast, good enough for choosing). */
export class SeededRandom {
  #counter: number;

  /** Starts from `seed` (any number or text; the same seed gives the same sequence). */
  constructor(seed: number | string) {
    this.#counter = typeof seed === "number" ? seed >>> 0 : hashText(seed);
  }

  /** The next number in [0, 1). */
  next(): number {
    this.#counter = (this.#counter + 0x6d2b79f5) >>> 0;
    let t = this.#counter;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One item of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Cannot pick from an empty list");
    // next() < 1, so the index is below items.length.
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One item, with probability proportional to its weight (weights ≤ 0 are never chosen). */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const weights = items.map((item) => Math.max(0, weight(item)));
    const total = weights.reduce((sum, w) => sum + w, 0);
    if (items.length === 0) throw new RangeError("Cannot pick from an empty list");
    // All weights zero: fall back to a uniform choice rather than failing.
    if (total <= 0) return this.pick(items);
    let roll = this.next() * total;
    for (const [i, item] of items.entries()) {
      const w = weights[i] ?? 0;
      roll -= w;
      if (roll < 0 && w > 0) return item;
    }
    // Rounding left a sliver: the last item that can be chosen (total > 0, so there is one).
    return items[weights.findLastIndex((w) => w > 0)]!;
  }
}
