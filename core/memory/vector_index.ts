/**
 * An in-memory vector index for one persona and one embedder: a growable Float32Array matrix
 * with the few fields search filters on. A query scores every memory (exact nearest neighbours,
 * no approximation) and keeps the best k in a small heap, so a search at 100k memories reads no
 * vectors from SQLite. The SQLite backend loads an index lazily and keeps it in step with every
 * write.
 *
 * The matrix is stored by dimension (column-major): scoring adds `query[d] · column d` for each
 * dimension where the query is not zero, in one sequential pass per dimension. Queries from the
 * local embedder touch a fraction of the 256 dimensions, so most columns are never read.
 *
 * @module
 */
import { FieldColumns, type IndexedFields, type IndexFilter } from "./index_fields.ts";

export type { IndexedFields, IndexFilter } from "./index_fields.ts";

/** A row found by a scan. */
export interface IndexHit {
  id: string;
  similarity: number;
}

/** Nearest-neighbour index over unit vectors of one dimension. */
export class VectorIndex {
  readonly dimensions: number;
  #size = 0;
  #capacity: number;
  #vectors: Float32Array;
  readonly #fields: FieldColumns;
  #ids: string[] = [];
  readonly #rows = new Map<string, number>();

  /** An empty index for vectors of `dimensions`, with room for `capacity` rows to start. */
  constructor(dimensions: number, capacity = 64) {
    this.dimensions = dimensions;
    this.#capacity = capacity;
    this.#vectors = new Float32Array(capacity * dimensions);
    this.#fields = new FieldColumns(capacity);
  }

  /** Number of rows. */
  get size(): number {
    return this.#size;
  }

  /** Whether `id` is indexed. */
  has(id: string): boolean {
    return this.#rows.has(id);
  }

  #grow(): void {
    const before = this.#capacity;
    this.#capacity *= 2;
    const vectors = new Float32Array(this.#capacity * this.dimensions);
    for (let d = 0; d < this.dimensions; d++) {
      vectors.set(this.#vectors.subarray(d * before, d * before + this.#size), d * this.#capacity);
    }
    this.#vectors = vectors;
    this.#fields.grow(this.#capacity);
  }

  /** Adds (or replaces) the row of `id`. `vector` may be raw bytes of a Float32Array. */
  upsert(id: string, vector: Float32Array | Uint8Array, fields: IndexedFields): void {
    let row = this.#rows.get(id);
    if (row === undefined) {
      if (this.#size === this.#capacity) this.#grow();
      row = this.#size++;
      this.#rows.set(id, row);
      this.#ids[row] = id;
    }
    const floats = vector instanceof Float32Array
      ? vector
      : new Float32Array(vector.buffer, vector.byteOffset, vector.byteLength / 4);
    if (floats.length !== this.dimensions) {
      throw new Error(`Vector of ${floats.length} dimensions in an index of ${this.dimensions}`);
    }
    const capacity = this.#capacity;
    for (let d = 0; d < this.dimensions; d++) this.#vectors[d * capacity + row] = floats[d]!;
    this.setFields(id, fields);
  }

  /** Changes the filter fields of `id` (no-op when absent). */
  setFields(id: string, fields: Partial<IndexedFields>): void {
    const row = this.#rows.get(id);
    if (row === undefined) return;
    this.#fields.set(row, fields);
  }

  /** Removes `id` by moving the last row into its place. */
  remove(id: string): void {
    const row = this.#rows.get(id);
    if (row === undefined) return;
    const last = --this.#size;
    if (row !== last) {
      const lastId = this.#ids[last]!;
      const capacity = this.#capacity;
      for (let d = 0; d < this.dimensions; d++) {
        this.#vectors[d * capacity + row] = this.#vectors[d * capacity + last]!;
      }
      this.#fields.move(last, row);
      this.#ids[row] = lastId;
      this.#rows.set(lastId, row);
    }
    this.#ids.length = last;
    this.#rows.delete(id);
  }

  /** Cosine of `id`'s vector with `query`, if `id` is indexed. */
  similarity(id: string, query: Float32Array): number | undefined {
    const row = this.#rows.get(id);
    if (row === undefined) return undefined;
    let sum = 0;
    for (let d = 0; d < this.dimensions; d++) {
      sum += this.#vectors[d * this.#capacity + row]! * query[d]!;
    }
    return sum;
  }

  /**
   * Every row's dot product with `query`, skipping the query's zero dimensions. Four columns go
   * in one pass, so the scores are read and written a quarter as often.
   */
  #scores(query: Float32Array): Float32Array {
    const size = this.#size;
    const capacity = this.#capacity;
    const m = this.#vectors;
    const scores = new Float32Array(size);
    const dims: number[] = [];
    for (let d = 0; d < this.dimensions; d++) if (query[d] !== 0) dims.push(d);
    while (dims.length % 4 !== 0) dims.push(-1);
    for (let i = 0; i < dims.length; i += 4) {
      const [a = 0, b = 0, c = 0, e = 0] = dims.slice(i, i + 4).map((d) =>
        d < 0 ? 0 : d * capacity
      );
      const [wa = 0, wb = 0, wc = 0, we = 0] = dims.slice(i, i + 4).map((d) =>
        d < 0 ? 0 : query[d]!
      );
      // Every index below is in bounds: rows < size <= capacity, columns < dimensions.
      for (let row = 0; row < size; row++) {
        scores[row]! += wa * m[a + row]! + wb * m[b + row]! + wc * m[c + row]! + we * m[e + row]!;
      }
    }
    return scores;
  }

  /** The `k` rows most similar to `query` among those `filter` allows, best first. */
  nearest(query: Float32Array, k: number, filter: IndexFilter): IndexHit[] {
    const compiled = this.#fields.compile(filter);
    if (compiled === undefined || k <= 0) return [];
    const heap = new TopK(k);
    const scores = this.#scores(query);
    for (let row = 0; row < this.#size; row++) {
      if (!this.#fields.accepts(row, compiled)) continue;
      heap.offer(row, scores[row]!);
    }
    return heap.sorted().map(({ row, score }) => ({ id: this.#ids[row]!, similarity: score }));
  }
}

/** A bounded min-heap keeping the k highest scores. */
class TopK {
  readonly #k: number;
  readonly #rows: Int32Array;
  readonly #scores: Float64Array;
  #size = 0;

  constructor(k: number) {
    this.#k = k;
    this.#rows = new Int32Array(k);
    this.#scores = new Float64Array(k);
  }

  offer(row: number, score: number): void {
    if (this.#size < this.#k) {
      let i = this.#size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.#scores[parent]! <= score) break;
        this.#rows[i] = this.#rows[parent]!;
        this.#scores[i] = this.#scores[parent]!;
        i = parent;
      }
      this.#rows[i] = row;
      this.#scores[i] = score;
    } else if (score > this.#scores[0]!) {
      this.#siftDown(row, score);
    }
  }

  #siftDown(row: number, score: number): void {
    let i = 0;
    while (true) {
      const left = 2 * i + 1;
      if (left >= this.#size) break;
      const right = left + 1;
      const child = right < this.#size && this.#scores[right]! < this.#scores[left]! ? right : left;
      if (this.#scores[child]! >= score) break;
      this.#rows[i] = this.#rows[child]!;
      this.#scores[i] = this.#scores[child]!;
      i = child;
    }
    this.#rows[i] = row;
    this.#scores[i] = score;
  }

  sorted(): Array<{ row: number; score: number }> {
    const items = [];
    for (let i = 0; i < this.#size; i++) {
      items.push({ row: this.#rows[i]!, score: this.#scores[i]! });
    }
    return items.sort((a, b) => b.score - a.score);
  }
}
