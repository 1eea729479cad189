/**
 * BM25's parts shared by every lexical index (the in-memory one, `lexical_index.ts`, and
 * PostgreSQL's, `postgres_bm25.ts`): its constants and term score, queries and their analysed
 * terms, and the term ids documents are stored as.
 *
 * @module
 */
import { analysedTerms, terms } from "./text.ts";

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
export interface LexicalHit<Key = string> {
  id: Key;
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

/** Term ids: the SQLite backend's are the `memory_terms` table's, shared by every persona. */
export interface TermDictionary {
  /** The id of `term`, if it has one. */
  find(term: string): number | undefined;
  /** The id of `term`, given one when new. */
  intern(term: string): number;
  /** The term with id `id`, if any (a store's words as a vocabulary of slips). */
  termOf(id: number): string | undefined;
}

/** Term ids held in memory only (an index of its own, the Chroma backend's). */
export class LocalTerms implements TermDictionary {
  readonly #ids = new Map<string, number>();
  readonly #terms: string[] = [];

  find(term: string): number | undefined {
    return this.#ids.get(term);
  }

  intern(term: string): number {
    let id = this.#ids.get(term);
    if (id === undefined) {
      this.#ids.set(term, id = this.#ids.size + 1);
      this.#terms[id] = term;
    }
    return id;
  }

  termOf(id: number): string | undefined {
    return this.#terms[id];
  }
}

/**
 * The sorted term ids of `text`'s terms (a term repeated as often as it occurs), after their
 * count: `[n, id1, ..., idn]`, the form the SQLite backend stores (`terms`) and batches join.
 */
export function analyse(text: string, dictionary: TermDictionary): Uint32Array {
  const list = analysedTerms(text);
  const ids = new Uint32Array(list.length + 1);
  ids[0] = list.length;
  for (let i = 0; i < list.length; i++) ids[i + 1] = dictionary.intern(list[i]!);
  ids.subarray(1).sort();
  return ids;
}
