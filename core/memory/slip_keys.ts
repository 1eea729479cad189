/**
 * A vocabulary's words under their deletion keys ("symmetric delete", as `stem_lookup.ts`'s
 * `deletionKeys`), held compactly for a whole persona's store: two words within the edits a
 * slip may make (`typo_pairs.ts`) share a key, so a word finds the few store words that may be
 * its slips with a few dozen lookups instead of an edit-distance check against every store word
 * of its first letter (a persona of 10,000 memories writes some 20,000 distinct words).
 *
 * A slip keeps its first letter (`typoApart`), so keys never leave it out: a word of L letters
 * has itself and its L − 1 forms with one later letter left out and, past
 * `ONE_EDIT_MAX_LETTERS` (two edits allowed), its (L − 1)(L − 2)/2 forms with two left out:
 * some 300,000 keys for 10,000 memories. So no key is a string: each is a 32-bit polynomial hash
 * of its letters, computed from the word's prefix sums in constant time (a letter left out
 * shifts the letters after it one power down), in a chained hash table of typed arrays (12 bytes
 * a key and 8 a bucket), built in one pass and grown as words are added. A hash shared by chance
 * only adds a word that the caller's `typoApart` turns away.
 *
 * @module
 */
import { ONE_EDIT_MAX_LETTERS } from "./meaning/typo_pairs.ts";

/** Words past this many letters get no keys: no word that long is a slip (`typo_pairs.ts`). */
export const SLIP_KEY_MAX_LETTERS = 24;
/** The most keys held (~20 bytes each with their buckets): past it, words get no keys. */
export const SLIP_KEYS_MAX = 8_000_000;

const BASE = 0x01000193;
/** BASE's inverse modulo 2^32 (BASE is odd), by Newton's iteration. */
const BASE_INVERSE = (() => {
  let inverse = BASE;
  for (let i = 0; i < 5; i++) inverse = Math.imul(inverse, 2 - Math.imul(BASE, inverse));
  return inverse;
})();
const BASE_INVERSE_2 = Math.imul(BASE_INVERSE, BASE_INVERSE);
const POWERS = new Int32Array(SLIP_KEY_MAX_LETTERS + 1);
POWERS[0] = 1;
for (let k = 1; k <= SLIP_KEY_MAX_LETTERS; k++) POWERS[k] = Math.imul(POWERS[k - 1]!, BASE);
const prefix = new Int32Array(SLIP_KEY_MAX_LETTERS + 1);

/** MurmurHash3's finaliser: the polynomial sum's bits spread for the table's buckets. */
function mixed(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/** The most keys a word has: itself, 23 with one letter out, 253 with two. */
const MOST_KEYS = 1 + (SLIP_KEY_MAX_LETTERS - 1) * SLIP_KEY_MAX_LETTERS / 2;

/**
 * Writes the distinct key hashes of `word` (at most {@linkcode SLIP_KEY_MAX_LETTERS} letters;
 * see the module: itself, one later letter left out and, past
 * {@linkcode ONE_EDIT_MAX_LETTERS} letters, two) to the start of `out`, sorted; returns how many.
 */
function keysInto(word: string, out: Int32Array): number {
  const length = word.length;
  for (let k = 0; k < length; k++) {
    prefix[k + 1] = (prefix[k]! + Math.imul(word.charCodeAt(k), POWERS[k]!)) | 0;
  }
  const total = prefix[length]!;
  let count = 0;
  out[count++] = mixed(total);
  const twice = length > ONE_EDIT_MAX_LETTERS;
  for (let i = 1; i < length; i++) {
    const head = prefix[i]!;
    // The letters after `i` one power down.
    out[count++] = mixed((head + Math.imul((total - prefix[i + 1]!) | 0, BASE_INVERSE)) | 0);
    if (!twice) continue;
    for (let j = i + 1; j < length; j++) {
      // Those between `i` and `j` one power down, those after `j` two.
      const between = Math.imul((prefix[j]! - prefix[i + 1]!) | 0, BASE_INVERSE);
      const after = Math.imul((total - prefix[j + 1]!) | 0, BASE_INVERSE_2);
      out[count++] = mixed((head + between + after) | 0);
    }
  }
  // A doubled letter gives a key twice ("book": "bok"): kept once.
  const keys = out.subarray(0, count).sort();
  let distinct = 0;
  for (let i = 0; i < count; i++) {
    if (i === 0 || keys[i] !== keys[i - 1]) out[distinct++] = keys[i]!;
  }
  return distinct;
}

const scratch = new Int32Array(MOST_KEYS);

/** The distinct key hashes of `word`, sorted (see {@linkcode keysInto}); none past 24 letters. */
export function slipKeyHashes(word: string): number[] {
  if (word.length > SLIP_KEY_MAX_LETTERS) return [];
  return [...scratch.subarray(0, keysInto(word, scratch))];
}

/** Words under their deletion keys: {@linkcode SlipKeys.near} finds a word's possible slips. */
export class SlipKeys {
  readonly #words: string[] = [];
  /** Each bucket's latest key (−1: none). */
  #heads = new Int32Array(1 << 12).fill(-1);
  /** Each key's hash, its word's position and the bucket's key before it (−1: none). */
  #hashes = new Int32Array(1 << 12);
  #positions = new Int32Array(1 << 12);
  #next = new Int32Array(1 << 12);
  #count = 0;

  /** The words of `words` (see {@linkcode add}). */
  constructor(words: Iterable<string> = []) {
    for (const word of words) this.add(word);
  }

  /** How many words are held. */
  get size(): number {
    return this.#words.length;
  }

  /** How many keys are held. */
  get keys(): number {
    return this.#count;
  }

  /**
   * Adds `word` (not checked for repeats: the caller adds each once); false when it is longer
   * than {@linkcode SLIP_KEY_MAX_LETTERS} or the table holds {@linkcode SLIP_KEYS_MAX} keys.
   */
  add(word: string): boolean {
    if (word.length > SLIP_KEY_MAX_LETTERS || this.#count + MOST_KEYS > SLIP_KEYS_MAX) {
      return false;
    }
    const position = this.#words.length;
    this.#words.push(word);
    const count = keysInto(word, scratch);
    if (this.#count + count > this.#hashes.length) this.#grow(this.#count + count);
    const mask = this.#heads.length - 1;
    for (let i = 0; i < count; i++) {
      const hash = scratch[i]!;
      const at = this.#count++;
      const bucket = hash & mask;
      this.#hashes[at] = hash;
      this.#positions[at] = position;
      this.#next[at] = this.#heads[bucket]!;
      this.#heads[bucket] = at;
    }
    return true;
  }

  /** Room for `needed` keys, and a bucket for each (the chains rebuilt). */
  #grow(needed: number): void {
    const capacity = Math.max(needed, this.#hashes.length * 2);
    const grown = (from: Int32Array) => {
      const to = new Int32Array(capacity);
      to.set(from.subarray(0, this.#count));
      return to;
    };
    this.#hashes = grown(this.#hashes);
    this.#positions = grown(this.#positions);
    this.#next = grown(this.#next);
    let buckets = this.#heads.length;
    while (buckets < capacity) buckets *= 2;
    const heads = new Int32Array(buckets).fill(-1);
    const mask = buckets - 1;
    for (let at = 0; at < this.#count; at++) {
      const bucket = this.#hashes[at]! & mask;
      this.#next[at] = heads[bucket]!;
      heads[bucket] = at;
    }
    this.#heads = heads;
  }

  /**
   * Calls `visit` once with each held word that shares a deletion key with `word` (a superset of
   * its possible slips and of itself: the caller checks each).
   */
  near(word: string, visit: (found: string) => void): void {
    if (word.length > SLIP_KEY_MAX_LETTERS) return;
    const seen = new Set<number>();
    const hashes = new Int32Array(MOST_KEYS);
    const count = keysInto(word, hashes);
    const mask = this.#heads.length - 1;
    for (let k = 0; k < count; k++) {
      const hash = hashes[k]!;
      for (let at = this.#heads[hash & mask]!; at >= 0; at = this.#next[at]!) {
        if (this.#hashes[at] === hash) seen.add(this.#positions[at]!);
      }
    }
    for (const position of seen) visit(this.#words[position]!);
  }
}
