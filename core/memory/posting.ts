/**
 * One term's posting in the in-memory BM25 index (`lexical_index.ts`): the documents (slots)
 * holding it and their term frequencies, in typed arrays that grow by doubling.
 *
 * @module
 */

/** The documents holding one term, with their term frequencies (unordered). */
export class Posting {
  slots: Int32Array;
  tfs: Uint16Array;
  size = 0;

  /** An empty posting with room for `capacity` documents. */
  constructor(capacity = 4) {
    this.slots = new Int32Array(capacity);
    this.tfs = new Uint16Array(capacity);
  }

  /** A full posting over `slots` and `tfs` (views of a build's arrays; a new entry grows it). */
  static of(slots: Int32Array, tfs: Uint16Array): Posting {
    const posting = new Posting(0);
    posting.slots = slots;
    posting.tfs = tfs;
    posting.size = slots.length;
    return posting;
  }

  /** Adds the document at `slot` with `tf` occurrences (capped at 65,535). */
  add(slot: number, tf: number): void {
    if (this.size === this.slots.length) {
      const slots = new Int32Array(this.size * 2);
      slots.set(this.slots);
      this.slots = slots;
      const tfs = new Uint16Array(this.size * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.slots[this.size] = slot;
    this.tfs[this.size++] = Math.min(tf, 0xffff);
  }

  /** Removes the document at `slot` (the last entry takes its place). */
  remove(slot: number): void {
    for (let i = 0; i < this.size; i++) {
      if (this.slots[i] !== slot) continue;
      this.size--;
      this.slots[i] = this.slots[this.size]!;
      this.tfs[i] = this.tfs[this.size]!;
      return;
    }
  }
}
