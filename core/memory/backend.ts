/**
 * The storage interface both memory backends implement (`sqlite`, embedded, and `chroma`). The
 * backends store and retrieve; scoring, ranking, decay and pruning live in the service, so they
 * behave the same whatever stores the memories. One contract test suite runs against both.
 *
 * @module
 */
import type { MemoryRecord, Visibility } from "./schema.ts";
import type { MemoryTotals, PersonaSummary } from "./stats.ts";
import type { SlipAsk, StoreSlips } from "./store_vocabulary.ts";
import type { MemoryBefore } from "./pronoun_referents.ts";
import type { Referent } from "./referent_rows.ts";
import type { ChainLink, MemoryPage, PageQuery, WarmPage } from "./backend_reads.ts";

export type { MemoryTotals, PersonaSummary, SlipAsk, StoreSlips };
export type { MemoryBefore, Referent };

/** A memory to write, with its vector when the content or the embedder changed. */
export interface MemoryWrite {
  record: MemoryRecord;
  /** Unit-length vector made by `record.embedder`; omitted when only metadata changes. */
  vector?: Float32Array;
}

/**
 * A decay's new importance for one memory, made from the record as the decay read it
 * ({@linkcode MemoryBackend.writeImportance}).
 */
export interface ImportanceWrite {
  /** The memory as read: written only while its importance fields are still these. */
  record: MemoryRecord;
  importance: number;
  base_importance: number;
}

/**
 * A reindex's new vector for one memory ({@linkcode MemoryBackend.writeVectors}), made by
 * `embedder` from the content of the memory as read.
 */
export interface VectorWrite {
  /** The memory as read: written only while its content and embedder are still these. */
  record: MemoryRecord;
  embedder: string;
  vector: Float32Array;
}

/** What to retrieve candidates for. */
export interface CandidateQuery {
  /** Every memory of this persona is a candidate, whatever its visibility. */
  personaId: string;
  /** Other personas' memories with one of these visibilities are candidates too (`[]`: none). */
  othersVisibility: readonly Visibility[];
  /** The query's vector, made by `embedder`. */
  vector: Float32Array;
  /** Only memories whose vector this embedder made are compared (vectors are never mixed). */
  embedder: string;
  /** The query's distinct analysed terms (`lexical_index.ts`): BM25 finds and scores with them. */
  terms: readonly string[];
  /**
   * Each term's informativeness in English at large (0..1, same order as `terms`; 1 when
   * absent): multiplies the index's idf, so generic words weigh little even in a small store.
   */
  priors?: readonly number[];
  minImportance: number;
  memoryType?: string;
  /** The most candidates each retrieval path (vector, BM25) returns. */
  limit: number;
  /**
   * Only full-text hits are wanted (each still with its vector similarity to `vector`): every
   * backend skips its nearest-vector search, so the same memories come back from each
   * (`fact_updates.ts`'s lookup by a fact's own words; `contract_parity.ts`).
   */
  lexicalOnly?: boolean;
  /**
   * The search this query is part of (one object per search, carried by every query it
   * derives): a backend may skip looking for other connections' commits in a `termWeights` call
   * where the search has looked already. A `candidates` call, and any call without it, looks.
   */
  search?: object;
}

/** The weights of relevance's channels (they sum to 1; `ranking.ts`). */
export interface RelevanceWeights {
  readonly lexical: number;
  readonly alignment: number;
  readonly vector: number;
}

/** A retrieved memory, its vector similarity to the query and its normalised BM25. */
export interface Candidate {
  record: MemoryRecord;
  /** Cosine, -1..1. */
  similarity: number;
  /** BM25 over the query terms divided by their summed idf, 0..1 (`lexical_index.ts`). */
  lexical: number;
  /** Word alignment with the query (`meaning/alignment.ts`); set by search, not backends. */
  alignment?: { score: number; strongest: number };
  /**
   * The memory that named this one's subject (`name_bridge.ts`) and the share of the query's
   * weight the naming word carries; set by search.
   */
  bridge?: { from: string; share: number };
  /**
   * The id of the found fact whose own words found this memory, a possible unlinked update of it
   * (`fact_updates.ts`); set by search.
   */
  fact?: string;
  /**
   * The memory that replaces this one in ranking when its chain's links between were left out
   * (`replacement_candidates.ts`, past `MAX_REPLACEMENT_LINKS`): the chain's head; set by search.
   */
  linkTo?: string;
  /** The share of the query's negations it says too (`negations.ts`), 0..1; set by search. */
  negation?: number;
  /** Relevance's channel weights when the embedder has its own (`Embedder.weights`); by search. */
  weights?: RelevanceWeights;
}

/** A place memories live. Every method may throw `MemoryUnavailable` (-32002). */
export interface MemoryBackend {
  /** `sqlite` or `chroma`. */
  readonly name: string;
  /** Adds new memories. */
  insert(writes: readonly MemoryWrite[]): Promise<void>;
  /**
   * The persona's memory written last at or before `at` (the latest `created_at`, the last
   * stored of a tie), with its referent (`pronoun_referents.ts`). A backend without it (Chroma's)
   * keeps no referents and resolves no pronoun.
   */
  memoryBefore?(personaId: string, at: string): Promise<MemoryBefore | undefined>;
  /** Keeps each memory's referent beside it (none for a memory gone meanwhile). */
  writeReferents?(referents: readonly Referent[]): Promise<void>;
  /**
   * The memory stored just before memory `id` (the one {@linkcode memoryBefore} read at its
   * store), with its referent; with {@linkcode dropReferent}, a changed memory's referent is
   * resolved again.
   */
  memoryStoredBefore?(id: string): Promise<MemoryBefore | undefined>;
  /** Forgets memory `id`'s referent (its content changed). */
  dropReferent?(id: string): Promise<void>;
  /** The referents kept for `ids` (of those that have one), by id. */
  referents?(ids: readonly string[]): Promise<Map<string, string>>;
  /**
   * True when the caller runs inside a transaction of the backend's database: its inserts join
   * that transaction instead of a batch (which would wait for the transaction to end, while
   * the transaction waits for the batch). Absent when the backend has no such database.
   */
  inTransaction?(): boolean;
  /**
   * Runs `work` in one transaction of the backend's database holding the memory write lock of
   * each of `personaIds`, so that one persona's read-and-rewrite writes take turns across nodes
   * too (PostgreSQL storage). Absent where one process is the only writer (the in-process lock
   * of `memory_writer.ts` is enough there).
   */
  exclusively?<T>(personaIds: readonly string[], work: () => Promise<T>): Promise<T>;
  /**
   * Replaces stored memories (same ids): their fields, and their vectors when given. The access
   * counters are left alone (only `touch` changes them), so a save never undoes a concurrent hit.
   */
  save(writes: readonly MemoryWrite[]): Promise<void>;
  /**
   * Writes the `importance` and `base_importance` of each of `writes` and no other field (a
   * decay's write: a link, content, metadata or access count written since the decay read the
   * memory stays), and only where the stored importance, base importance and importance time are
   * still those of `write.record`: a memory whose importance was set meanwhile, or that was
   * deleted or moved to another embedder, is skipped. Returns the ids written.
   */
  writeImportance(writes: readonly ImportanceWrite[]): Promise<string[]>;
  /**
   * Writes the vector of each of `writes` and its embedder, and no other field (a reindex's
   * write: an importance, a link, metadata or an access count written since the reindex read the
   * memory stays), and only where the stored content and embedder are still those of
   * `write.record`: a memory deleted, rewritten or re-embedded meanwhile is skipped. Every one
   * given leaves the {@linkcode remakeQueue} (its vector is current, or was made again by the
   * write that changed it). Returns the ids written.
   */
  writeVectors(writes: readonly VectorWrite[]): Promise<string[]>;
  /**
   * The memories of `personaId` whose vectors their own embedder must make again: the local
   * embedder's vectors that an older analyser's words made (a migration's queue; on Chroma, a
   * vector without the `vectors_analyser` mark). `memory.reindex` makes them again and
   * `memory.get_stats` counts them as `needs_reindex`; {@linkcode writeVectors} (and a save with
   * a new vector) takes them off. Absent: none.
   */
  remakeQueue?(personaId: string): Promise<Array<{ id: string; embedder: string }>>;
  /**
   * Counts one more access at `at` (ISO) for each memory: every read of this backend sees it
   * once this resolves (it may be written to the store later: {@linkcode flush}).
   */
  touch(records: readonly MemoryRecord[], at: string): Promise<void>;
  /**
   * Writes what the backend keeps for a later write (the SQLite backend's access counts), as
   * `close` does; absent when it keeps nothing.
   */
  flush?(): Promise<void>;
  /** The memory with `id`. */
  get(id: string): Promise<MemoryRecord | undefined>;
  /**
   * The memories with `ids` that exist, in no particular order: one read for them all (a few
   * requests on Chroma, not a few per id), for chains, links and reindex batches.
   */
  getMany(ids: readonly string[]): Promise<MemoryRecord[]>;
  /**
   * The memories `ids` and every memory their `superseded_by` links lead to (chains followed to
   * their heads, each memory once, so a cycle ends), in one read where the store can (a
   * recursive query) and, where it cannot, a few sequential reads and then the personas'
   * superseded memories read at once (`walkChains`, `chain_walk.ts`, to `MAX_CHAIN_LINKS`): what
   * a search reads to find candidates' replacements. Absent: the search follows links with
   * {@linkcode getMany}, in at most `MAX_CHAIN_READS` reads.
   */
  chainFrom?(ids: readonly string[]): Promise<MemoryRecord[]>;
  /**
   * {@linkcode chainFrom}'s memories as their links alone (id and `superseded_by`), one recursive
   * query: a search reads the chain's shape first and then only the memories it ranks
   * (`replacement_candidates.ts`, `MAX_REPLACEMENT_LINKS`). Absent: {@linkcode chainFrom}.
   */
  chainLinks?(ids: readonly string[]): Promise<ChainLink[]>;
  /** Every memory of a persona, whatever its embedder, oldest first. */
  list(personaId: string): Promise<MemoryRecord[]>;
  /** A page of a persona's memories, newest first (creation time, then storing order or id). */
  page(personaId: string, query: PageQuery): Promise<MemoryPage>;
  /** How many memories a persona has, whatever their embedder. */
  count(personaId: string): Promise<number>;
  /** One persona's figures; `embedder` is the current one (others' vectors need reindexing). */
  totals(personaId: string, embedder: string): Promise<MemoryTotals>;
  /** Memories worth ranking for `query`: nearest vectors and best BM25 matches, both scored. */
  candidates(query: CandidateQuery): Promise<Candidate[]>;
  /**
   * The weight of each of `query.terms` among the persona's memories by `query.embedder`: its
   * idf there times its prior (the BM25 weights the candidates were scored with), in order.
   */
  termWeights(query: CandidateQuery): Promise<number[]>;
  /**
   * For each of `words` (analysed terms), how many of `query.personaId`'s memories hold it and
   * the persona's own terms a slip away from it (`typoApart`, most memories first,
   * `store_vocabulary.ts`), as the BM25 statistics count them: what a search reads to find a
   * memory written with a slip by a word spelt right, and the other way round (`store_slips.ts`);
   * and the store words that may be their short forms, `ask`'s among them.
   * Absent: no such lookup.
   */
  slips?(query: CandidateQuery, words: readonly string[], ask?: SlipAsk): Promise<StoreSlips>;
  /**
   * Which of `keys` (kind keys, `kind_names.ts`) some memory of `query.personaId` ties to a name
   * (`kind_ties.ts`), as its stores, updates and deletes stand; undefined while not known (any
   * may be). Absent: not known (`kindBridges` looks every asked word up).
   */
  tiedKinds?(
    query: CandidateQuery,
    keys: readonly string[],
  ): Promise<ReadonlySet<string> | undefined>;
  /** Deletes memories by id; returns how many existed. */
  delete(ids: readonly string[]): Promise<number>;
  /** Deletes every memory of a persona; returns how many existed. */
  deletePersona(personaId: string): Promise<number>;
  /** One summary per persona that has memories. */
  summaries(): Promise<PersonaSummary[]>;
  /**
   * Loads a persona's search indexes ahead of its first search (backends that keep them in
   * memory; see `warm_up.ts`).
   */
  preload?(personaId: string, vectors: { embedder: string; dimensions: number }): Promise<void>;
  /**
   * Starts reading a persona's index rows for `embedder` ahead of its {@linkcode preload}, off
   * the event loop where the backend can (see `sqlite_backend.ts`); resolves when they are read.
   */
  prefetch?(personaId: string, embedder: string): Promise<void>;
  /**
   * While a {@linkcode prefetch} is under way: makes the in-memory vector index its rows go
   * to now, with room for `count` of them, and maps its memory a little at a time until done
   * or taken (resolves then), so the {@linkcode preload} after it only copies them in.
   */
  reserve?(
    personaId: string,
    vectors: { embedder: string; dimensions: number; count: number },
  ): Promise<void>;
  /**
   * How many memories each persona with any has, from counts the backend keeps (no pass over
   * the memories, unlike {@linkcode summaries}): what the warm-up orders its loads by.
   */
  counts?(): Promise<Array<{ persona_id: string; total: number }>>;
  /**
   * A page of a persona's memories in storing order, after the one at cursor `after` (0: from
   * the first), for the warm-up to prepare (`memory_prep.ts`). A backend that keeps rows for its
   * searches (SQLite's row cache) keeps these too while it has room.
   */
  warmPage?(personaId: string, page: { after: number; limit: number }): Promise<WarmPage>;
  /**
   * How many requests the backend has begun (its own warm-up reads not counted): the warm-up
   * waits while it moves.
   */
  readonly activity?: number;
  /** Releases what the backend holds (caches, connections). */
  close(): Promise<void>;
}
