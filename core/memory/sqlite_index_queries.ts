/**
 * The SQLite backend's reads of its in-memory search indexes (candidates, term weights, slips and
 * kind ties; the loads ahead of them: preload, reserve, and the warm-up's pages of rows kept for
 * searches) and what they wait for: index rows read off the event loop ({@linkcode IndexReads})
 * and the kind ties read at quiet moments ({@linkcode QuietTiesReading}). Each read waits for a
 * read aside under way, then refreshes and reads the index in the backend's exclusive turn.
 *
 * @module
 */
import type { SqliteDatabase } from "../storage/sqlite.ts";
import type { QuietWatch } from "../storage/quiet_moment.ts";
import type { Candidate, CandidateQuery, SlipAsk, StoreSlips } from "./backend.ts";
import { type CandidateSources, findCandidates } from "./sqlite_candidates.ts";
import type { PersonaIndex } from "./index_cache.ts";
import { IndexReads } from "./sqlite_index_reads.ts";
import { readWarmPage } from "./sqlite_warm_page.ts";
import type { WarmPage } from "./backend_reads.ts";
import {
  QuietTiesReading,
  readTiesSlice,
  sqliteTiedKinds,
  TIES_SLICE_MS,
} from "./sqlite_kind_ties.ts";

/** What the index reads need of the backend. */
export interface IndexQueryHost {
  storage: SqliteDatabase;
  /** The connection, cache, row cache and touch writer searches read. */
  parts: CandidateSources;
  /** Forgets what other connections' commits made stale (`sqlite_refresh.ts`). */
  refresh(search?: object, weights?: boolean): void;
  /** Runs `work` in the backend's exclusive turn, counted as a request. */
  exclusive<T>(work: () => T): Promise<T>;
  /** How many memories a persona has (the kept count). */
  count(personaId: string): number;
  /** Requests begun so far: the quiet ties reading waits for this to stand still. */
  activity(): number;
}

/** The backend's index reads, with the reads aside and the quiet ties reading they wait on. */
export class IndexQueries {
  readonly #host: IndexQueryHost;
  /** Index rows of large personas read off the event loop (`sqlite_index_reads.ts`). */
  readonly reads: IndexReads;
  /** Kind ties read at quiet moments (`sqlite_kind_ties.ts`). */
  readonly ties: QuietTiesReading;

  /**
   * Reads for `host`: a persona's index rows are read off the event loop from `asideReadMin`
   * memories; `whenQuiet` finds the quiet moments the kind ties are read at.
   */
  constructor(
    host: IndexQueryHost,
    options: { asideReadMin: number; whenQuiet?: (watch: QuietWatch) => () => void },
  ) {
    this.#host = host;
    const { storage, parts: { db, cache } } = host;
    this.reads = new IndexReads({
      storage,
      cache,
      refresh: () => host.refresh(),
      loaded: (personaId, embedder) => this.loaded(personaId, embedder),
      count: (personaId) => host.count(personaId),
    }, options.asideReadMin);
    this.ties = new QuietTiesReading({
      activity: () => host.activity(),
      whenQuiet: options.whenQuiet,
      // Not through `exclusive`: the quiet reading is no request (`activity`).
      readSlice: (personaId) =>
        storage.exclusive(() => {
          host.refresh();
          // An index dropped meanwhile took its ties with it: the next search asks again.
          const lexical = cache.loadedLexical(personaId);
          if (lexical === undefined) return false;
          return readTiesSlice(db, { personaId, lexical, budgetMs: TIES_SLICE_MS });
        }),
    });
  }

  /** Whether a persona's indexes for `embedder` are both in memory (they may still be stale). */
  loaded(personaId: string, embedder: string): boolean {
    const { cache } = this.#host.parts;
    return cache.loadedLexical(personaId) !== undefined &&
      cache.loadedVectors(personaId, embedder) !== undefined;
  }

  /** `MemoryBackend.warmPage`. */
  warmPage(personaId: string, page: { after: number; limit: number }): Promise<WarmPage> {
    const { storage, parts } = this.#host;
    // Not through `exclusive`: the warm-up's reads are no requests (`activity`).
    return storage.exclusive(() => {
      this.#host.refresh();
      return readWarmPage({ db: parts.db, rows: parts.rows }, personaId, page);
    });
  }

  /** `MemoryBackend.reserve`. */
  async reserve(
    personaId: string,
    vectors: { embedder: string; dimensions: number; count: number },
  ): Promise<void> {
    // Only while the rows are read on the worker: the event loop would wait for them anyway.
    if (!this.reads.pending(personaId, vectors.embedder)) return;
    await this.#host.parts.cache.reserve(personaId, vectors.embedder, vectors);
  }

  /** `MemoryBackend.preload`. */
  async preload(
    personaId: string,
    vectors: { embedder: string; dimensions: number },
  ): Promise<void> {
    await this.reads.prefetch(personaId, vectors.embedder);
    return await this.#host.exclusive(() => {
      this.#host.refresh();
      this.#host.parts.cache.get(personaId, vectors.embedder, vectors.dimensions);
    });
  }

  /** The query's persona's indexes for its embedder, loaded if they are not. */
  #index(query: CandidateQuery): PersonaIndex {
    return this.#host.parts.cache.get(query.personaId, query.embedder, query.vector.length);
  }

  /** `MemoryBackend.candidates`. */
  async candidates(query: CandidateQuery): Promise<Candidate[]> {
    // A read aside under way (the warm-up's) is waited for, not done again; a search never
    // starts one: its own read here is as quick, and the worker may be busy checkpointing.
    const reading = this.reads.pending(query.personaId, query.embedder);
    if (reading && !this.loaded(query.personaId, query.embedder)) await reading;
    return await this.#host.exclusive(() => {
      this.#host.refresh(query.search);
      return findCandidates(this.#host.parts, query);
    });
  }

  /** `MemoryBackend.termWeights`. */
  async termWeights(query: CandidateQuery): Promise<number[]> {
    // As `candidates`: a read aside under way is waited for (search asks for the query's
    // weights before its candidates, `focus.ts`), not done again here on the event loop.
    const reading = this.reads.pending(query.personaId, query.embedder);
    if (reading && !this.loaded(query.personaId, query.embedder)) await reading;
    return await this.#host.exclusive(() => {
      this.#host.refresh(query.search, true);
      const index = this.#index(query);
      return index.lexical.weights(query);
    });
  }

  /** `MemoryBackend.slips`. */
  async slips(
    query: CandidateQuery,
    words: readonly string[],
    ask?: SlipAsk,
  ): Promise<StoreSlips> {
    // As `termWeights`: a read aside under way is waited for.
    const reading = this.reads.pending(query.personaId, query.embedder);
    if (reading && !this.loaded(query.personaId, query.embedder)) await reading;
    return await this.#host.exclusive(() => {
      this.#host.refresh(query.search, true);
      const index = this.#index(query);
      return index.lexical.slips(words, ask);
    });
  }

  /** `MemoryBackend.tiedKinds`. */
  async tiedKinds(
    query: CandidateQuery,
    keys: readonly string[],
  ): Promise<ReadonlySet<string> | undefined> {
    // As `slips`: a read aside under way is waited for.
    const reading = this.reads.pending(query.personaId, query.embedder);
    if (reading && !this.loaded(query.personaId, query.embedder)) await reading;
    return await this.#host.exclusive(() => {
      // Always looked for, as a candidates call does: the lookups it spares would have.
      this.#host.refresh(query.search);
      const { lexical } = this.#index(query);
      const tied = sqliteTiedKinds({ lexical, keys });
      if (tied === undefined) this.ties.want(query.personaId);
      return tied;
    });
  }
}
