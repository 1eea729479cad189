/**
 * The BM25 weights of one search's own query terms, read from the backend once: a search weighs
 * them for the focal words (`focus.ts`), word alignment and name bridges, each a backend call
 * (with SQLite: a turn of the connection, its `PRAGMA data_version`, the index lookup) for the
 * same idfs. Its expanded query (WordNet relatives too) is the backend's to weigh: the index
 * prepared it for the candidates already, and reading the relatives' idfs here as well saved
 * nothing measurable. Every backend weighs a term as its idf times its prior, one
 * multiplication (`MemoryBackend.termWeights`), so the idfs read once with no priors (× 1: the
 * idf itself) give every later weight to the bit.
 *
 * @module
 */
import type { Candidate, CandidateQuery, MemoryBackend } from "./backend.ts";

/** What weighs query terms: a backend, or {@linkcode QueryWeights} over one. */
export type TermWeigher = Pick<MemoryBackend, "termWeights">;

/**
 * A backend's term weights for the terms of one search (`query.terms`), their idfs read on
 * first use; any other terms are asked of the backend.
 */
export class QueryWeights implements TermWeigher {
  readonly #backend: TermWeigher;
  readonly #query: CandidateQuery;
  #idfs: Promise<Map<string, number>> | undefined;

  /** The weights of `query.terms` (and any others) by `backend`. */
  constructor(backend: TermWeigher, query: CandidateQuery) {
    this.#backend = backend;
    this.#query = query;
  }

  /** Each term's idf, read from the backend on first use. */
  #read(): Promise<Map<string, number>> {
    return this.#idfs ??= this.#backend.termWeights({ ...this.#query, priors: undefined })
      .then((idfs) => new Map(this.#query.terms.map((term, i) => [term, idfs[i] ?? 0])));
  }

  /** As `backend.termWeights(query)`: each term's idf times its prior, in order. */
  async termWeights(query: CandidateQuery): Promise<number[]> {
    if (query.personaId !== this.#query.personaId || query.embedder !== this.#query.embedder) {
      return await this.#backend.termWeights(query);
    }
    const idfs = await this.#read();
    if (!query.terms.every((term) => idfs.has(term))) return await this.#backend.termWeights(query);
    const { priors } = query;
    return query.terms.map((term, i) => idfs.get(term)! * (priors?.[i] ?? 1));
  }
}

/**
 * Makes each candidate's `lexical` relative to the query's own terms: the backend normalised
 * BM25 by the summed weight of the expanded query (its own terms plus their relatives, the
 * first `own` terms being its own), so a memory holding every query term still scores 1 and
 * relatives add to it.
 */
export async function rescaleLexical(
  candidates: Candidate[],
  query: { expanded: CandidateQuery; own: number; weigher: TermWeigher },
): Promise<void> {
  const weights = await query.weigher.termWeights(query.expanded);
  let ownTotal = 0;
  let total = 0;
  weights.forEach((weight, i) => {
    total += weight;
    if (i < query.own) ownTotal += weight;
  });
  if (ownTotal <= 0) return;
  for (const candidate of candidates) {
    candidate.lexical = Math.min(1, candidate.lexical * total / ownTotal);
  }
}
