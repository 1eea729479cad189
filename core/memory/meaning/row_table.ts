/**
 * Rows by string key over a list of keys (row = position in the list): an open-addressing
 * table of row numbers in one `Int32Array` (FNV-1a, linear probing), the keys themselves
 * staying in the list. The word vectors' 67,679 words and their stems were two `Map`s, whose
 * build cost ~120 ms of the server's start on the event loop under load; this table about half.
 *
 * @module
 */
import { fnv1a } from "../../numbers.ts";

/** An empty cell. */
const EMPTY = -1;

/** The rows of `keys` by key: the first row of a repeated key, or the last. */
export class RowTable {
  readonly #keys: readonly string[];
  readonly #cells: Int32Array;
  readonly #mask: number;
  /** Distinct keys. */
  readonly size: number;

  /** A table of `keys`; `keep` says which row a repeated key keeps. */
  constructor(keys: readonly string[], keep: "first" | "last") {
    this.#keys = keys;
    let capacity = 16;
    while (capacity < keys.length * 2) capacity *= 2;
    this.#cells = new Int32Array(capacity).fill(EMPTY);
    this.#mask = capacity - 1;
    let size = 0;
    for (let row = 0; row < keys.length; row++) {
      const key = keys[row]!;
      const cell = this.#cell(key);
      if (this.#cells[cell] === EMPTY) size++;
      else if (keep === "first") continue;
      this.#cells[cell] = row;
    }
    this.size = size;
  }

  /** The cell of `key`: where it is, or the empty one where it would go. */
  #cell(key: string): number {
    const cells = this.#cells;
    let cell = fnv1a(key) & this.#mask;
    for (let row = cells[cell]!; row !== EMPTY; row = cells[cell]!) {
      if (this.#keys[row] === key) return cell;
      cell = (cell + 1) & this.#mask;
    }
    return cell;
  }

  /** The keys, row by row (repeats included). */
  get keys(): readonly string[] {
    return this.#keys;
  }

  /** The key of `row` (its place in the list). */
  keyAt(row: number): string | undefined {
    return this.#keys[row];
  }

  /** The row of `key`, if it is one of the keys. */
  get(key: string): number | undefined {
    const row = this.#cells[this.#cell(key)]!;
    return row === EMPTY ? undefined : row;
  }
}
