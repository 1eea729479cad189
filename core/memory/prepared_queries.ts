/**
 * The last few queries a lexical index prepared (their terms as its ids, with weights): a search
 * weighs its expanded query for the candidates, their BM25 and its rescaling, the same query
 * several times while the postings stay as they are.
 *
 * @module
 */
import { idf, type LexicalQuery, type TermDictionary } from "./bm25.ts";
import type { Posting } from "./posting.ts";

/** How many prepared queries an index remembers. */
const PREPARED_KEPT = 3;

/** A query's terms as ids here (-1: in no document), with their weights and their sum. */
export interface PreparedQuery {
  ids: Int32Array;
  weights: Float64Array;
  total: number;
}

/** Whether `query` has the terms and priors of a prepared one. */
function sameQuery(
  kept: { terms: readonly string[]; priors: readonly number[] | undefined },
  query: LexicalQuery,
): boolean {
  const { terms, priors } = query;
  // A kept list is the caller's own only when frozen: then the same list has the same values.
  if (terms === kept.terms && priors === kept.priors) return true;
  if (terms.length !== kept.terms.length) return false;
  if ((priors === undefined) !== (kept.priors === undefined)) return false;
  for (let i = 0; i < terms.length; i++) {
    if (terms[i] !== kept.terms[i]) return false;
    if (priors !== undefined && !Object.is(priors[i], kept.priors![i])) return false;
  }
  return true;
}

/** `list` as a prepared query keeps it: itself when frozen (it cannot change), else a copy. */
function kept<T>(list: readonly T[]): readonly T[] {
  return Object.isFrozen(list) ? list : [...list];
}

/** The last {@linkcode PREPARED_KEPT} queries prepared, each for one generation of postings. */
export class PreparedQueries {
  /** Newest last. */
  readonly #kept: Array<{
    terms: readonly string[];
    priors: readonly number[] | undefined;
    generation: number;
    query: PreparedQuery;
  }> = [];

  /** `query` as prepared for postings at `generation`, if kept. */
  find(query: LexicalQuery, generation: number): PreparedQuery | undefined {
    for (const entry of this.#kept) {
      if (entry.generation === generation && sameQuery(entry, query)) return entry.query;
    }
    return undefined;
  }

  /** Keeps `prepared` as `query` for postings at `generation` (forgetting the oldest). */
  keep(query: LexicalQuery, generation: number, prepared: PreparedQuery): void {
    if (this.#kept.length >= PREPARED_KEPT) this.#kept.shift();
    this.#kept.push({
      terms: kept(query.terms),
      priors: query.priors && kept(query.priors),
      generation,
      query: prepared,
    });
  }
}

/** What {@linkcode prepareQuery} reads of an index. */
export interface QueryStatistics {
  /** Documents in the index. */
  size: number;
  /** Gives the index's terms their ids. */
  dictionary: TermDictionary;
  /** Postings by term id. */
  postings: ReadonlyArray<Posting | undefined>;
}

/** Each of `query`'s terms as an id of the index (-1: in no document) and its weight (idf × prior). */
export function prepareQuery(query: LexicalQuery, index: QueryStatistics): PreparedQuery {
  const { size: n, dictionary, postings } = index;
  const ids = new Int32Array(query.terms.length);
  const weights = new Float64Array(query.terms.length);
  let total = 0;
  query.terms.forEach((term, i) => {
    const id = dictionary.find(term);
    const df = id === undefined ? 0 : postings[id]?.size ?? 0;
    ids[i] = df === 0 ? -1 : id!;
    weights[i] = idf(n, df) * (query.priors?.[i] ?? 1);
    total += weights[i]!;
  });
  return { ids, weights, total };
}
