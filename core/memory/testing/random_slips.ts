/**
 * Random words and random slips of them, the same on every run: for tests that hold a fast slip
 * lookup against the one-by-one rule (`meaning/typo_pairs.ts`).
 *
 * @module
 */

/** A seeded generator of numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One slip of `word` that keeps its first letter: a letter left out, one of `letters` added or
 * put in a letter's place, or two neighbours swapped (the word itself when the swap falls on its
 * last letter).
 */
export function slipOf(
  word: string,
  next: () => number,
  letters = "abcdefghijklmnopqrstuvwxyz",
): string {
  const at = 1 + Math.floor(next() * (word.length - 1));
  const letter = letters[Math.floor(next() * letters.length)]!;
  switch (Math.floor(next() * 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + letter + word.slice(at);
    case 2:
      return word.slice(0, at) + letter + word.slice(at + 1);
    default:
      return at + 1 < word.length
        ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
        : word;
  }
}
