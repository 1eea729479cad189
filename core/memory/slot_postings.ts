/**
 * The inverted side of the in-memory BM25 index (`lexical_index.ts`), by document slot: each
 * term's posting, and each slot's distinct terms with their frequencies, which is what lets a
 * document be removed from the postings it sits in without scanning them all.
 *
 * @module
 */
import { Posting } from "./posting.ts";
import type { PostingsBuild } from "./postings_build.ts";

/** Postings by term id and the terms of each document slot, kept in step. */
export class SlotPostings {
  /** Postings by term id. */
  postings: Array<Posting | undefined> = [];
  /** Each slot's distinct term ids and their frequencies, at `docStart[slot]`, `docCount`. */
  docTerms = new Uint32Array(256);
  docTfs = new Uint16Array(256);
  docStart = new Int32Array(64);
  docCount = new Uint16Array(64);
  docEnd = 0;
  /** Entries of removed or replaced documents still in `docTerms`. */
  docGarbage = 0;
  /**
   * When set, the ids of the terms given a posting (a first document) are added to it: a store
   * vocabulary of slips (`store_vocabulary.ts`) takes them in at its next lookup. A set, each id
   * once: a memory updated back and forth between two texts with no lookup between gives the
   * same terms a posting again at every update, and a list grew by a text's words each time
   * (attack35 A3).
   */
  born: Set<number> | undefined;

  /** Room for `capacity` slots in the per-slot arrays. */
  growSlots(capacity: number): void {
    const start = new Int32Array(capacity);
    start.set(this.docStart);
    this.docStart = start;
    const count = new Uint16Array(capacity);
    count.set(this.docCount);
    this.docCount = count;
  }

  /**
   * Room for `more` entries at the end of the per-document term store, compacted to the
   * `live` slots when it has to grow anyway (asked for them only then).
   */
  reserve(more: number, live: { values(): Iterable<number> }): void {
    if (this.docEnd + more <= this.docTerms.length) return;
    const capacity = Math.max(256, 2 * (this.docEnd - this.docGarbage + more));
    const termIds = new Uint32Array(capacity);
    const tfs = new Uint16Array(capacity);
    let end = 0;
    for (const slot of live.values()) {
      const from = this.docStart[slot]!;
      const count = this.docCount[slot]!;
      termIds.set(this.docTerms.subarray(from, from + count), end);
      tfs.set(this.docTfs.subarray(from, from + count), end);
      this.docStart[slot] = end;
      end += count;
    }
    this.docTerms = termIds;
    this.docTfs = tfs;
    this.docEnd = end;
    this.docGarbage = 0;
  }

  /** Gives each term with a frequency above 0 a posting of that size, unless it has one. */
  preallocate(frequencies: ArrayLike<number>): void {
    for (let id = 0; id < frequencies.length; id++) {
      if (frequencies[id]! > 0 && !this.postings[id]) {
        this.postings[id] = new Posting(frequencies[id]);
        this.born?.add(id);
      }
    }
  }

  /** Adds the document at `slot` with its sorted term ids (room reserved). */
  add(slot: number, termIds: Uint32Array): void {
    const start = this.docEnd;
    let count = 0;
    // Sorted, equal ids sit together: their run length is the term frequency.
    for (let i = 0; i < termIds.length;) {
      const term = termIds[i]!;
      let j = i + 1;
      while (j < termIds.length && termIds[j] === term) j++;
      let posting = this.postings[term];
      if (!posting) {
        this.postings[term] = posting = new Posting();
        this.born?.add(term);
      }
      posting.add(slot, j - i);
      this.docTerms[start + count] = term;
      this.docTfs[start + count] = Math.min(j - i, 0xffff);
      count++;
      i = j;
    }
    this.docStart[slot] = start;
    this.docCount[slot] = count;
    this.docEnd = start + count;
  }

  /** Takes the document at `slot` out of every posting it is in. */
  remove(slot: number): void {
    const start = this.docStart[slot]!;
    const count = this.docCount[slot]!;
    for (let i = start; i < start + count; i++) {
      const term = this.docTerms[i]!;
      const posting = this.postings[term]!;
      posting.remove(slot);
      if (posting.size === 0) this.postings[term] = undefined;
    }
    this.docGarbage += count;
    this.docCount[slot] = 0;
  }

  /**
   * Takes over a build's arrays as they are, with one posting per term over views of them (a
   * load of 100,000 memories makes no per-document calls).
   */
  adopt(built: PostingsBuild): void {
    this.docStart = built.docStart;
    this.docCount = built.docCount;
    this.docTerms = built.docTerms;
    this.docTfs = built.docTfs;
    this.docEnd = built.docEnd;
    this.docGarbage = 0;
    const { termStart, termSize, slots, tfs } = built;
    const postings = this.postings;
    for (let term = 0; term < termSize.length; term++) {
      const size = termSize[term]!;
      if (size === 0) continue;
      const start = termStart[term]!;
      postings[term] = Posting.of(
        slots.subarray(start, start + size),
        tfs.subarray(start, start + size),
      );
      this.born?.add(term);
    }
  }
}
