/**
 * An in-memory vector index for one persona and one embedder: int8 rows in WebAssembly memory
 * (`kernel/`) with the few fields search filters on. A query scores every memory (exact nearest
 * neighbours over the int8 rows, no approximation beyond their quantisation, within about 0.002
 * of the float cosine) and keeps the best k in a small heap, so a search at 100k memories reads
 * no vectors from SQLite. The SQLite backend loads an index lazily and keeps it in step with
 * every write.
 *
 * @module
 */
import {
  type CompiledFilter,
  type FieldBatch,
  FieldColumns,
  type IndexedFields,
  type IndexFilter,
} from "./index_fields.ts";
import { Int8Rows, quantize } from "./kernel/mod.ts";
import { TopK } from "./top_k.ts";
import { KeySlots } from "./key_slots.ts";

export type { IndexedFields, IndexFilter } from "./index_fields.ts";

/** A row found by a scan. */
export interface IndexHit<Key = string> {
  id: Key;
  similarity: number;
}

/**
 * Nearest-neighbour index over unit vectors of one dimension, by key (memory ids, or the
 * SQLite backend's row numbers).
 */
export class VectorIndex<Key extends string | number = string> {
  readonly dimensions: number;
  #size = 0;
  readonly #rowsData: Int8Rows;
  readonly #fields: FieldColumns;
  #ids: Key[] = [];
  #rows = new KeySlots<Key>();
  /**
   * Each row's place in storing order (a row's first upsert or load), for ties: rows move on a
   * {@linkcode remove}, so the row number says nothing of which memory is newer.
   */
  #order: Float64Array;
  #added = 0;

  /** An empty index for vectors of `dimensions`, with room for `capacity` rows to start. */
  constructor(dimensions: number, capacity = 64) {
    this.dimensions = dimensions;
    this.#rowsData = new Int8Rows(dimensions, capacity);
    this.#fields = new FieldColumns(this.#rowsData.capacity);
    this.#order = new Float64Array(this.#rowsData.capacity);
  }

  /** Room in the order column for every row the row memory has room for. */
  #growOrder(): void {
    if (this.#order.length >= this.#rowsData.capacity) return;
    const order = new Float64Array(this.#rowsData.capacity);
    order.set(this.#order);
    this.#order = order;
  }

  /** Bytes per stored int8 row ({@linkcode quantize}) for this dimension. */
  get pitch(): number {
    return this.#rowsData.pitch;
  }

  /** Number of rows. */
  get size(): number {
    return this.#size;
  }

  /** Whether `id` is indexed. */
  has(id: Key): boolean {
    return this.#rows.has(id);
  }

  /** Adds (or replaces) the row of `id`. `vector` may be raw bytes of a Float32Array. */
  upsert(id: Key, vector: Float32Array | Uint8Array, fields: IndexedFields): void {
    const floats = vector instanceof Float32Array
      ? vector
      : new Float32Array(vector.buffer, vector.byteOffset, vector.byteLength / 4);
    if (floats.length !== this.dimensions) {
      throw new Error(`Vector of ${floats.length} dimensions in an index of ${this.dimensions}`);
    }
    this.upsertRow(id, quantize(floats), fields);
  }

  /** Adds (or replaces) the row of `id` from its stored int8 row ({@linkcode quantize}). */
  upsertRow(id: Key, value: Uint8Array, fields: IndexedFields): void {
    if (value.length !== this.#rowsData.pitch) {
      throw new Error(`Row of ${value.length} bytes in an index of ${this.dimensions}`);
    }
    let row = this.#rows.get(id);
    if (row === undefined) {
      if (this.#size === this.#rowsData.capacity) {
        this.#rowsData.grow(this.#size * 2);
        this.#fields.grow(this.#rowsData.capacity);
        this.#growOrder();
      }
      row = this.#size++;
      this.#rows.set(id, row);
      this.#ids[row] = id;
      this.#order[row] = this.#added++;
    }
    this.#rowsData.setRow(row, value);
    this.setFields(id, fields);
  }

  /**
   * Makes room for `count` more rows (row memory, fields, key table) ahead of a
   * {@linkcode load} of that many; {@linkcode prefault} then maps its memory.
   */
  reserve(count: number): void {
    this.#rowsData.grow(this.#size + count);
    this.#fields.grow(this.#rowsData.capacity);
    this.#growOrder();
    this.#rows.reserve(count);
  }

  /**
   * Has the next `pages` pages of the row memory mapped now ({@linkcode Int8Rows.prefault}), so
   * that a later {@linkcode load} only copies; whether pages remain.
   */
  prefault(pages: number): boolean {
    return this.#rowsData.prefault(pages);
  }

  /**
   * Adds many new rows at once (an index load): their stored int8 rows end to end
   * ({@linkcode quantize} each) and their filter fields.
   */
  load(
    rows: {
      ids: readonly Key[];
      fields: FieldBatch;
      bytes: Uint8Array;
      /** `ids[i]` → `i` ({@linkcode KeySlots.ordered}): taken as the key table of an empty index. */
      slots?: KeySlots<Key>;
    },
  ): void {
    const count = rows.ids.length;
    if (rows.bytes.length !== count * this.#rowsData.pitch) {
      throw new Error(`${count} rows do not fill ${rows.bytes.length} bytes`);
    }
    const first = this.#size;
    this.#rowsData.grow(first + count);
    this.#fields.grow(this.#rowsData.capacity);
    this.#rowsData.setRows(first, rows.bytes);
    this.#fields.load(first, rows.fields);
    this.#growOrder();
    for (let i = 0; i < count; i++) this.#order[first + i] = this.#added++;
    if (rows.slots && first === 0 && this.#rows.size === 0 && rows.slots.size === count) {
      this.#rows = rows.slots;
      this.#ids = rows.ids.slice();
      this.#size = count;
      return;
    }
    this.#rows.reserve(count);
    for (let i = 0; i < count; i++) {
      const id = rows.ids[i]!;
      this.#rows.set(id, first + i);
      this.#ids[first + i] = id;
    }
    this.#size += count;
  }

  /** Changes the filter fields of `id` (no-op when absent). */
  setFields(id: Key, fields: Partial<IndexedFields>): void {
    const row = this.#rows.get(id);
    if (row === undefined) return;
    this.#fields.set(row, fields);
  }

  /** Removes `id` by moving the last row (its storing order with it) into its place. */
  remove(id: Key): void {
    const row = this.#rows.get(id);
    if (row === undefined) return;
    const last = --this.#size;
    if (row !== last) {
      const lastId = this.#ids[last]!;
      this.#rowsData.move(last, row);
      this.#fields.move(last, row);
      this.#order[row] = this.#order[last]!;
      this.#ids[row] = lastId;
      this.#rows.set(lastId, row);
    }
    this.#ids.length = last;
    this.#rows.delete(id);
  }

  /** Cosine of `id`'s vector with `query`, if `id` is indexed. */
  similarity(id: Key, query: Float32Array): number | undefined {
    const row = this.#rows.get(id);
    return row === undefined ? undefined : this.#rowsData.dot(row, query);
  }

  /** The `k` rows most similar to `query` among those `filter` allows, best first. */
  nearest(query: Float32Array, k: number, filter: IndexFilter): IndexHit<Key>[] {
    const compiled = this.#fields.compile(filter);
    if (compiled === undefined || k <= 0) return [];
    const heap = new TopK(k, this.#order);
    const { scores, scale } = this.#rowsData.unscaledScores(query, this.#size);
    this.#offerAll({ heap, k, scores, compiled });
    const places = heap.sortedPlaces();
    const hits = new Array<IndexHit<Key>>(places.length);
    for (let i = 0; i < places.length; i++) {
      hits[i] = {
        id: this.#ids[heap.rowAt(places[i]!)]!,
        similarity: Math.fround(heap.scoreAt(places[i]!) * scale),
      };
    }
    return hits;
  }

  /**
   * Offers the heap every row `compiled` allows whose score can still enter it. A method of its
   * own, not a loop in {@linkcode nearest}: the loop runs long enough on a large index for V8 to
   * compile it on-stack-replaced in the middle of a call, before the code after it has run once,
   * and that code then left the optimized function on every search ("insufficient type feedback"
   * at the heap's `sorted`, about one deoptimisation in four searches at 10k memories).
   */
  #offerAll(scan: { heap: TopK; k: number; scores: Float32Array; compiled: CompiledFilter }): void {
    const { heap, k, scores, compiled } = scan;
    // Once the heap is full, only a score at least its lowest gets in (an equal one of a newer
    // memory, by storing order, replaces it: `TopK.offer`): tested here, inline, as nearly every row
    // of a large index fails it (and the filter only for rows that pass it). The rows are scanned
    // last first, so an equal score (common: int8 scores are whole numbers) mostly comes from an
    // older row than the lowest kept and is turned away here, without a call into the heap.
    // `!(score >= lowest)`, not `score < lowest`: a NaN score (a NaN vector stored before
    // embeddings were checked) never enters the heap, where it would block every other row.
    const order = this.#order;
    let lowest = -Infinity;
    let lowestOrder = -Infinity;
    const acceptsAll = this.#fields.acceptsAll(compiled);
    for (let row = this.#size - 1; row >= 0; row--) {
      const score = scores[row]!;
      if (!(score >= lowest) || (score === lowest && order[row]! < lowestOrder)) continue;
      if (!acceptsAll && !this.#fields.accepts(row, compiled)) continue;
      heap.offer(row, score);
      if (heap.size === k) {
        lowest = heap.lowest;
        lowestOrder = order[heap.lowestRow]!;
      }
    }
  }
}
