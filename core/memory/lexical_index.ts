/**
 * BM25 over a persona's memories (Robertson & Zaragoza 2009; Lucene's non-negative idf), held in
 * memory beside the vector index and kept in step with every write: postings of analysed terms
 * (`text.ts`), document lengths and frequencies. It both finds candidates (every memory holding
 * a query term, best first, whatever the word's frequency) and scores any candidate, with
 * statistics that are always those of the index itself.
 *
 * `lexical` is BM25 divided by the sum of the query terms' weights: a memory holding each query
 * term once, at the average length, scores 1; one holding only the rarest term scores that
 * term's share of the query's information. It is capped at 1. A term's weight is its idf here
 * times an optional prior (its informativeness in English, from the word-vector table): a
 * store of a few hundred memories cannot tell on its own that "make" says less than "peanuts".
 *
 * @module
 */
import { FieldColumns, type IndexedFields, type IndexFilter } from "./index_fields.ts";
import { terms } from "./text.ts";

/** Term-frequency saturation. */
export const BM25_K1 = 1.2;
/** Length normalisation (0: none, 1: full). */
export const BM25_B = 0.75;

/** Inverse document frequency of a term found in `df` of `n` documents (never negative). */
export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** One term's BM25 contribution: `tf` occurrences in a document of `length` terms. */
export function termScore(
  tf: number,
  stats: { idf: number; length: number; averageLength: number },
): number {
  if (tf <= 0) return 0;
  const norm = BM25_K1 * (1 - BM25_B + BM25_B * stats.length / (stats.averageLength || 1));
  return stats.idf * tf * (BM25_K1 + 1) / (tf + norm);
}

/** A document found by a lexical search, with its normalised BM25 (0..1). */
export interface LexicalHit {
  id: string;
  lexical: number;
}

/** Distinct analysed query terms, each with an optional prior weight (1 when absent). */
export interface LexicalQuery {
  terms: readonly string[];
  priors?: readonly number[];
}

/** The distinct analysed terms of a query. */
export function queryTerms(query: string): string[] {
  return [...new Set(terms(query))];
}

/** The documents holding one term, with their term frequencies (unordered). */
class Posting {
  slots: Int32Array;
  tfs: Uint16Array;
  size = 0;

  /** An empty posting with room for `capacity` documents. */
  constructor(capacity = 4) {
    this.slots = new Int32Array(capacity);
    this.tfs = new Uint16Array(capacity);
  }

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

  remove(slot: number): void {
    for (let i = 0; i < this.size; i++) {
      if (this.slots[i] !== slot) continue;
      this.size--;
      this.slots[i] = this.slots[this.size]!;
      this.tfs[i] = this.tfs[this.size]!;
      return;
    }
  }

  tf(slot: number): number {
    for (let i = 0; i < this.size; i++) if (this.slots[i] === slot) return this.tfs[i]!;
    return 0;
  }
}

/** BM25 postings over one persona's memories. */
export class LexicalIndex {
  readonly #slots = new Map<string, number>();
  #ids: string[] = [];
  #lengths = new Float64Array(64);
  readonly #fields = new FieldColumns(64);
  readonly #postings = new Map<string, Posting>();
  /** slot → its distinct terms (to remove it). */
  readonly #termsOf: string[][] = [];
  readonly #free: number[] = [];
  #totalLength = 0;
  /** Scratch scores by slot, reused by every search. */
  #scores = new Float64Array(64);

  /** Number of documents. */
  get size(): number {
    return this.#slots.size;
  }

  /** Mean document length in terms. */
  get averageLength(): number {
    return this.#slots.size === 0 ? 0 : this.#totalLength / this.#slots.size;
  }

  /** In how many documents `term` occurs. */
  documentFrequency(term: string): number {
    return this.#postings.get(term)?.size ?? 0;
  }

  #grow(): void {
    const capacity = this.#lengths.length * 2;
    const lengths = new Float64Array(capacity);
    lengths.set(this.#lengths);
    this.#lengths = lengths;
    this.#fields.grow(capacity);
    this.#scores = new Float64Array(capacity);
  }

  /**
   * Indexes many new memories at once (an index load): every text is analysed first, so each
   * posting is allocated once at its final size instead of growing document by document.
   */
  load(rows: ReadonlyArray<{ id: string; content: string; fields: IndexedFields }>): void {
    const analysed = rows.map((row) => terms(row.content).sort());
    const frequencies = new Map<string, number>();
    for (const list of analysed) {
      for (let i = 0; i < list.length; i++) {
        if (list[i] !== list[i - 1]) {
          frequencies.set(list[i]!, (frequencies.get(list[i]!) ?? 0) + 1);
        }
      }
    }
    for (const [term, count] of frequencies) {
      const posting = this.#postings.get(term);
      if (!posting) this.#postings.set(term, new Posting(count));
    }
    rows.forEach((row, i) => this.#add(row.id, analysed[i]!, row.fields));
  }

  /** Indexes (or re-indexes) the memory `id` with `content`. */
  upsert(id: string, content: string, fields: IndexedFields): void {
    this.#add(id, terms(content).sort(), fields);
  }

  /** Adds `id` with its sorted analysed terms (replacing what it had). */
  #add(id: string, analysed: readonly string[], fields: IndexedFields): void {
    this.remove(id);
    const slot = this.#free.pop() ?? this.#ids.length;
    if (slot >= this.#lengths.length) this.#grow();
    // Sorted, equal terms sit together: their run length is the term frequency.
    const distinct: string[] = [];
    for (let i = 0; i < analysed.length;) {
      const term = analysed[i]!;
      let j = i + 1;
      while (j < analysed.length && analysed[j] === term) j++;
      let posting = this.#postings.get(term);
      if (!posting) this.#postings.set(term, posting = new Posting());
      posting.add(slot, j - i);
      distinct.push(term);
      i = j;
    }
    this.#slots.set(id, slot);
    this.#ids[slot] = id;
    this.#lengths[slot] = analysed.length;
    this.#termsOf[slot] = distinct;
    this.#totalLength += analysed.length;
    this.setFields(id, fields);
  }

  /** Changes the filter fields of `id` (no-op when absent). */
  setFields(id: string, fields: Partial<IndexedFields>): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    this.#fields.set(slot, fields);
  }

  /** Removes `id` (no-op when absent). */
  remove(id: string): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    for (const term of this.#termsOf[slot]!) {
      const posting = this.#postings.get(term)!;
      posting.remove(slot);
      if (posting.size === 0) this.#postings.delete(term);
    }
    this.#totalLength -= this.#lengths[slot]!;
    this.#termsOf[slot] = [];
    this.#slots.delete(id);
    this.#free.push(slot);
  }

  /** Each query term's weight (idf here × prior) and their sum (the normaliser of `lexical`). */
  #weights(query: LexicalQuery): { idfs: number[]; total: number } {
    const n = this.#slots.size;
    const idfs = query.terms.map((term, i) =>
      idf(n, this.documentFrequency(term)) * (query.priors?.[i] ?? 1)
    );
    return { idfs, total: idfs.reduce((sum, value) => sum + value, 0) };
  }

  /** The weights of `query`'s terms here (idf × prior), in order. */
  weights(query: LexicalQuery): number[] {
    return this.#weights(query).idfs;
  }

  /** Normalised BM25 of `id` for `query` (0 when absent or no match). */
  lexical(id: string, query: LexicalQuery): number {
    const slot = this.#slots.get(id);
    if (slot === undefined || query.terms.length === 0) return 0;
    const { idfs, total } = this.#weights(query);
    if (total <= 0) return 0;
    const stats = { idf: 0, length: this.#lengths[slot]!, averageLength: this.averageLength };
    let score = 0;
    query.terms.forEach((term, i) => {
      stats.idf = idfs[i]!;
      score += termScore(this.#postings.get(term)?.tf(slot) ?? 0, stats);
    });
    return Math.min(1, score / total);
  }

  /**
   * The `k` documents with the highest BM25 for `query` among those `filter` allows. Scores
   * add up term by term in a reused array; only the best k become objects.
   */
  search(query: LexicalQuery, k: number, filter: IndexFilter): LexicalHit[] {
    if (query.terms.length === 0 || k <= 0) return [];
    const { idfs, total } = this.#weights(query);
    if (total <= 0) return [];
    const compiled = this.#fields.compile(filter);
    if (compiled === undefined) return [];
    const scores = this.#scores;
    const touched: number[] = [];
    const lengthScale = BM25_K1 * BM25_B / (this.averageLength || 1);
    const base = BM25_K1 * (1 - BM25_B);
    query.terms.forEach((term, i) => {
      const posting = this.#postings.get(term);
      const weight = idfs[i]!;
      if (!posting || weight <= 0) return;
      for (let j = 0; j < posting.size; j++) {
        const slot = posting.slots[j]!;
        const tf = posting.tfs[j]!;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot]! += weight * tf * (BM25_K1 + 1) /
          (tf + base + lengthScale * this.#lengths[slot]!);
      }
    });
    const best = new TopHits(k);
    for (const slot of touched) {
      const score = scores[slot]!;
      scores[slot] = 0;
      if (this.#fields.accepts(slot, compiled)) best.offer(slot, score);
    }
    return best.sorted().map(({ slot, score }) => ({
      id: this.#ids[slot]!,
      lexical: Math.min(1, score / total),
    }));
  }
}

/** A bounded min-heap keeping the k best (slot, score) pairs. */
class TopHits {
  readonly #k: number;
  readonly #items: Array<{ slot: number; score: number }> = [];

  constructor(k: number) {
    this.#k = k;
  }

  offer(slot: number, score: number): void {
    const items = this.#items;
    if (items.length < this.#k) {
      items.push({ slot, score });
      let i = items.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (items[parent]!.score <= items[i]!.score) break;
        [items[parent], items[i]] = [items[i]!, items[parent]!];
        i = parent;
      }
    } else if (score > items[0]!.score) {
      items[0] = { slot, score };
      let i = 0;
      while (true) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && items[right]!.score < items[left]!.score
          ? right
          : left;
        if (items[child]!.score >= items[i]!.score) break;
        [items[child], items[i]] = [items[i]!, items[child]!];
        i = child;
      }
    }
  }

  sorted(): Array<{ slot: number; score: number }> {
    return [...this.#items].sort((a, b) => b.score - a.score || a.slot - b.slot);
  }
}
