/**
 * A bounded min-heap keeping the k highest scores of rows (typed arrays: no object per offer),
 * for the scans of the vector and BM25 indexes. Of equal scores it keeps the higher rows: the
 * indexes add rows in storing order, so when more memories tie than fit (sixty versions of one
 * fact, each worded alike) the newer ones are kept, as ranking would order them.
 *
 * @module
 */

/** The `k` highest (row, score) pairs offered. */
export class TopK {
  readonly #k: number;
  readonly #rows: Int32Array;
  readonly #scores: Float64Array;
  #size = 0;

  /** An empty heap for the best `k`. */
  constructor(k: number) {
    this.#k = k;
    this.#rows = new Int32Array(k);
    this.#scores = new Float64Array(k);
  }

  /**
   * Keeps (`row`, `score`) if it is among the best `k` so far: a higher score, or an equal one
   * of a higher row, than the lowest kept.
   */
  offer(row: number, score: number): void {
    if (this.#size < this.#k) {
      let i = this.#size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(row, score, this.#rows[parent]!, this.#scores[parent]!)) break;
        this.#rows[i] = this.#rows[parent]!;
        this.#scores[i] = this.#scores[parent]!;
        i = parent;
      }
      this.#rows[i] = row;
      this.#scores[i] = score;
    } else if (worse(this.#rows[0]!, this.#scores[0]!, row, score)) {
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
          worse(this.#rows[right]!, this.#scores[right]!, this.#rows[left]!, this.#scores[left]!)
        ? right
        : left;
      if (!worse(this.#rows[child]!, this.#scores[child]!, row, score)) break;
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
   * below it, not an equal one: that one may be kept (a higher row).
   */
  get lowest(): number {
    return this.#size === 0 ? 0 : this.#scores[0]!;
  }

  /** Empties it, for the next best `k` (its arrays kept: no allocation). */
  clear(): void {
    this.#size = 0;
  }

  /** The pairs it holds, best first, equal scores by row (lowest first). */
  sortedByRow(): Array<{ row: number; score: number }> {
    const items = [];
    for (let i = 0; i < this.#size; i++) {
      items.push({ row: this.#rows[i]!, score: this.#scores[i]! });
    }
    return items.sort((a, b) => b.score - a.score || a.row - b.row);
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

/** Whether (`row`, `score`) ranks below (`otherRow`, `otherScore`): a lower score, or a lower row. */
function worse(row: number, score: number, otherRow: number, otherScore: number): boolean {
  return score < otherScore || (score === otherScore && row < otherRow);
}
