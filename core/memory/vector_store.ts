/**
 * Where the PostgreSQL memory backend keeps vectors: in PostgreSQL itself (pgvector,
 * `pgvector_store.ts`) or in a Chroma server (`chroma_vector_store.ts`). The memories, their
 * terms and BM25 statistics stay in PostgreSQL either way; a store only answers "which vectors
 * are nearest", and PostgreSQL has the last word on what exists: a hit whose row is gone is
 * dropped.
 *
 * @module
 */
import type { CandidateQuery, MemoryWrite } from "./backend.ts";

/** A vector hit: a memory id and its cosine with the query. */
export interface VectorHit {
  id: string;
  similarity: number;
}

/** A memory's new importance, and the embedder whose vector it has. */
export interface ImportanceRow {
  id: string;
  embedder: string;
  importance: number;
}

/** A place the vectors of memories stored in PostgreSQL live. */
export interface VectorStore {
  /** `pgvector` or `chroma`. */
  readonly name: string;
  /**
   * Stores the vectors of `writes` that carry one and the filter fields of those that do not;
   * `previous` names the embedder that made a memory's vector until now, when it changes. Runs
   * inside the backend's write transaction: a failure rolls the rows back.
   */
  write(writes: readonly MemoryWrite[], previous: ReadonlyMap<string, string>): Promise<void>;
  /**
   * Sets the importance the store filters on for memories whose importance alone changed (a
   * decay's write), inside the backend's write transaction; absent where the store reads it
   * from the memory row itself (pgvector).
   */
  writeImportance?(rows: readonly ImportanceRow[]): Promise<void>;
  /**
   * The memories nearest to `query.vector` among those it may see, best first: the
   * `query.limit` nearest and the next, and when the last of those ties with others every one of
   * the tie (the backend keeps the newer: `nearest_ties.ts`).
   */
  nearest(query: CandidateQuery): Promise<VectorHit[]>;
  /** The cosine of each of `ids` (those whose vector `query.embedder` made) with the query. */
  similarities(query: CandidateQuery, ids: readonly string[]): Promise<Map<string, number>>;
  /** Forgets the vectors of deleted memories (`embedders`: who made each, by id). */
  remove(embedders: ReadonlyMap<string, string>): Promise<void>;
  /** Forgets every vector of a persona. */
  removePersona(personaId: string): Promise<void>;
  close(): Promise<void>;
}
