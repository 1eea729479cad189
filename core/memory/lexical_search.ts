/**
 * The in-memory BM25 index's search (`lexical_index.ts`): the k best documents for a prepared
 * query by MaxScore (Turtle & Flood 1995), equal to an exhaustive scan.
 *
 * @module
 */
import { BM25_B, BM25_K1, termScore } from "./bm25.ts";
import type { CompiledFilter, FieldColumns } from "./index_fields.ts";
import type { Posting } from "./posting.ts";
import type { PreparedQuery } from "./prepared_queries.ts";
import type { SlotColumns } from "./lexical_columns.ts";
import type { SlotPostings } from "./slot_postings.ts";
import { TopK } from "./top_k.ts";

/**
 * A term that is not essential to a search (MaxScore) adds to the documents found so far from
 * its own posting when that is shorter than this many times their number (a document's term
 * list is ~10 terms long; a posting entry is one check), else from their term lists.
 */
const POSTING_SCAN_RATIO = 4;

/** What a search reads of an index (its arrays as they are at the call). */
export interface LexicalData {
  /** Postings by term id. */
  postings: ReadonlyArray<Posting | undefined>;
  /** Document lengths in terms, by slot. */
  lengths: Float64Array;
  /** Each slot's distinct term ids and frequencies, at `docStart[slot]`, `docCount[slot]`. */
  docStart: Int32Array;
  docCount: Uint16Array;
  docTerms: Uint32Array;
  docTfs: Uint16Array;
  /** Scratch scores by slot, all 0 (and left so). */
  scores: Float64Array;
  /** Scratch room for the slots a search scores (as long as `scores`). */
  touched: Int32Array;
  /** Each slot's place in storing order (higher is newer), for ties. */
  order: ArrayLike<number>;
  fields: FieldColumns;
  averageLength: number;
}

/** The parts of a `LexicalIndex` a search reads, gathered by {@linkcode lexicalData}. */
export interface LexicalParts {
  inverted: SlotPostings;
  columns: SlotColumns;
  fields: FieldColumns;
  averageLength: number;
}

/** The index's arrays as they are now, for a search or a score. */
export function lexicalData(parts: LexicalParts): LexicalData {
  const { inverted, columns } = parts;
  return {
    postings: inverted.postings,
    lengths: columns.lengths,
    docStart: inverted.docStart,
    docCount: inverted.docCount,
    docTerms: inverted.docTerms,
    docTfs: inverted.docTfs,
    scores: columns.scores,
    touched: columns.touched,
    order: columns.order,
    fields: parts.fields,
    averageLength: parts.averageLength,
  };
}

/** A compiled filter, and whether it allows every document. */
export interface SlotFilter {
  compiled: CompiledFilter;
  all: boolean;
}

/**
 * The `k` best slots for `prepared` among those `filter` allows: BM25, best first (equal scores
 * oldest first), in a heap sorted in place (`TopK.sortInPlace`; its `rowAt`, `scoreAt`).
 */
export function maxScoreSearch(
  data: LexicalData,
  prepared: PreparedQuery,
  k: number,
  filter: SlotFilter,
): TopK {
  const { postings, lengths, scores } = data;
  let touched = data.touched;
  // The slots scored so far, in the order first scored (a slot scores above 0 once found).
  let found = 0;
  const lengthScale = BM25_K1 * BM25_B / (data.averageLength || 1);
  const base = BM25_K1 * (1 - BM25_B);
  // MaxScore (Turtle & Flood 1995): terms by the most they can add, largest first. Once k
  // documents already score more than the remaining terms could give a document none of the
  // earlier terms found, the remaining terms only add to documents found so far, read from
  // each one's own term list instead of the terms' (long, for common words) postings.
  const order: number[] = [];
  for (let q = 0; q < prepared.ids.length; q++) {
    if (prepared.ids[q]! >= 0 && prepared.weights[q]! > 0) order.push(q);
  }
  order.sort((a, b) => prepared.weights[b]! - prepared.weights[a]!);
  const rest = new Float64Array(order.length + 1);
  for (let i = order.length - 1; i >= 0; i--) {
    rest[i] = rest[i + 1]! + prepared.weights[order[i]!]! * (BM25_K1 + 1);
  }
  // One heap for the k-th best score of each step and the best k at the end.
  const best = new TopK(k, data.order);
  // The most a term found in fewer than k documents takes off the k-th best score's bound.
  let rareWeight = 0;
  let essential = 0;
  for (; essential < order.length; essential++) {
    if (essential > 0 && found >= k && mayStop(rest, { essential, rareWeight })) {
      const kth = kthScore(data, { touched, found, k, filter, best });
      if (kth > rest[essential]!) break;
    }
    const q = order[essential]!;
    const posting = postings[prepared.ids[q]!]!;
    const weight = prepared.weights[q]!;
    if (rareWeight === 0 && posting.size < k) rareWeight = weight * (BM25_K1 + 1);
    for (let j = 0; j < posting.size; j++) {
      const slot = posting.slots[j]!;
      const tf = posting.tfs[j]!;
      if (scores[slot] === 0) {
        // Room for every slot; more only if an addition underflowed to 0 (a slot listed twice).
        if (found === touched.length) touched = grown(touched);
        touched[found++] = slot;
      }
      scores[slot]! += weight * tf * (BM25_K1 + 1) / (tf + base + lengthScale * lengths[slot]!);
    }
  }
  for (let i = essential; i < order.length; i++) {
    const q = order[i]!;
    const term = prepared.ids[q]!;
    const weight = prepared.weights[q]!;
    const posting = postings[term]!;
    // The documents found so far that hold the term: from the term's posting when it is
    // shorter than their own term lists together (a found document's score is above 0).
    if (posting.size < found * POSTING_SCAN_RATIO) {
      for (let j = 0; j < posting.size; j++) {
        const slot = posting.slots[j]!;
        if (scores[slot] === 0) continue;
        const tf = posting.tfs[j]!;
        scores[slot]! += weight * tf * (BM25_K1 + 1) /
          (tf + base + lengthScale * lengths[slot]!);
      }
      continue;
    }
    for (let t = 0; t < found; t++) {
      const slot = touched[t]!;
      const tf = termFrequency(data, slot, term);
      if (tf === 0) continue;
      scores[slot]! += weight * tf * (BM25_K1 + 1) / (tf + base + lengthScale * lengths[slot]!);
    }
  }
  best.clear();
  // Once the heap is full only a higher score, or an equal one of a newer memory (by storing
  // order, `TopK.offer`), gets in: tested here, inline (an equal score of an older memory too, so
  // that many alike memories do not each call into the heap). The found slots are visited last
  // found first: postings list their documents in indexing order, so an equal score mostly comes
  // from an older memory than the lowest kept, turned away here (visited oldest first, every one
  // of a thousand alike memories would replace the lowest kept, the heap's work growing with the
  // persona). The heap keeps the same k whatever the order it is offered them in.
  const storing = data.order;
  let lowest = -Infinity;
  let lowestOrder = -Infinity;
  for (let t = found - 1; t >= 0; t--) {
    const slot = touched[t]!;
    const score = scores[slot]!;
    scores[slot] = 0;
    if (score < lowest || (score === lowest && storing[slot]! < lowestOrder)) continue;
    if (!(filter.all || data.fields.accepts(slot, filter.compiled))) continue;
    best.offer(slot, score);
    if (best.size === k) {
      lowest = best.lowest;
      lowestOrder = storing[best.lowestRow]!;
    }
  }
  best.sortInPlace();
  return best;
}

/** Relative room for rounding in {@linkcode mayStop}'s bound (sums of a few terms' scores). */
const BOUND_SLACK = 1e-9;

/**
 * Whether the k-th best score found before the `essential`-th term can exceed what the terms
 * from it on could give (MaxScore's test, worth a pass over every document found), by a bound:
 * no document scores more than the terms before it can give (`rest[0] - rest[essential]`, each
 * term at most its weight × (k1 + 1)), and one of any k documents lacks a term found in fewer
 * than k of them (`rareWeight`, the heaviest such term's most): a query of a rare word and
 * words in every memory ("benchmark message 7") then goes on to the common words without
 * ranking all the documents they found once more. With room for rounding: the test is skipped
 * only where it could not pass.
 */
function mayStop(
  rest: Float64Array,
  at: { essential: number; rareWeight: number },
): boolean {
  const bound = rest[0]! - rest[at.essential]! - at.rareWeight;
  return bound + BOUND_SLACK * rest[0]! >= rest[at.essential]!;
}

/** `list` copied into one twice as long. */
function grown(list: Int32Array): Int32Array {
  const longer = new Int32Array(Math.max(16, list.length * 2));
  longer.set(list);
  return longer;
}

/**
 * The k-th best score among the first `found` slots of `touched` that pass the filter (0 when
 * fewer pass), in `best`.
 */
function kthScore(
  data: LexicalData,
  of: { touched: Int32Array; found: number; k: number; filter: SlotFilter; best: TopK },
): number {
  const { touched, found, k, filter, best } = of;
  best.clear();
  let lowest = -Infinity;
  for (let t = 0; t < found; t++) {
    const slot = touched[t]!;
    const score = data.scores[slot]!;
    if (score <= lowest || !(filter.all || data.fields.accepts(slot, filter.compiled))) continue;
    best.offer(slot, score);
    if (best.size === k) lowest = best.lowest;
  }
  return best.size < k ? 0 : best.lowest;
}

/** How often term `term` occurs in the document at `slot` (its own term list). */
function termFrequency(data: LexicalData, slot: number, term: number): number {
  const start = data.docStart[slot]!;
  const end = start + data.docCount[slot]!;
  for (let i = start; i < end; i++) if (data.docTerms[i] === term) return data.docTfs[i]!;
  return 0;
}

/** Normalised BM25 of the document at `slot` for `query` (capped at 1; 0 when nothing weighs). */
export function documentScore(data: LexicalData, slot: number, query: PreparedQuery): number {
  if (query.total <= 0) return 0;
  const { docTerms, docTfs } = data;
  const start = data.docStart[slot]!;
  const end = start + data.docCount[slot]!;
  const stats = { idf: 0, length: data.lengths[slot]!, averageLength: data.averageLength };
  let score = 0;
  for (let q = 0; q < query.ids.length; q++) {
    const term = query.ids[q]!;
    if (term < 0) continue;
    for (let i = start; i < end; i++) {
      if (docTerms[i] !== term) continue;
      stats.idf = query.weights[q]!;
      score += termScore(docTfs[i]!, stats);
      break;
    }
  }
  return Math.min(1, score / query.total);
}
