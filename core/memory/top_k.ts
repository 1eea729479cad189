/**
 * A bounded min-heap keeping the k highest scores of rows (typed arrays: no object per offer),
 * for the scans of the vector and BM25 indexes. Of equal scores it keeps the rows later in a
 * given storing order (each index keeps one beside its rows: rows themselves move and are
 * reused after a delete), so when more memories tie than fit (sixty versions of one fact, each
 * worded alike) the newer ones are kept, as ranking would order them. Without an order, the
 * higher rows are the later ones.
 *
 * @module
 */
import { highestFirst } from "./highest_first.ts";

/** The `k` highest (row, score) pairs offered. */
export class TopK {
  readonly #k: number;
  readonly #rows: Int32Array;
  readonly #scores: Float64Array;
  /** Each row's place in storing order (higher is newer); the row itself when absent. */
  readonly #order: ArrayLike<number> | undefined;
  #size = 0;

  /**
   * An empty heap for the best `k`; of equal scores the rows with a higher `order[row]` are
   * kept (the row number itself without `order`).
   */
  constructor(k: number, order?: ArrayLike<number>) {
    this.#k = k;
    this.#rows = new Int32Array(k);
    this.#scores = new Float64Array(k);
    this.#order = order;
  }

  /** Whether (`row`, `score`) ranks below (`otherRow`, `otherScore`): a lower score, or older. */
  #worse(row: number, score: number, otherRow: number, otherScore: number): boolean {
    if (score !== otherScore) return score < otherScore;
    const order = this.#order;
    return order === undefined ? row < otherRow : order[row]! < order[otherRow]!;
  }

  /**
   * Keeps (`row`, `score`) if it is among the best `k` so far: a higher score, or an equal one
   * of a newer row, than the lowest kept.
   */
  offer(row: number, score: number): void {
    if (this.#size < this.#k) {
      let i = this.#size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.#worse(row, score, this.#rows[parent]!, this.#scores[parent]!)) break;
        this.#rows[i] = this.#rows[parent]!;
        this.#scores[i] = this.#scores[parent]!;
        i = parent;
      }
      this.#rows[i] = row;
      this.#scores[i] = score;
    } else if (this.#worse(this.#rows[0]!, this.#scores[0]!, row, score)) {
      this.#siftDown(row, score);
    }
  }

  #siftDown(row: number, score: number): void {
    let i = 0;
    while (true) {
      const left = 2 * i + 1;
      if (left >= this.#size) break;
      const right = left + 1;
      const child = right < this.#size &&
          this.#worse(
            this.#rows[right]!,
            this.#scores[right]!,
            this.#rows[left]!,
            this.#scores[left]!,
          )
        ? right
        : left;
      if (!this.#worse(this.#rows[child]!, this.#scores[child]!, row, score)) break;
      this.#rows[i] = this.#rows[child]!;
      this.#scores[i] = this.#scores[child]!;
      i = child;
    }
    this.#rows[i] = row;
    this.#scores[i] = score;
  }

  /** How many pairs it holds. */
  get size(): number {
    return this.#size;
  }

  /**
   * The lowest score it holds (the k-th best once full; 0 when empty). A scan may skip a score
   * below it, not an equal one: that one may be kept (a newer row).
   */
  get lowest(): number {
    return this.#size === 0 ? 0 : this.#scores[0]!;
  }

  /** The row of the lowest score it holds (-1 when empty). */
  get lowestRow(): number {
    return this.#size === 0 ? -1 : this.#rows[0]!;
  }

  /** Empties it, for the next best `k` (its arrays kept: no allocation). */
  clear(): void {
    this.#size = 0;
  }

  /**
   * Puts the pairs it holds in order, best first, equal scores oldest first (by order, else by
   * row), read by {@linkcode rowAt} and {@linkcode scoreAt}; how many. In place (a heap sort: no
   * object or comparator call per pair), so it is no longer a heap: `clear` it before offering
   * again. The same order as {@linkcode sortedByRow}, a strict one with an order of unique
   * places (an index's storing order).
   */
  sortInPlace(): number {
    const rows = this.#rows;
    const scores = this.#scores;
    const size = this.#size;
    // Each step moves the worst pair left in the heap to the end of the heap's part, so the
    // arrays end best first, of equal scores newest first ...
    for (let end = size - 1; end > 0; end--) {
      const row = rows[end]!;
      const score = scores[end]!;
      rows[end] = rows[0]!;
      scores[end] = scores[0]!;
      this.#size = end;
      this.#siftDown(row, score);
    }
    this.#size = size;
    // ... then each run of equal scores is turned round: oldest first.
    for (let start = 0; start < size;) {
      let end = start + 1;
      while (end < size && scores[end] === scores[start]) end++;
      for (let i = start, j = end - 1; i < j; i++, j--) {
        const row = rows[i]!;
        rows[i] = rows[j]!;
        rows[j] = row;
      }
      start = end;
    }
    return size;
  }

  /** The row at place `i` (after {@linkcode sortInPlace}, the i-th best). */
  rowAt(i: number): number {
    return this.#rows[i]!;
  }

  /** The score at place `i` (after {@linkcode sortInPlace}, the i-th best). */
  scoreAt(i: number): number {
    return this.#scores[i]!;
  }

  /** The pairs it holds, best first, equal scores oldest first (by order, else by row). */
  sortedByRow(): Array<{ row: number; score: number }> {
    const items = [];
    for (let i = 0; i < this.#size; i++) {
      items.push({ row: this.#rows[i]!, score: this.#scores[i]! });
    }
    const order = this.#order;
    return items.sort((a, b) =>
      b.score - a.score || (order ? order[a.row]! - order[b.row]! : a.row - b.row)
    );
  }

  /**
   * The places of the pairs it holds, best first, equal scores in heap order ({@linkcode sorted}'s
   * order, read by {@linkcode rowAt} and {@linkcode scoreAt}): no object per pair, no comparator.
   */
  sortedPlaces(): Int32Array | number[] {
    return highestFirst(this.#scores.subarray(0, this.#size));
  }

  /** The pairs it holds, best first (equal scores in heap order). */
  sorted(): Array<{ row: number; score: number }> {
    const items = [];
    for (let i = 0; i < this.#size; i++) {
      items.push({ row: this.#rows[i]!, score: this.#scores[i]! });
    }
    return items.sort((a, b) => b.score - a.score);
  }
}
