/**
 * The row (slot) of each key of an in-memory index: the vector index's rows and the BM25
 * index's slots by memory key. The SQLite backend's keys are row numbers (`seq`), small
 * non-negative integers: those live in an open-addressing hash table of two `Int32Array`s
 * (linear probing), which a load of 100,000 memories fills in a few milliseconds where a `Map`
 * took 40-70 ms of CPU, with no object per entry for the collector to walk. Any other key (the
 * Chroma backend's string ids) goes to a `Map` beside it.
 *
 * @module
 */

/** An empty cell of the table. */
const EMPTY = -1;
/** A cell whose key was deleted (probing goes on past it). */
const DELETED = -2;
/** Smallest table (cells). */
const MIN_CAPACITY = 16;

/** Whether `key` goes to the integer table: an integer in 0..2^31-1. */
function tabled(key: unknown): key is number {
  return typeof key === "number" && (key | 0) === key && key >= 0;
}

/** Non-negative int32 values (rows) by key, like a `Map<Key, number>`. */
export class KeySlots<Key extends string | number> {
  #keys = new Int32Array(0);
  #values = new Int32Array(0);
  /** log2 of the table's capacity. */
  #bits = 0;
  /** Cells holding a key or a deletion mark. */
  #used = 0;
  /** Keys in the table. */
  #live = 0;
  /** Keys that are not small integers. */
  #other: Map<Key, number> | undefined;

  /** How many keys it holds. */
  get size(): number {
    return this.#live + (this.#other?.size ?? 0);
  }

  /**
   * A table of `keys[i]` → `i` (an index load's rows in order), made once for an index load
   * and {@linkcode copy}ed for the second index instead of filled again (100,000 keys twice
   * were ~15% of a large load on the event loop).
   */
  static ordered<Key extends string | number>(keys: readonly Key[]): KeySlots<Key> {
    const table = new KeySlots<Key>();
    table.reserve(keys.length);
    for (let i = 0; i < keys.length; i++) table.set(keys[i]!, i);
    return table;
  }

  /** A table of the same keys and values, with arrays of its own. */
  copy(): KeySlots<Key> {
    const table = new KeySlots<Key>();
    table.#keys = this.#keys.slice();
    table.#values = this.#values.slice();
    table.#bits = this.#bits;
    table.#used = this.#used;
    table.#live = this.#live;
    table.#other = this.#other && new Map(this.#other);
    return table;
  }

  /** Makes room for `count` more keys (a bulk load grows the table once). */
  reserve(count: number): void {
    const needed = (this.#used + count) * 2;
    if (needed > this.#keys.length) this.#rehash(this.#live + count);
  }

  /** The cell of `key`, or -1 when absent. */
  #find(key: number): number {
    const keys = this.#keys;
    if (keys.length === 0) return -1;
    const mask = keys.length - 1;
    for (let cell = Math.imul(key, 0x9e3779b1) >>> (32 - this.#bits);; cell = (cell + 1) & mask) {
      const found = keys[cell]!;
      if (found === key) return cell;
      if (found === EMPTY) return -1;
    }
  }

  /** The value of `key`, if it has one. */
  get(key: Key): number | undefined {
    if (!tabled(key)) return this.#other?.get(key);
    const cell = this.#find(key);
    return cell < 0 ? undefined : this.#values[cell];
  }

  /** Whether `key` has a value. */
  has(key: Key): boolean {
    return tabled(key) ? this.#find(key) >= 0 : this.#other?.has(key) ?? false;
  }

  /** Sets the value of `key` (a non-negative int32). */
  set(key: Key, value: number): this {
    if (!tabled(key)) {
      (this.#other ??= new Map()).set(key, value);
      return this;
    }
    const existing = this.#find(key);
    if (existing >= 0) {
      this.#values[existing] = value;
      return this;
    }
    if ((this.#used + 1) * 2 > this.#keys.length) this.#rehash(this.#live + 1);
    const keys = this.#keys;
    const mask = keys.length - 1;
    let cell = Math.imul(key, 0x9e3779b1) >>> (32 - this.#bits);
    while (keys[cell]! >= 0) cell = (cell + 1) & mask;
    if (keys[cell] === EMPTY) this.#used++;
    keys[cell] = key;
    this.#values[cell] = value;
    this.#live++;
    return this;
  }

  /** Removes `key`; whether it was there. */
  delete(key: Key): boolean {
    if (!tabled(key)) return this.#other?.delete(key) ?? false;
    const cell = this.#find(key);
    if (cell < 0) return false;
    this.#keys[cell] = DELETED;
    this.#live--;
    return true;
  }

  /** Every value (in no particular order). */
  *values(): IterableIterator<number> {
    const keys = this.#keys;
    for (let cell = 0; cell < keys.length; cell++) {
      if (keys[cell]! >= 0) yield this.#values[cell]!;
    }
    if (this.#other) yield* this.#other.values();
  }

  /** A table for `count` keys at most half full, the live keys moved in (deletion marks go). */
  #rehash(count: number): void {
    let bits = 4;
    while ((1 << bits) < Math.max(MIN_CAPACITY, count * 2)) bits++;
    const oldKeys = this.#keys;
    const oldValues = this.#values;
    const keys = new Int32Array(1 << bits).fill(EMPTY);
    const values = new Int32Array(1 << bits);
    const mask = keys.length - 1;
    for (let from = 0; from < oldKeys.length; from++) {
      const key = oldKeys[from]!;
      if (key < 0) continue;
      let cell = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
      while (keys[cell] !== EMPTY) cell = (cell + 1) & mask;
      keys[cell] = key;
      values[cell] = oldValues[from]!;
    }
    this.#keys = keys;
    this.#values = values;
    this.#bits = bits;
    this.#used = this.#live;
  }
}
