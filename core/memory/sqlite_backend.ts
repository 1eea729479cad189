/**
 * The embedded backend (`MEMORY_BACKEND=sqlite`, the default): memories and their vectors in the
 * server's SQLite database, and in-memory search indexes per persona and embedder (vectors and
 * BM25 postings, {@linkcode IndexCache}), loaded on first use and kept in step with every write,
 * this process's and (through version rows) other processes'. Search reads the in-memory BM25,
 * which scores every query word (the FTS5 table it replaced is dropped: `memories_fts_drop_1`).
 *
 * @module
 */
import { PersonaNotFound } from "../errors.ts";
import type { SqliteDatabase } from "../storage/sqlite.ts";
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type {
  Candidate,
  CandidateQuery,
  MemoryBackend,
  MemoryPage,
  MemoryTotals,
  MemoryWrite,
  PageQuery,
  PersonaSummary,
} from "./backend.ts";
import { type MemoryRecord, VISIBILITIES, type Visibility } from "./schema.ts";
import { HIGH_IMPORTANCE, totalsOfGroups, type TypeTotals } from "./stats.ts";
import {
  fromRow,
  MEMORY_RECORDS,
  type MemoryRow,
  RECORD_SELECT,
  recordValues,
  SAVED_COLUMNS,
  STORED_COLUMNS,
  vectorBytes,
} from "./sqlite_rows.ts";
import {
  IndexCache,
  indexKey,
  type LoadRow,
  type PersonaIndex,
  type SearchColumns,
  searchColumns,
} from "./index_cache.ts";
import { PendingTouches, type Touch } from "./pending_touches.ts";
import { type NumberedRow, RowCache } from "./row_cache.ts";
import { POSTINGS_ASIDE, type PostingsBuild } from "./postings_build.ts";

const INSERT = `INSERT INTO memories (${STORED_COLUMNS.join(", ")}, vector, terms, index_vector)
  VALUES (${STORED_COLUMNS.map(() => "?").join(", ")}, ?, ?, ?) RETURNING seq`;
/** The access counts a new memory comes with (an import's). */
const INSERT_ACCESS =
  "INSERT INTO memory_access (seq, accessed_count, last_accessed) VALUES (?, ?, ?)";
const SET_VECTOR = "UPDATE memories SET vector = ?, terms = ?, index_vector = ? WHERE id = ?";
/** What the index keys of memories are (row numbers) and where their vectors are indexed. */
const KEYS = `SELECT seq, id, persona_id, embedder FROM memories
  WHERE id IN (SELECT value FROM json_each(?))`;
const BY_SEQS = `SELECT seq, ${RECORD_SELECT} FROM ${MEMORY_RECORDS}
  WHERE seq IN (SELECT value FROM json_each(?))`;

/** A memory's index key and where its vector is indexed. */
interface MemoryKey {
  seq: number;
  id: string;
  persona_id: string;
  embedder: string;
}
const TOUCH = `INSERT INTO memory_access (seq, accessed_count, last_accessed)
  SELECT seq, 1, ?1 FROM memories WHERE id IN (SELECT value FROM json_each(?2))
  ON CONFLICT (seq) DO UPDATE SET accessed_count = accessed_count + 1, last_accessed = ?1`;

/**
 * How long after a search its access counts are written (with every other search's of the
 * while, in one commit); reads see them at once (`pending_touches.ts`).
 */
export const TOUCH_WRITE_DELAY_MS = 25;

const UPDATE = `UPDATE memories SET ${
  SAVED_COLUMNS.map((name) => `${name} = ?`).join(", ")
} WHERE id = ?`;

/**
 * Personas with at least this many memories have their index rows read off the event loop, on
 * the storage's worker connection (`SqliteDatabase.readAside`), when it has one: at 100,000
 * memories the read alone holds the thread for 0.2-0.5 s, which the warm-up overlaps with the
 * word vectors' load. Smaller reads stay here (a worker round trip costs more than it saves).
 */
export const ASIDE_READ_MIN = 20_000;

/** Memories in SQLite with an in-memory vector index. */
export class SqliteBackend implements MemoryBackend {
  readonly name = "sqlite";
  readonly #storage: SqliteDatabase;
  /** The storage's connection: used only inside {@linkcode #exclusive}. */
  readonly #db: Database;
  readonly #cache: IndexCache;
  /**
   * Access counts not written yet: written {@linkcode TOUCH_WRITE_DELAY_MS} after the first
   * (every search's of the while in one transaction, one commit, each search's statement as it
   * was: the same counts and times), counted in every record read meanwhile.
   */
  readonly #touches = new PendingTouches();
  #touchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Candidate rows kept between searches (`row_cache.ts`). */
  readonly #rows = new RowCache();
  /** Index reads under way off the event loop, by persona and embedder. */
  readonly #reads = new Map<string, Promise<void>>();
  /** Index reads started off the event loop. */
  #asides = 0;

  /** From how many memories a persona's index rows are read off the event loop. */
  readonly #asideReadMin: number;

  /**
   * A backend over `storage`, which must have the memory migrations applied; `asideReadMin`
   * defaults to {@linkcode ASIDE_READ_MIN}.
   */
  constructor(storage: SqliteDatabase, options: { asideReadMin?: number } = {}) {
    this.#asideReadMin = options.asideReadMin ?? ASIDE_READ_MIN;
    this.#storage = storage;
    this.#db = storage.connection;
    this.#cache = new IndexCache(this.#db);
  }

  /** Writes `touches` in one transaction (inside a caller's, when in one) and its kept rows. */
  #writeTouches(touches: readonly Touch[]): void {
    // Kept rows change with the commit; inside a caller's transaction (which may roll back)
    // they are forgotten instead.
    const outer = this.#db.raw.isTransaction;
    this.#db.transaction(() => {
      for (const { at, ids } of touches) this.#db.run(TOUCH, at, JSON.stringify(ids));
    });
    for (const { at, ids } of touches) {
      if (outer) this.#rows.forgetIds(ids);
      else this.#rows.touched(ids, at);
    }
  }

  /** Writes the pending access counts (once no other request's transaction is open). */
  #flushTouches(): Promise<void> {
    if (this.#touchTimer !== undefined) clearTimeout(this.#touchTimer);
    this.#touchTimer = undefined;
    return this.#exclusive(() => {
      const touches = this.#touches.take();
      if (touches.length === 0) return;
      try {
        this.#writeTouches(touches);
      } catch {
        // One search's failure (a database error) must not lose everyone's counts.
        for (const touch of touches) {
          try {
            this.#writeTouches([touch]);
          } catch { /* that search's hits stay uncounted */ }
        }
      }
    });
  }

  /** Runs synchronous `work` once no other request's transaction is open on the connection. */
  #exclusive<T>(work: () => T): Promise<T> {
    return this.#storage.exclusive(work);
  }

  inTransaction(): boolean {
    return this.#storage.inTransaction;
  }

  /** Forgets what another connection's commits made stale: indexes it changed, every kept row. */
  #refresh(): void {
    if (this.#cache.refresh()) this.#rows.clear();
  }

  /** Applies a write to the loaded indexes (unloaded ones read SQLite later). */
  #indexWrite(record: MemoryRecord, seq: number, columns: SearchColumns | undefined): void {
    const fields = {
      importance: record.importance,
      memoryType: record.memory_type,
      visibility: record.visibility,
    };
    const vectors = this.#cache.loadedVectors(record.persona_id, record.embedder);
    const lexical = this.#cache.loadedLexical(record.persona_id);
    if (columns) {
      if (columns.row.length === vectors?.pitch) vectors.upsertRow(seq, columns.row, fields);
      lexical?.upsertAnalysed(seq, columns.analysed, fields);
    } else {
      vectors?.setFields(seq, fields);
      lexical?.setFields(seq, fields);
    }
  }

  /** Takes memories out of the loaded vector indexes of their (old) embedders. */
  #unindexVectors(rows: readonly MemoryKey[]) {
    for (const row of rows) {
      this.#cache.loadedVectors(row.persona_id, row.embedder)?.remove(row.seq);
    }
  }

  /** The index keys of memories by id (those that exist). */
  #keys(ids: readonly string[]): MemoryKey[] {
    if (ids.length === 0) return [];
    return this.#db.all<MemoryKey>(KEYS, JSON.stringify(ids));
  }

  /** The search columns of a write with a vector (analysed and quantised here). */
  #columns(record: MemoryRecord, vector: Float32Array): SearchColumns {
    return searchColumns(record.content, vector, this.#cache.terms);
  }

  insert(writes: readonly MemoryWrite[]): Promise<void> {
    return this.#exclusive(() => {
      let stored: Array<{ seq: number; columns: SearchColumns }> = [];
      try {
        stored = this.#cache.write(
          writes.map((write) => write.record.persona_id),
          () =>
            writes.map(({ record, vector }) => {
              if (!vector) throw new Error(`Memory ${record.id} has no vector`);
              const columns = this.#columns(record, vector);
              const { seq } = this.#db.get<{ seq: number }>(
                INSERT,
                ...recordValues(record, STORED_COLUMNS),
                vectorBytes(vector),
                columns.terms,
                columns.row,
              )!;
              if (record.accessed_count !== 0 || record.last_accessed !== null) {
                this.#db.run(INSERT_ACCESS, seq, record.accessed_count, record.last_accessed);
              }
              return { seq, columns };
            }),
        );
      } catch (error) {
        // The persona was deleted (by another connection) between lookup and insert.
        const [first] = writes;
        if (String(error).includes("FOREIGN KEY constraint failed") && first) {
          throw new PersonaNotFound(first.record.persona_id, "Cannot store memories of persona");
        }
        throw error;
      }
      // A new row may take the number of a deleted one.
      this.#rows.forget(stored.map((row) => row.seq));
      writes.forEach(({ record }, i) =>
        this.#indexWrite(record, stored[i]!.seq, stored[i]!.columns)
      );
    });
  }

  save(writes: readonly MemoryWrite[]): Promise<void> {
    return this.#exclusive(() => {
      const ids = writes.map((write) => write.record.id);
      this.#rows.forgetIds(ids);
      const columns = new Map<string, SearchColumns>();
      const previous = this.#cache.write(writes.map((write) => write.record.persona_id), () => {
        const before = this.#keys(ids);
        for (const { record, vector } of writes) {
          this.#db.run(UPDATE, ...recordValues(record, SAVED_COLUMNS), record.id);
          if (vector) {
            const stored = this.#columns(record, vector);
            columns.set(record.id, stored);
            this.#db.run(SET_VECTOR, vectorBytes(vector), stored.terms, stored.row, record.id);
          }
        }
        return before;
      });
      const embedders = new Map(writes.map((write) => [write.record.id, write.record.embedder]));
      this.#unindexVectors(previous.filter((old) => embedders.get(old.id) !== old.embedder));
      const seqs = new Map(previous.map((old) => [old.id, old.seq]));
      for (const { record } of writes) {
        const seq = seqs.get(record.id);
        if (seq !== undefined) this.#indexWrite(record, seq, columns.get(record.id));
      }
    });
  }

  touch(records: readonly MemoryRecord[], at: string): Promise<void> {
    // A caller inside a transaction writes in it: undone with it, seen by it.
    if (this.inTransaction()) {
      return this.#exclusive(() =>
        this.#writeTouches([{ at, ids: records.map((record) => record.id) }])
      );
    }
    this.#touches.add(records, at);
    if (this.#touchTimer === undefined) {
      const timer = setTimeout(() => this.#flushTouches(), TOUCH_WRITE_DELAY_MS);
      // Pending counts never keep the process alive: `close` writes them.
      Deno.unrefTimer(timer as unknown as number);
      this.#touchTimer = timer;
    }
    return Promise.resolve();
  }

  /** Writes the access counts not written yet now (`close` does too). */
  flush(): Promise<void> {
    return this.#flushTouches();
  }

  get(id: string): Promise<MemoryRecord | undefined> {
    return this.#exclusive(() => {
      const row = this.#db.get<MemoryRow>(
        `SELECT ${RECORD_SELECT} FROM ${MEMORY_RECORDS} WHERE id = ?`,
        id,
      );
      return row && this.#touches.applied(fromRow(row));
    });
  }

  list(personaId: string): Promise<MemoryRecord[]> {
    return this.#exclusive(() => {
      return this.#db.all<MemoryRow>(
        `SELECT ${RECORD_SELECT} FROM ${MEMORY_RECORDS} WHERE persona_id = ? ORDER BY created_at, seq`,
        personaId,
      ).map((row) => this.#touches.applied(fromRow(row)));
    });
  }

  page(personaId: string, query: PageQuery): Promise<MemoryPage> {
    return this.#exclusive(() => {
      const type = query.memoryType ?? null;
      const records = this.#db.all<MemoryRow>(
        `SELECT ${RECORD_SELECT} FROM ${MEMORY_RECORDS}
         WHERE persona_id = ? AND (? IS NULL OR memory_type = ?)
         ORDER BY created_at DESC, seq DESC LIMIT ? OFFSET ?`,
        personaId,
        type,
        type,
        query.limit,
        query.offset,
      ).map((row) => this.#touches.applied(fromRow(row)));
      const total = type === null ? this.#count(personaId) : this.#db.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM memories WHERE persona_id = ? AND memory_type = ?",
        personaId,
        type,
      )!.n;
      return { records, total };
    });
  }

  async totals(personaId: string, embedder: string): Promise<MemoryTotals> {
    // Summed in SQL: the pending counts first (inside a caller's transaction they would go
    // with it, and it never asks for totals).
    if (this.#touches.size > 0 && !this.inTransaction()) await this.#flushTouches();
    return await this.#exclusive(() => {
      // One pass, grouped by type; the types come in the order they first appear, oldest memory
      // first (created_at is fixed-width ISO, so the text key orders as created_at, then seq).
      const groups = this.#db.all<TypeTotals>(
        `SELECT memory_type, COUNT(*) AS n, SUM(importance) AS importance,
           SUM(importance >= ?) AS high, MIN(created_at) AS oldest, MAX(created_at) AS newest,
           SUM(visibility = 'private') AS private, SUM(visibility = 'shared') AS shared,
           SUM(visibility = 'public') AS public, SUM(accessed_count) AS accesses,
           SUM(embedder != ?) AS stale
         FROM ${MEMORY_RECORDS} WHERE persona_id = ?
         GROUP BY memory_type ORDER BY MIN(created_at || printf('%020d', seq))`,
        HIGH_IMPORTANCE,
        embedder,
        personaId,
      );
      return totalsOfGroups(groups);
    });
  }

  async candidates(query: CandidateQuery): Promise<Candidate[]> {
    // A read aside under way (the warm-up's) is waited for, not done again; a search never
    // starts one: its own read here is as quick, and the worker may be busy checkpointing.
    const reading = this.#reads.get(indexKey(query.personaId, query.embedder));
    if (reading && !this.#loaded(query.personaId, query.embedder)) await reading;
    return await this.#exclusive(() => {
      this.#refresh();
      const scopes: Array<{ personaId: string; visibilities: readonly Visibility[] }> = [
        { personaId: query.personaId, visibilities: VISIBILITIES },
      ];
      if (query.othersVisibility.length > 0) {
        const others = this.#db.all<{ persona_id: string }>(
          `SELECT DISTINCT persona_id FROM memories WHERE embedder = ? AND persona_id != ?
             AND visibility IN (SELECT value FROM json_each(?))`,
          query.embedder,
          query.personaId,
          JSON.stringify(query.othersVisibility),
        );
        for (const { persona_id } of others) {
          scopes.push({ personaId: persona_id, visibilities: query.othersVisibility });
        }
      }
      const dimensions = query.vector.length;
      const similarities = new Map<number, number>();
      const lexical = new Map<number, number>();
      for (const scope of scopes) {
        const index = this.#cache.get(scope.personaId, query.embedder, dimensions);
        const filter = {
          minImportance: query.minImportance,
          memoryType: query.memoryType,
          visibilities: scope.visibilities,
        };
        for (const hit of index.vectors.nearest(query.vector, query.limit, filter)) {
          similarities.set(hit.id, hit.similarity);
        }
        for (const hit of index.lexical.search(query, query.limit, filter)) {
          lexical.set(hit.id, hit.lexical);
        }
      }
      const best = (scores: Map<number, number>) =>
        [...scores].sort((a, b) => b[1] - a[1]).slice(0, query.limit).map(([seq]) => seq);
      const seqs = new Set([...best(similarities), ...best(lexical)]);
      if (seqs.size === 0) return [];
      const rows = this.#rows.rows(
        [...seqs],
        (missing) => this.#db.all<NumberedRow>(BY_SEQS, JSON.stringify(missing)),
        // A transaction may still roll back what its rows show.
        { keep: !this.#db.raw.isTransaction },
      );
      // A candidate found by one channel gets the other's score too: the BM25 ones of each
      // persona's index in one call (the query's terms weighed once, not once per candidate).
      const missingLexical = new Map<string, number[]>();
      for (const { seq, persona_id } of rows) {
        if (lexical.has(seq)) continue;
        const seqsOfPersona = missingLexical.get(persona_id);
        if (seqsOfPersona) seqsOfPersona.push(seq);
        else missingLexical.set(persona_id, [seq]);
      }
      for (const [personaId, missing] of missingLexical) {
        const index = this.#cache.get(personaId, query.embedder, dimensions);
        index.lexical.lexicalMany(missing, query).forEach((score, i) =>
          lexical.set(missing[i]!, score)
        );
      }
      // Each persona's vector index looked up once, not once per candidate.
      const vectorsOf = new Map<string, PersonaIndex["vectors"]>();
      const candidates = rows.map((row) => {
        const { seq } = row;
        const record = this.#touches.applied(fromRow(row));
        let similarity = similarities.get(seq);
        if (similarity === undefined) {
          let vectors = vectorsOf.get(record.persona_id);
          if (vectors === undefined) {
            vectors = this.#cache.get(record.persona_id, query.embedder, dimensions).vectors;
            vectorsOf.set(record.persona_id, vectors);
          }
          similarity = vectors.similarity(seq, query.vector) ?? 0;
        }
        return { record, similarity, lexical: lexical.get(seq) ?? 0 };
      });
      return candidates;
    });
  }

  termWeights(query: CandidateQuery): Promise<number[]> {
    return this.#exclusive(() => {
      this.#refresh();
      const index = this.#cache.get(query.personaId, query.embedder, query.vector.length);
      return index.lexical.weights(query);
    });
  }

  delete(ids: readonly string[]): Promise<number> {
    return this.#exclusive(() => {
      const rows = this.#keys(ids);
      this.#rows.forgetIds(ids);
      this.#touches.forgetIds(ids);
      const deleted = this.#cache.write(
        rows.map((row) => row.persona_id),
        () =>
          this.#db.run(
            "DELETE FROM memories WHERE id IN (SELECT value FROM json_each(?))",
            JSON.stringify(ids),
          ),
      );
      this.#unindexVectors(rows);
      for (const row of rows) this.#cache.loadedLexical(row.persona_id)?.remove(row.seq);
      return deleted;
    });
  }

  deletePersona(personaId: string): Promise<number> {
    return this.#exclusive(() => {
      // Usually the rows are already gone (foreign-key cascade); the indexes must go too.
      const deleted = this.#db.run("DELETE FROM memories WHERE persona_id = ?", personaId);
      this.#cache.drop(personaId);
      this.#rows.clear();
      this.#touches.forgetPersona(personaId);
      return deleted;
    });
  }

  count(personaId: string): Promise<number> {
    return this.#exclusive(() => this.#count(personaId));
  }

  #count(personaId: string): number {
    return this.#db.get<{ n: number }>(
      "SELECT n FROM memory_counts WHERE persona_id = ?",
      personaId,
    )?.n ?? 0;
  }

  summaries(): Promise<PersonaSummary[]> {
    return this.#exclusive(() => {
      return this.#db.all<PersonaSummary>(
        `SELECT persona_id, COUNT(*) AS total,
           SUM(visibility = 'private') AS private, SUM(visibility = 'shared') AS shared,
           SUM(visibility = 'public') AS public, SUM(related_personas != '[]') AS cross_references
         FROM memories GROUP BY persona_id ORDER BY persona_id`,
      );
    });
  }

  counts(): Promise<Array<{ persona_id: string; total: number }>> {
    return this.#exclusive(() =>
      this.#db.all<{ persona_id: string; total: number }>(
        "SELECT persona_id, n AS total FROM memory_counts WHERE n > 0 ORDER BY persona_id",
      ).map(({ persona_id, total }) => ({ persona_id, total }))
    );
  }

  /** Whether a persona's indexes for `embedder` are both in memory (they may still be stale). */
  #loaded(personaId: string, embedder: string): boolean {
    return this.#cache.loadedLexical(personaId) !== undefined &&
      this.#cache.loadedVectors(personaId, embedder) !== undefined;
  }

  /**
   * Reads a large persona's index rows off the event loop ({@linkcode ASIDE_READ_MIN}) and offers
   * them to the cache for its next load; resolves when they are there, or at once when the
   * read is not worth it or not possible (the load then reads them itself). Reads of the same
   * indexes share one.
   */
  prefetch(personaId: string, embedder: string): Promise<void> {
    const key = indexKey(personaId, embedder);
    let pending = this.#reads.get(key);
    if (!pending) {
      pending = this.#readAside(personaId, embedder).finally(() => this.#reads.delete(key));
      this.#reads.set(key, pending);
    }
    return pending;
  }

  async #readAside(personaId: string, embedder: string): Promise<void> {
    const size = await this.#exclusive(() => {
      this.#refresh();
      // Loaded, or read aside already (the warm-up reads ahead, then preloads).
      if (this.#loaded(personaId, embedder) || this.#cache.hasOffer(personaId, embedder)) return 0;
      // The other connection reads search columns as they are: none may be missing.
      this.#cache.complete(personaId);
      return this.#count(personaId);
    });
    if (size < this.#asideReadMin) return;
    // The postings are built there too (`postings_build.ts`): the event loop takes them over.
    const reading = this.#storage.readAsideDerived(
      IndexCache.readStatements(personaId, embedder),
      POSTINGS_ASIDE,
    );
    if (!reading) return;
    this.#asides++;
    try {
      const { rows: [version, row], derived } = await reading;
      this.#cache.offer(personaId, embedder, {
        version: Number(version?.version ?? 0),
        row: row as unknown as LoadRow,
        postings: derived as PostingsBuild | undefined,
      });
    } catch {
      // The worker failed or closed: the load reads the rows here.
    }
  }

  async reserve(
    personaId: string,
    vectors: { embedder: string; dimensions: number; count: number },
  ): Promise<void> {
    // Only while the rows are read on the worker: the event loop would wait for them anyway.
    if (!this.#reads.has(indexKey(personaId, vectors.embedder))) return;
    await this.#cache.reserve(personaId, vectors.embedder, vectors);
  }

  async preload(
    personaId: string,
    vectors: { embedder: string; dimensions: number },
  ): Promise<void> {
    await this.prefetch(personaId, vectors.embedder);
    return await this.#exclusive(() => {
      this.#refresh();
      this.#cache.get(personaId, vectors.embedder, vectors.dimensions);
    });
  }

  /**
   * Index loads so far: read on the event loop, or built from rows read off it (`built`: of
   * those, the ones whose postings were built off it too); and the reads started off it (for
   * tests).
   */
  get indexLoads(): { read: number; offered: number; built: number; asides: number } {
    return { ...this.#cache.loads, asides: this.#asides };
  }

  /** Whether a persona's search indexes are in memory (loaded and current). */
  indexed(personaId: string): boolean {
    this.#refresh();
    return this.#cache.loadedLexical(personaId) !== undefined;
  }

  async close(): Promise<void> {
    await this.#flushTouches();
    this.#cache.clear();
    this.#rows.clear();
  }
}
