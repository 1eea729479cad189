/**
 * The memory backend of PostgreSQL storage (`STORAGE=postgres`): memories, their analysed terms
 * and the BM25 statistics in PostgreSQL (`postgres_rows.ts`, `postgres_bm25.ts`), vectors in a
 * {@linkcode VectorStore} (pgvector, or a Chroma server); the kind keys each memory ties in its row
 * (`postgres_kind_keys.ts`). Nothing is cached in the process: every
 * node reads what every other node wrote the moment it is committed, so a memory deleted through
 * one node is gone from every node's searches at once.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
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
import type { ChainLink, MemoryPage, PageQuery } from "./backend_reads.ts";
import { postgresCandidates } from "./postgres_candidates.ts";
import { onceMoreOnConflict } from "./postgres_conflicts.ts";
import { pageRows, pageSql } from "./page_keys.ts";
import { queryWeights } from "./postgres_bm25.ts";
import { storeSlips } from "./postgres_slips.ts";
import { postgresTiedKinds } from "./postgres_kind_keys.ts";
import { BackgroundReanalysis } from "./postgres_reanalyser.ts";
import { JSON_TEXTS } from "./postgres_rows.ts";
import {
  chainByIds,
  chainLinksByIds,
  insertMemories,
  memoriesByIds,
  saveMemories,
  touchMemories,
  writeImportance,
  writeVectors,
} from "./postgres_writes.ts";
import type { MemoryRecord } from "./schema.ts";
import { columns, fromRow, type MemoryRow, REMAKE_QUEUE } from "./sqlite_rows.ts";
import { HIGH_IMPORTANCE, totalsOfGroups, type TypeTotals } from "./stats.ts";
import { COUNT_MAX } from "../numbers.ts";
import type { VectorStore } from "./vector_store.ts";
import type { MemoryBefore } from "./pronoun_referents.ts";
import {
  DELETE_REFERENT,
  readMemoryBefore,
  readMemoryStoredBefore,
  readReferents,
  type Referent,
  writeReferentRows,
} from "./referent_rows.ts";

/** Memories in PostgreSQL, vectors in `store`. */
export class PostgresMemoryBackend implements MemoryBackend {
  readonly name: string;
  readonly #db: Database;
  readonly #vectors: VectorStore;
  /** Terms of an older analyser analysed again in the background (`postgres_reanalyser.ts`). */
  readonly #reanalysis: BackgroundReanalysis;

  /** A backend over `db` (memory migrations applied) with its vectors in `vectors`. */
  constructor(db: Database, vectors: VectorStore) {
    this.#db = db;
    this.#vectors = vectors;
    this.name = `postgres+${vectors.name}`;
    this.#reanalysis = new BackgroundReanalysis(db);
  }

  inTransaction(): boolean {
    return this.#db.inTransaction;
  }

  exclusively<T>(personaIds: readonly string[], work: () => Promise<T>): Promise<T> {
    const attempt = () =>
      this.#db.transaction(async () => {
        for (const id of [...personaIds].sort()) await this.#db.lock(`memory_writes:${id}`);
        return await work();
      });
    return this.#write(attempt);
  }

  insert(writes: readonly MemoryWrite[]): Promise<void> {
    return this.#write(() => insertMemories(this.#db, this.#vectors, writes));
  }

  save(writes: readonly MemoryWrite[]): Promise<void> {
    return this.#write(() => saveMemories(this.#db, this.#vectors, writes));
  }

  writeImportance(writes: readonly ImportanceWrite[]): Promise<string[]> {
    return this.#write(() => writeImportance(this.#db, this.#vectors, writes));
  }

  writeVectors(writes: readonly VectorWrite[]): Promise<string[]> {
    return this.#write(() => writeVectors(this.#db, this.#vectors, writes));
  }

  remakeQueue(personaId: string): Promise<Array<{ id: string; embedder: string }>> {
    return this.#db.all<{ id: string; embedder: string }>(REMAKE_QUEUE, personaId);
  }

  touch(records: readonly MemoryRecord[], at: string): Promise<void> {
    return this.#write(() => touchMemories(this.#db, records, at));
  }

  /**
   * Runs the write `attempt` once more when PostgreSQL ended it for a conflict, then refuses it
   * as busy; inside the caller's transaction a conflict aborts the caller's work too: theirs to
   * handle.
   */
  #write<T>(attempt: () => Promise<T>): Promise<T> {
    return this.#db.inTransaction ? attempt() : onceMoreOnConflict(attempt);
  }

  async get(id: string): Promise<MemoryRecord | undefined> {
    const row = await this.#db.get<MemoryRow>(`SELECT ${columns()} FROM memories WHERE id = ?`, id);
    return row && fromRow(row);
  }

  getMany(ids: readonly string[]): Promise<MemoryRecord[]> {
    return memoriesByIds(this.#db, [...new Set(ids)]);
  }

  memoryBefore(personaId: string, at: string): Promise<MemoryBefore | undefined> {
    return readMemoryBefore(this.#db, personaId, at);
  }

  writeReferents(referents: readonly Referent[]): Promise<void> {
    return this.#write(() => writeReferentRows(this.#db, referents));
  }

  memoryStoredBefore(id: string): Promise<MemoryBefore | undefined> {
    return readMemoryStoredBefore(this.#db, id);
  }

  dropReferent(id: string): Promise<void> {
    return this.#write(async () => void await this.#db.run(DELETE_REFERENT, id));
  }

  referents(ids: readonly string[]): Promise<Map<string, string>> {
    return readReferents(this.#db, ids, JSON_TEXTS);
  }

  chainFrom(ids: readonly string[]): Promise<MemoryRecord[]> {
    return chainByIds(this.#db, [...new Set(ids)]);
  }

  chainLinks(ids: readonly string[]): Promise<ChainLink[]> {
    return chainLinksByIds(this.#db, [...new Set(ids)]);
  }

  async list(personaId: string): Promise<MemoryRecord[]> {
    const rows = await this.#db.all<MemoryRow>(
      `SELECT ${columns()} FROM memories WHERE persona_id = ? ORDER BY created_at, seq`,
      personaId,
    );
    return rows.map(fromRow);
  }

  async page(personaId: string, query: PageQuery): Promise<MemoryPage> {
    const type = query.memoryType ?? null;
    const { sql, args } = pageSql(columns(), "memories", personaId, query, "CAST(? AS TEXT)");
    const rows = await this.#db.all<MemoryRow & { seq: number | string }>(sql, ...args);
    const total = type === null ? await this.count(personaId) : (await this.#db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM memories WHERE persona_id = ? AND memory_type = ?",
      personaId,
      type,
    ))?.n ?? 0;
    return { ...pageRows(rows, query.limit, fromRow, query.budgetBytes), total };
  }

  async count(personaId: string): Promise<number> {
    const row = await this.#db.get<{ docs: number }>(
      "SELECT docs FROM memory_doc_stats WHERE persona_id = ?",
      personaId,
    );
    return row?.docs ?? 0;
  }

  async totals(personaId: string, embedder: string): Promise<MemoryTotals> {
    // Types in the order they first appear: oldest memory first, then storing order.
    const groups = await this.#db.all<TypeTotals>(
      `SELECT memory_type, COUNT(*) AS n, SUM(importance) AS importance,
         COUNT(*) FILTER (WHERE importance >= ?) AS high,
         MIN(created_at) AS oldest, MAX(created_at) AS newest,
         COUNT(*) FILTER (WHERE visibility = 'private') AS private,
         COUNT(*) FILTER (WHERE visibility = 'shared') AS shared,
         COUNT(*) FILTER (WHERE visibility = 'public') AS public,
         SUM(LEAST(accessed_count, ${COUNT_MAX})) AS accesses,
         COUNT(*) FILTER (WHERE embedder <> ?) AS stale
       FROM memories WHERE persona_id = ?
       GROUP BY memory_type ORDER BY MIN(created_at || lpad(seq::text, 20, '0'))`,
      HIGH_IMPORTANCE,
      embedder,
      personaId,
    );
    return totalsOfGroups(groups);
  }

  /** The re-analysis under way (begun by a search or {@linkcode reanalyse}), if any. */
  get reanalysing(): Promise<number> | undefined {
    return this.#reanalysis.running;
  }

  /**
   * Empties the queue of memories to analyse again (`postgres_reanalyser.ts`; joining the pass
   * under way, if any); how many memories this pass rewrote. `onProgress` hears the queued
   * memories done so far.
   */
  reanalyse(onProgress?: (done: number) => void): Promise<number> {
    return this.#reanalysis.run(onProgress);
  }

  candidates(query: CandidateQuery): Promise<Candidate[]> {
    this.#reanalysis.begin();
    return postgresCandidates(this.#db, this.#vectors, query);
  }

  async termWeights(query: CandidateQuery): Promise<number[]> {
    this.#reanalysis.begin();
    return (await queryWeights(this.#db, query.personaId, query)).weights;
  }

  async slips(
    query: CandidateQuery,
    words: readonly string[],
    ask?: SlipAsk,
  ): Promise<StoreSlips> {
    this.#reanalysis.begin();
    return await storeSlips(this.#db, query.personaId, words, ask);
  }

  /** See `MemoryBackend.tiedKinds`: read from the rows in one statement (`postgres_kind_keys.ts`). */
  tiedKinds(
    query: CandidateQuery,
    keys: readonly string[],
  ): Promise<ReadonlySet<string> | undefined> {
    return postgresTiedKinds(this.#db, { personaId: query.personaId, keys });
  }

  async delete(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const gone = await this.#write(() =>
      this.#db.all<{ id: string; embedder: string }>(
        `DELETE FROM memories WHERE id IN ${JSON_TEXTS} RETURNING id, embedder`,
        JSON.stringify(ids),
      )
    );
    await this.#forgetVectors(new Map(gone.map((row) => [row.id, row.embedder])));
    return gone.length;
  }

  /**
   * The rows are gone (committed): their vectors follow. A vector store that cannot be reached
   * leaves orphans behind, which no search returns (every hit needs its row).
   */
  async #forgetVectors(embedders: ReadonlyMap<string, string>): Promise<void> {
    try {
      await this.#vectors.remove(embedders);
    } catch {
      // Orphaned vectors are harmless; deletePersona and the purge queue sweep them.
    }
  }

  async deletePersona(personaId: string): Promise<number> {
    // Usually the rows are already gone (foreign-key cascade); the vectors must go too.
    const deleted = await this.#write(() =>
      this.#db.run("DELETE FROM memories WHERE persona_id = ?", personaId)
    );
    await this.#vectors.removePersona(personaId);
    return deleted;
  }

  async summaries(): Promise<PersonaSummary[]> {
    return await this.#db.all<PersonaSummary>(
      `SELECT persona_id, COUNT(*) AS total,
         COUNT(*) FILTER (WHERE visibility = 'private') AS private,
         COUNT(*) FILTER (WHERE visibility = 'shared') AS shared,
         COUNT(*) FILTER (WHERE visibility = 'public') AS public,
         COUNT(*) FILTER (WHERE related_personas <> '[]') AS cross_references
       FROM memories GROUP BY persona_id ORDER BY persona_id`,
    );
  }

  async close(): Promise<void> {
    // The batch under way ends (its transaction commits or rolls back); no other begins.
    await this.#reanalysis.close();
    await this.#vectors.close();
  }
}
