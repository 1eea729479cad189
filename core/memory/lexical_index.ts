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
import type { Visibility } from "./schema.ts";
import { terms } from "./text.ts";
import type { IndexedFields, IndexFilter } from "./vector_index.ts";

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

/** BM25 postings over one persona's memories. */
export class LexicalIndex {
  readonly #slots = new Map<string, number>();
  readonly #ids: string[] = [];
  readonly #lengths: number[] = [];
  readonly #fields: IndexedFields[] = [];
  /** term → (slot → term frequency). */
  readonly #postings = new Map<string, Map<number, number>>();
  /** slot → its distinct terms (to remove it). */
  readonly #termsOf: string[][] = [];
  readonly #free: number[] = [];
  #totalLength = 0;

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

  /** Indexes (or re-indexes) the memory `id` with `content`. */
  upsert(id: string, content: string, fields: IndexedFields): void {
    this.remove(id);
    const slot = this.#free.pop() ?? this.#ids.length;
    const analysed = terms(content);
    const counts = new Map<string, number>();
    for (const term of analysed) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let posting = this.#postings.get(term);
      if (!posting) this.#postings.set(term, posting = new Map());
      posting.set(slot, tf);
    }
    this.#slots.set(id, slot);
    this.#ids[slot] = id;
    this.#lengths[slot] = analysed.length;
    this.#fields[slot] = { ...fields };
    this.#termsOf[slot] = [...counts.keys()];
    this.#totalLength += analysed.length;
  }

  /** Changes the filter fields of `id` (no-op when absent). */
  setFields(id: string, fields: Partial<IndexedFields>): void {
    const slot = this.#slots.get(id);
    if (slot !== undefined) Object.assign(this.#fields[slot]!, fields);
  }

  /** Removes `id` (no-op when absent). */
  remove(id: string): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    for (const term of this.#termsOf[slot]!) {
      const posting = this.#postings.get(term)!;
      posting.delete(slot);
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

  #score(slot: number, query: LexicalQuery, idfs: readonly number[]): number {
    let score = 0;
    const length = this.#lengths[slot]!;
    const averageLength = this.averageLength;
    query.terms.forEach((term, i) => {
      const tf = this.#postings.get(term)?.get(slot) ?? 0;
      score += termScore(tf, { idf: idfs[i]!, length, averageLength });
    });
    return score;
  }

  /** Normalised BM25 of `id` for `query` (0 when absent or no match). */
  lexical(id: string, query: LexicalQuery): number {
    const slot = this.#slots.get(id);
    if (slot === undefined || query.terms.length === 0) return 0;
    const { idfs, total } = this.#weights(query);
    return total > 0 ? Math.min(1, this.#score(slot, query, idfs) / total) : 0;
  }

  /** The `k` documents with the highest BM25 for `query` among those `filter` allows. */
  search(query: LexicalQuery, k: number, filter: IndexFilter): LexicalHit[] {
    if (query.terms.length === 0 || k <= 0) return [];
    const { idfs, total } = this.#weights(query);
    if (total <= 0) return [];
    const touched = new Set<number>();
    for (const term of query.terms) {
      for (const slot of this.#postings.get(term)?.keys() ?? []) touched.add(slot);
    }
    const hits: LexicalHit[] = [];
    for (const slot of touched) {
      if (!accepts(this.#fields[slot]!, filter)) continue;
      hits.push({
        id: this.#ids[slot]!,
        lexical: Math.min(1, this.#score(slot, query, idfs) / total),
      });
    }
    return hits.sort((a, b) => b.lexical - a.lexical).slice(0, k);
  }
}

/** Whether a row with `fields` passes `filter`. */
export function accepts(fields: IndexedFields, filter: IndexFilter): boolean {
  return fields.importance >= filter.minImportance &&
    (filter.memoryType === undefined || fields.memoryType === filter.memoryType) &&
    (filter.visibilities as readonly Visibility[]).includes(fields.visibility);
}
