/**
 * The embedded backend (`MEMORY_BACKEND=sqlite`, the default): memories and their vectors in the
 * server's SQLite database, and in-memory search indexes per persona and embedder (vectors and
 * BM25 postings, {@linkcode IndexCache}), loaded on first use and kept in step with every write,
 * this process's and (through version rows) other processes'. Search reads the in-memory BM25,
 * which scores every query word (the FTS5 table it replaced is dropped: `memories_fts_drop_1`).
 *
 * @module
 */
import type { SqliteDatabase } from "../storage/sqlite.ts";
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type {
  Candidate,
  CandidateQuery,
  ImportanceWrite,
  MemoryBackend,
  MemoryTotals,
  MemoryWrite,
  PersonaSummary,
  SlipAsk,
  StoreSlips,
  VectorWrite,
} from "./backend.ts";
import type { ChainLink, MemoryPage, PageQuery, WarmPage } from "./backend_reads.ts";
import type { MemoryRecord } from "./schema.ts";
import {
  chainLinkRows,
  memoryCount,
  personaCounts,
  personaSummaries,
  remakeQueueRows,
  typeTotals,
} from "./sqlite_reads.ts";
import { readChain, readList, readPage, readRecord, readRecords } from "./sqlite_record_reads.ts";
import { IndexCache } from "./index_cache.ts";
import type { IndexLoads } from "./index_load.ts";
import { RowCache } from "./row_cache.ts";
import { TouchWriter } from "./sqlite_touch_writer.ts";
import { CommitsElsewhere } from "./sqlite_refresh.ts";
import {
  deleteMemories,
  deletePersonaMemories,
  insertMemories,
  saveMemories,
  writeImportance,
  type WriteTargets,
  writeVectors,
} from "./sqlite_writes.ts";
import type { CandidateSources } from "./sqlite_candidates.ts";
import { ASIDE_READ_MIN } from "./sqlite_index_reads.ts";
import { IndexQueries } from "./sqlite_index_queries.ts";
import type { QuietWatch } from "../storage/quiet_moment.ts";
import type { MemoryBefore } from "./pronoun_referents.ts";
import type { Referent } from "./referent_rows.ts";
import {
  dropSqliteReferent,
  sqliteMemoryBefore,
  sqliteMemoryStoredBefore,
  sqliteReferents,
  writeSqliteReferents,
} from "./sqlite_referents.ts";

export { TOUCH_WRITE_DELAY_MS } from "./sqlite_touch_writer.ts";
export { ASIDE_READ_MIN } from "./sqlite_index_reads.ts";

/** Memories in SQLite with an in-memory vector index. */
export class SqliteBackend implements MemoryBackend {
  readonly name = "sqlite";
  readonly #storage: SqliteDatabase;
  /** The storage's connection: used only inside {@linkcode #exclusive}. */
  readonly #db: Database;
  readonly #cache: IndexCache;
  /** Candidate rows kept between searches (`row_cache.ts`). */
  readonly #rows = new RowCache();
  /** Access counts not written yet (`sqlite_touch_writer.ts`). */
  readonly #touches: TouchWriter;
  /** The index reads, and the reads aside and kind ties they wait on (`sqlite_index_queries.ts`). */
  readonly #index: IndexQueries;
  /** What writes and searches keep in step or read. */
  readonly #parts: WriteTargets & CandidateSources;
  /** Other connections' commits looked for (`sqlite_refresh.ts`). */
  readonly #commits: CommitsElsewhere;

  /**
   * A backend over `storage`, which must have the memory migrations applied; `asideReadMin`
   * (from how many memories a persona's index rows are read off the event loop) defaults to
   * {@linkcode ASIDE_READ_MIN}; `whenQuiet` finds the quiet moments the kind ties are read at
   * (default `quiet_moment.ts`'s; tests fire their own). One backend per connection: two over
   * one connection never see each other's writes (`PRAGMA data_version` does not move for the
   * connection's own commits), so a second one's indexes go stale from its first load.
   */
  constructor(
    storage: SqliteDatabase,
    options: { asideReadMin?: number; whenQuiet?: (watch: QuietWatch) => () => void } = {},
  ) {
    this.#storage = storage;
    this.#db = storage.connection;
    this.#cache = new IndexCache(this.#db);
    this.#touches = new TouchWriter(storage, this.#rows);
    this.#commits = new CommitsElsewhere(this.#cache, this.#rows);
    this.#parts = { db: this.#db, cache: this.#cache, rows: this.#rows, touches: this.#touches };
    this.#index = new IndexQueries({
      storage,
      parts: this.#parts,
      refresh: (search, weights) => this.#refresh(search, weights),
      exclusive: (work) => this.#exclusive(work),
      count: (personaId) => memoryCount(this.#db, personaId),
      activity: () => this.activity,
    }, { asideReadMin: options.asideReadMin ?? ASIDE_READ_MIN, whenQuiet: options.whenQuiet });
  }

  /** Requests begun ({@linkcode activity}). */
  #requests = 0;

  /** Runs synchronous `work` once no other request's transaction is open on the connection. */
  #exclusive<T>(work: () => T): Promise<T> {
    this.#requests++;
    return this.#storage.exclusive(work);
  }

  get activity(): number {
    return this.#requests;
  }

  warmPage(personaId: string, page: { after: number; limit: number }): Promise<WarmPage> {
    return this.#index.warmPage(personaId, page);
  }

  inTransaction(): boolean {
    return this.#storage.inTransaction;
  }

  #refresh(search?: object, weights = false): void {
    this.#commits.refresh(search, weights);
  }

  insert(writes: readonly MemoryWrite[]): Promise<void> {
    return this.#exclusive(() => insertMemories(this.#parts, writes));
  }

  save(writes: readonly MemoryWrite[]): Promise<void> {
    return this.#exclusive(() => saveMemories(this.#parts, writes));
  }

  memoryBefore(personaId: string, at: string): Promise<MemoryBefore | undefined> {
    return this.#exclusive(() => sqliteMemoryBefore(this.#db, personaId, at));
  }

  writeReferents(referents: readonly Referent[]): Promise<void> {
    return this.#exclusive(() => writeSqliteReferents(this.#db, referents));
  }

  memoryStoredBefore(id: string): Promise<MemoryBefore | undefined> {
    return this.#exclusive(() => sqliteMemoryStoredBefore(this.#db, id));
  }

  dropReferent(id: string): Promise<void> {
    return this.#exclusive(() => dropSqliteReferent(this.#db, id));
  }

  referents(ids: readonly string[]): Promise<Map<string, string>> {
    return this.#exclusive(() => sqliteReferents(this.#db, ids));
  }

  writeImportance(writes: readonly ImportanceWrite[]): Promise<string[]> {
    return this.#exclusive(() => writeImportance(this.#parts, writes));
  }

  writeVectors(writes: readonly VectorWrite[]): Promise<string[]> {
    return this.#exclusive(() => writeVectors(this.#parts, writes));
  }

  remakeQueue(personaId: string): Promise<Array<{ id: string; embedder: string }>> {
    return this.#exclusive(() => remakeQueueRows(this.#db, personaId));
  }

  touch(records: readonly MemoryRecord[], at: string): Promise<void> {
    return this.#touches.touch(records, at);
  }

  /** Writes the access counts not written yet now (`close` does too). */
  flush(): Promise<void> {
    return this.#touches.flush();
  }

  get(id: string): Promise<MemoryRecord | undefined> {
    return this.#exclusive(() => readRecord(this.#parts, id));
  }

  getMany(ids: readonly string[]): Promise<MemoryRecord[]> {
    return this.#exclusive(() => readRecords(this.#parts, ids));
  }

  chainFrom(ids: readonly string[]): Promise<MemoryRecord[]> {
    return this.#exclusive(() => readChain(this.#parts, ids));
  }

  chainLinks(ids: readonly string[]): Promise<ChainLink[]> {
    return this.#exclusive(() => chainLinkRows(this.#db, ids));
  }

  list(personaId: string): Promise<MemoryRecord[]> {
    return this.#exclusive(() => readList(this.#parts, personaId));
  }

  page(personaId: string, query: PageQuery): Promise<MemoryPage> {
    return this.#exclusive(() => readPage(this.#parts, personaId, query));
  }

  async totals(personaId: string, embedder: string): Promise<MemoryTotals> {
    // Summed in SQL: the pending counts first (inside a caller's transaction they would go
    // with it, and it never asks for totals).
    if (this.#touches.size > 0 && !this.inTransaction()) await this.#touches.flush();
    return await this.#exclusive(() => typeTotals(this.#db, personaId, embedder));
  }

  candidates(query: CandidateQuery): Promise<Candidate[]> {
    return this.#index.candidates(query);
  }

  termWeights(query: CandidateQuery): Promise<number[]> {
    return this.#index.termWeights(query);
  }

  slips(query: CandidateQuery, words: readonly string[], ask?: SlipAsk): Promise<StoreSlips> {
    return this.#index.slips(query, words, ask);
  }

  tiedKinds(
    query: CandidateQuery,
    keys: readonly string[],
  ): Promise<ReadonlySet<string> | undefined> {
    return this.#index.tiedKinds(query, keys);
  }

  delete(ids: readonly string[]): Promise<number> {
    return this.#exclusive(() => deleteMemories(this.#parts, ids));
  }

  deletePersona(personaId: string): Promise<number> {
    return this.#exclusive(() => deletePersonaMemories(this.#parts, personaId));
  }

  count(personaId: string): Promise<number> {
    return this.#exclusive(() => memoryCount(this.#db, personaId));
  }

  summaries(): Promise<PersonaSummary[]> {
    return this.#exclusive(() => personaSummaries(this.#db));
  }

  counts(): Promise<Array<{ persona_id: string; total: number }>> {
    return this.#exclusive(() => personaCounts(this.#db));
  }

  /**
   * Reads a large persona's index rows off the event loop ({@linkcode ASIDE_READ_MIN}) and offers
   * them to the cache for its next load; resolves when they are there, or at once when the
   * read is not worth it or not possible (the load then reads them itself). Reads of the same
   * indexes share one.
   */
  prefetch(personaId: string, embedder: string): Promise<void> {
    return this.#index.reads.prefetch(personaId, embedder);
  }

  reserve(
    personaId: string,
    vectors: { embedder: string; dimensions: number; count: number },
  ): Promise<void> {
    return this.#index.reserve(personaId, vectors);
  }

  preload(personaId: string, vectors: { embedder: string; dimensions: number }): Promise<void> {
    return this.#index.preload(personaId, vectors);
  }

  /**
   * Index loads so far: read on the event loop, or built from rows read off it (`built`: of
   * those, the ones whose postings were built off it too; `reserved`, `ahead`: `IndexLoads`);
   * and the reads started off it (for tests).
   */
  get indexLoads(): IndexLoads & { asides: number } {
    return { ...this.#cache.loads, asides: this.#index.reads.started };
  }

  /** Whether a persona's search indexes are in memory (loaded and current). */
  indexed(personaId: string): boolean {
    this.#refresh();
    return this.#cache.loadedLexical(personaId) !== undefined;
  }

  async close(): Promise<void> {
    await this.#index.ties.close();
    await this.#touches.flush();
    this.#cache.clear();
    this.#rows.clear();
  }
}
