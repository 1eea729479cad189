/**
 * Memory words by integer id, for word alignment's inner loop (`highestCosine`): a search
 * compares each query word with the words of up to a hundred candidates, which share many words,
 * and a query word's cosine with each memory word is worked out once. Keyed by id, the cosines
 * a query word has are a `Float64Array` ({@linkcode WordCosines}: no string hashing, no boxed
 * number per pair), and the memory words' unit vectors are rows of one contiguous table.
 *
 * A word is the same memory word wherever it comes from (as the cosines remembered by word
 * were before): its first prepared form is the one kept. Bounded: past
 * {@linkcode MEMORY_WORD_LIMIT} words the table starts over (a new `generation`), and what was
 * kept by id for an older one is dropped.
 *
 * @module
 */
import { giveSlots, takeSlots } from "./cosine_slots.ts";
import type { PreparedWord } from "./prepared_word.ts";

/** Memory words a table holds before it starts over (rows of 100 float32: ~6.5 MB). */
export const MEMORY_WORD_LIMIT = 16_384;

/** The memory words of one word data, by id (see the module's documentation). */
export class MemoryWordTable {
  #ids = new Map<string, number>();
  #byText = new WeakMap<readonly PreparedWord[], Int32Array>();
  /** The words, by id. */
  words: PreparedWord[] = [];
  /** Dimensions of the rows: the first unit vector's (0 before one). */
  dimensions = 0;
  /** Each word's unit vector as a row of `dimensions` (a row of zeros without one). */
  units = new Float32Array(0);
  /** 1 where a word's unit vector is its row in `units`, 2 where it has one of other length. */
  vectorKinds = new Uint8Array(0);
  /** Each word's informativeness (1 when absent). */
  informativeness = new Float64Array(0);
  /** Counts the times the table started over. */
  generation = 0;

  /** Number of words held. */
  get count(): number {
    return this.words.length;
  }

  /**
   * The ids of `words` (remembered for the array: a text's prepared words are one array), added
   * as needed. A table past {@linkcode MEMORY_WORD_LIMIT} starts over first, so the ids of one
   * array are always of one generation.
   */
  idsOf(words: readonly PreparedWord[]): Int32Array {
    let ids = this.#byText.get(words);
    if (ids !== undefined) return ids;
    if (this.count + words.length > MEMORY_WORD_LIMIT && this.count > 0) this.#startOver();
    ids = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) ids[i] = this.#idOf(words[i]!);
    this.#byText.set(words, ids);
    return ids;
  }

  #idOf(word: PreparedWord): number {
    let id = this.#ids.get(word.word);
    if (id !== undefined) return id;
    id = this.words.length;
    this.#ids.set(word.word, id);
    this.words.push(word);
    const unit = word.unit;
    if (unit !== undefined && this.dimensions === 0) {
      this.dimensions = unit.length;
      this.units = new Float32Array(this.vectorKinds.length * this.dimensions);
    }
    this.#ensure(id + 1);
    this.informativeness[id] = word.informativeness ?? 1;
    if (unit === undefined) return id;
    if (unit.length === this.dimensions) {
      this.units.set(unit, id * this.dimensions);
      this.vectorKinds[id] = 1;
    } else this.vectorKinds[id] = 2;
    return id;
  }

  /** Room for `count` words. */
  #ensure(count: number): void {
    const capacity = this.vectorKinds.length;
    if (count <= capacity) return;
    const grown = Math.max(64, capacity * 2, count);
    const units = new Float32Array(grown * this.dimensions);
    units.set(this.units);
    this.units = units;
    const kinds = new Uint8Array(grown);
    kinds.set(this.vectorKinds);
    this.vectorKinds = kinds;
    const informativeness = new Float64Array(grown);
    informativeness.set(this.informativeness);
    this.informativeness = informativeness;
  }

  #startOver(): void {
    this.#ids.clear();
    this.#byText = new WeakMap();
    this.words = [];
    this.units = new Float32Array(0);
    this.vectorKinds = new Uint8Array(0);
    this.informativeness = new Float64Array(0);
    this.generation++;
  }
}

const EMPTY_KEYS = new Int32Array(0);
const EMPTY_VALUES = new Float64Array(0);

/** Who counts what {@linkcode WordCosines} hold (`word_pairs.ts`: to bound the whole). */
export interface CosineKeeper {
  /** `count` more cosines were worked out. */
  added(count: number): void;
  /** `cells` more slots (12 bytes each) were allocated. */
  grew(cells: number): void;
}

/**
 * One query word's cosines with a table's memory words, by id, for the generation of the table
 * they were worked out with: an open-addressing hash of ids (linear probing, at most half
 * full), so what it holds grows with the pairs compared (12 bytes a slot), not with the table.
 */
export class WordCosines {
  /** Each slot's id, -1 when empty. */
  keys: Int32Array = EMPTY_KEYS;
  /** Each slot's cosine. */
  values: Float64Array = EMPTY_VALUES;
  #shift = 32;
  #generation = -1;
  #size = 0;
  readonly #keeper: CosineKeeper | undefined;

  /** Cosines counted by `keeper`, if any (else kept for one search, uncounted). */
  constructor(keeper?: CosineKeeper) {
    this.#keeper = keeper;
  }

  /** How many cosines are held (for tests). */
  get size(): number {
    return this.#size;
  }

  /**
   * Makes room for `more` cosines with the words of `table` (those of an older generation
   * dropped): no slot moves until the next call.
   */
  reserve(table: MemoryWordTable, more: number): void {
    if (this.#generation !== table.generation) {
      this.keys.fill(-1);
      this.#generation = table.generation;
      this.#size = 0;
    }
    // Strictly under half full: a probe always meets an empty slot.
    if ((this.#size + more) * 2 < this.keys.length) return;
    // From 256 slots, then four times as many: a query word meets hundreds of memory words.
    let bits = Math.max(8, 32 - this.#shift + 2);
    while ((this.#size + more) * 2 >= 1 << bits) bits++;
    const old = { keys: this.keys, values: this.values };
    ({ keys: this.keys, values: this.values } = takeSlots(bits));
    this.#shift = 32 - bits;
    this.#keeper?.grew(this.keys.length - old.keys.length);
    const { keys, values } = old;
    for (let slot = 0; slot < keys.length; slot++) {
      const id = keys[slot]!;
      if (id < 0) continue;
      const at = this.slot(id);
      this.keys[at] = id;
      this.values[at] = values[slot]!;
    }
    giveSlots(old);
  }

  /**
   * Gives the slot arrays up for other hashes (`cosine_slots.ts`) and holds nothing after:
   * called by the owner that drops this hash (`word_pairs.ts` starting over). A caller that still
   * holds it (a query word of a search under way) finds it empty, and its cosines are worked out
   * again at its next `reserve`.
   */
  release(): void {
    giveSlots({ keys: this.keys, values: this.values });
    this.keys = EMPTY_KEYS;
    this.values = EMPTY_VALUES;
    this.#shift = 32;
    this.#generation = -1;
    this.#size = 0;
  }

  /** The slot of `id`: where it is, or the empty one where it goes (after `reserve`). */
  slot(id: number): number {
    // Before any `reserve` there is no empty slot to meet: the probe would never end.
    if (this.keys.length === 0) throw new RangeError("WordCosines.slot before reserve");
    const mask = this.keys.length - 1;
    let at = Math.imul(id, 0x9e3779b1) >>> this.#shift;
    while (true) {
      const key = this.keys[at]!;
      if (key === id || key < 0) return at;
      at = (at + 1) & mask;
    }
  }

  /** Counts `count` cosines written in (each in an empty slot `slot` gave). */
  added(count: number): void {
    this.#size += count;
    this.#keeper?.added(count);
  }
}

const tables = new WeakMap<object, MemoryWordTable>();

/** The memory-word table of `vectors` (shared by every search that uses them). */
export function memoryWordTable(vectors: object): MemoryWordTable {
  let table = tables.get(vectors);
  if (table === undefined) {
    table = new MemoryWordTable();
    tables.set(vectors, table);
  }
  return table;
}
