/**
 * A BM25 index's per-slot arrays ({@linkcode LexicalIndex}), sized together: each document's
 * length and place in storing order, and the scratch a search scores in. They grow by doubling
 * as slots are added, or are taken over from a postings build (`postings_build.ts`) when an
 * empty index loads.
 *
 * @module
 */
import type { PostingsBuild } from "./postings_build.ts";

/** Room for this many slots in a new index's arrays. */
export const FIRST_SLOTS = 64;

/** The per-slot arrays of one index (see the module's documentation). */
export class SlotColumns {
  /** Each slot's document length in terms. */
  lengths = new Float64Array(FIRST_SLOTS);
  /**
   * Each slot's place in storing order (a memory's first indexing, kept when it is re-indexed),
   * for ties: slots are reused after a delete, so the slot says nothing of which is newer.
   */
  order = new Float64Array(FIRST_SLOTS);
  /** Scratch scores by slot, reused by every search. */
  scores = new Float64Array(FIRST_SLOTS);
  /** Scratch list of the slots a search has scored, reused by every search (at most one each). */
  touched = new Int32Array(FIRST_SLOTS);

  /** Grows every array to `capacity` slots, the lengths and the order kept. */
  grow(capacity: number): void {
    const lengths = new Float64Array(capacity);
    lengths.set(this.lengths);
    this.lengths = lengths;
    const order = new Float64Array(capacity);
    order.set(this.order);
    this.order = order;
    this.scores = new Float64Array(capacity);
    this.touched = new Int32Array(capacity);
  }

  /** Takes over `built`'s lengths, its first `n` slots in storing order. */
  adopt(built: PostingsBuild, n: number): void {
    this.lengths = built.lengths;
    this.scores = new Float64Array(built.capacity);
    this.touched = new Int32Array(built.capacity);
    this.order = new Float64Array(built.capacity);
    for (let doc = 0; doc < n; doc++) this.order[doc] = doc;
  }
}
