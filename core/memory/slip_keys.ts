/**
 * A vocabulary's words under their deletion keys ("symmetric delete", as `stem_lookup.ts`'s
 * `deletionKeys`), held compactly for a whole persona's store: two words within the edits a
 * slip may make (`typo_pairs.ts`) share a key, so a word finds the few store words that may be
 * its slips with a few dozen lookups instead of an edit-distance check against every store word
 * of its first letter (a persona of 10,000 memories writes some 20,000 distinct words).
 *
 * A slip keeps its first letter (`typoApart`), so keys never leave it out: a word of L letters
 * has itself and its L − 1 forms with one later letter left out and, past
 * `ONE_EDIT_MAX_LETTERS` (two edits allowed), its (L − 1)(L − 2)/2 forms with two left out. Keys
 * are 32-bit FNV-1a hashes packed with the word's position into one sorted `Float64Array` (8
 * bytes a key, not a string and a map entry each): a hash shared by chance only adds a word
 * that the caller's `typoApart` turns away. Words added after the last build wait in a small map
 * until it holds a quarter of the keys, then everything is sorted again.
 *
 * @module
 */
import { ONE_EDIT_MAX_LETTERS } from "./meaning/typo_pairs.ts";

/** Words past this many letters get no keys: no word that long is a slip (`typo_pairs.ts`). */
export const SLIP_KEY_MAX_LETTERS = 24;
/** Positions take 21 bits of a packed key (2,097,152 words): past it, words get no keys. */
export const SLIP_KEY_MAX_WORDS = 1 << 21;
/** Keys added since the last sort that start a new sort: at least this many, ... */
const SIDE_MIN = 4_096;
/** ... and at least this share of the sorted keys. */
const SIDE_SHARE = 0.25;

const POSITION_SPAN = SLIP_KEY_MAX_WORDS;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The FNV-1a hash of `word` without its letters at `skipA` and `skipB` (−1: none). */
function keyHash(word: string, skipA: number, skipB: number): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) {
    if (i === skipA || i === skipB) continue;
    hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  }
  return hash >>> 0;
}

/**
 * The distinct key hashes of `word` (see the module): itself, one later letter left out and,
 * past {@linkcode ONE_EDIT_MAX_LETTERS} letters, two.
 */
export function slipKeyHashes(word: string): number[] {
  const keys = new Set<number>([keyHash(word, -1, -1)]);
  const twice = word.length > ONE_EDIT_MAX_LETTERS;
  for (let i = 1; i < word.length; i++) {
    keys.add(keyHash(word, i, -1));
    if (!twice) continue;
    for (let j = i + 1; j < word.length; j++) keys.add(keyHash(word, i, j));
  }
  return [...keys];
}

/** Words under their deletion keys: {@linkcode SlipKeys.near} finds a word's possible slips. */
export class SlipKeys {
  readonly #words: string[] = [];
  /** `hash × 2^21 + position`, sorted, for the words up to the last sort. */
  #sorted = new Float64Array(0);
  /** Keys of the words added since: hash → positions. */
  #side = new Map<number, number[]>();
  #sideKeys = 0;

  /** How many words are held. */
  get size(): number {
    return this.#words.length;
  }

  /** How many keys are held (sorted and waiting). */
  get keys(): number {
    return this.#sorted.length + this.#sideKeys;
  }

  /** Adds `word` (not checked for repeats: the caller adds each once); false when full or too long. */
  add(word: string): boolean {
    if (this.#words.length >= SLIP_KEY_MAX_WORDS || word.length > SLIP_KEY_MAX_LETTERS) {
      return false;
    }
    const position = this.#words.length;
    this.#words.push(word);
    for (const hash of slipKeyHashes(word)) {
      const at = this.#side.get(hash);
      if (at === undefined) this.#side.set(hash, [position]);
      else at.push(position);
      this.#sideKeys++;
    }
    if (this.#sideKeys >= Math.max(SIDE_MIN, this.#sorted.length * SIDE_SHARE)) this.#sort();
    return true;
  }

  /** Every key in one sorted array again. */
  #sort(): void {
    const all = new Float64Array(this.#sorted.length + this.#sideKeys);
    all.set(this.#sorted);
    let at = this.#sorted.length;
    for (const [hash, positions] of this.#side) {
      for (const position of positions) all[at++] = hash * POSITION_SPAN + position;
    }
    all.sort();
    this.#sorted = all;
    this.#side = new Map();
    this.#sideKeys = 0;
  }

  /**
   * Calls `visit` once with each held word that shares a deletion key with `word` (a superset of
   * its possible slips and of itself: the caller checks each).
   */
  near(word: string, visit: (found: string) => void): void {
    const seen = new Set<number>();
    const sorted = this.#sorted;
    for (const hash of slipKeyHashes(word)) {
      const low = hash * POSITION_SPAN;
      // The first packed key at or after `low` (binary search), then the run of this hash.
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid]! < low) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < sorted.length && sorted[i]! < low + POSITION_SPAN; i++) {
        seen.add(sorted[i]! - low);
      }
      for (const position of this.#side.get(hash) ?? []) seen.add(position);
    }
    for (const position of seen) visit(this.#words[position]!);
  }
}
