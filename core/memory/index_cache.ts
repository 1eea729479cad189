/**
 * The SQLite backend's in-memory search indexes: per persona and embedder the vector matrix
 * ({@linkcode VectorIndex}), and per persona the BM25 postings ({@linkcode LexicalIndex}) of all
 * its memories whatever their embedder (so words still find memories an embedder change left
 * for `memory.reindex`), loaded on first use and kept in step with this process's writes (of a
 * persona written from empty and not loaded, only its kind ties: `sqlite_empty_ties.ts`). Another
 * process may share the database file (a stdio instance beside the server): its commits change
 * `PRAGMA data_version`, and a per-persona version row (bumped by triggers on every insert,
 * delete and indexed-field update) says whose indexes went stale, so only those are reloaded.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type { LexicalIndex } from "./lexical_index.ts";
import { type EarlyLoadRow, PERSONA_KNOWN, PERSONA_VERSION as VERSION } from "./index_rows.ts";
import { SqliteTerms } from "./sqlite_terms.ts";
import type { VectorIndex } from "./vector_index.ts";
import { deletePersonaKeys, indexKey } from "./index_key.ts";
import { IndexHandoffs, type OfferedRows } from "./index_handoffs.ts";
import { completeSearchColumns } from "./index_build.ts";
import { type IndexLoads, loadIndexes } from "./index_load.ts";
import { startTies } from "./sqlite_empty_ties.ts";
import { KeptVersions } from "./kept_versions.ts";
import { type KindTies, tiesOf } from "./kind_ties.ts";
import { type TrackedIndexes, writeTracked } from "./index_writes.ts";

export { indexKey } from "./index_key.ts";
export { type OfferedRows, PREFAULT_PAGES } from "./index_handoffs.ts";

/**
 * One persona's memories by one embedder by vector, and all its memories by BM25, both keyed by
 * the memories' row numbers (`seq`).
 */
export interface PersonaIndex {
  vectors: VectorIndex<number>;
  lexical: LexicalIndex<number>;
}

/** Loaded indexes with the persona versions they reflect. */
export class IndexCache {
  readonly #db: Database;
  readonly #vectors = new Map<string, VectorIndex<number>>();
  readonly #lexical = new Map<string, LexicalIndex<number>>();
  /** The versions the loaded indexes and the kind ties kept without them reflect. */
  readonly #kept = new KeptVersions();
  /** What this process's writes check and keep in step (`index_writes.ts`). */
  readonly #tracked: TrackedIndexes;
  /** Rows read elsewhere ({@linkcode offer}) and vector indexes made ahead ({@linkcode reserve}). */
  readonly #handoffs = new IndexHandoffs();
  /**
   * `PRAGMA data_version` when last read, from the cache's construction on (-1 for a sole
   * writer, which never reads it): what {@linkcode refresh} compares with.
   */
  #dataVersion: number;
  /**
   * Index loads so far: those that read their rows here, those built from offered rows, of
   * those the ones whose postings came built, those whose vector index was made ahead
   * ({@linkcode reserve}), and those whose rows were decoded before their postings came
   * ({@linkcode early}).
   */
  readonly loads: IndexLoads = { read: 0, offered: 0, built: 0, reserved: 0, ahead: 0 };
  /** The term ids every persona's memories are stored with. */
  readonly terms: SqliteTerms;

  /** A cache over `db` (memory migrations applied). */
  constructor(db: Database) {
    this.#db = db;
    // Read now, before anything is kept: the first refresh then sees only the commits other
    // connections made since, and not every one of their past. Compared with -1 instead, it said
    // "changed" on its first call, and the backend forgot every row kept until then: the 10,000
    // rows `bench:memory` inserted, read back out of SQLite by its first 200 searches (perf49).
    // Before the terms: a commit between the two is seen again rather than missed.
    this.#dataVersion = db.soleWriter ? -1 : this.#readDataVersion();
    this.terms = new SqliteTerms(db);
    this.#tracked = {
      db,
      kept: this.#kept,
      version: (personaId) => this.#version(personaId),
      drop: (personaId) => this.drop(personaId),
      undoOnRollback: (personaIds, options) => this.#undoOnRollback(personaIds, options),
    };
  }

  #readDataVersion(): number {
    return this.#db.get<{ data_version: number }>("PRAGMA data_version")!.data_version;
  }

  #version(personaId: string): number {
    return this.#db.get<{ version: number }>(VERSION, personaId)?.version ?? 0;
  }

  /**
   * Index rows of a persona read elsewhere (`indexReadStatements`) with the version they
   * reflect: the next load of its indexes by `embedder` builds them from these instead of
   * reading, if the persona is still at that version then (else they are dropped and the load
   * reads as usual). Not kept when the persona's version has moved already, or its indexes are
   * loaded: no load would take them. Search columns must have been completed
   * ({@linkcode complete}) before the read.
   */
  offer(personaId: string, embedder: string, read: OfferedRows): void {
    const key = indexKey(personaId, embedder);
    if (this.#awaited(personaId, key, read.version)) this.#handoffs.offer(key, read);
    else this.#handoffs.forget(key);
  }

  /**
   * Whether rows read elsewhere at `version` can still serve a load of the indexes at `key`:
   * not loaded already, and the persona still at that version (1 or more: a persona deleted
   * meanwhile has none). Else no load would ever take them, and kept, they would hold a large
   * persona's vectors until the persona is dropped, which a deleted one never is again.
   */
  #awaited(personaId: string, key: string, version: number): boolean {
    const loaded = this.#vectors.has(key) && this.#lexical.has(personaId);
    return !loaded && version > 0 && version === this.#version(personaId);
  }

  /**
   * Index rows of a persona read elsewhere that came before their postings, which come with
   * the {@linkcode offer}: decoded into the vector index made ahead ({@linkcode reserve}) now,
   * or when it is made, while the postings are built. The load takes them with an offer of the
   * same rows (else they are dropped). Rows read at another version than the persona's, or for
   * loaded indexes, are not kept (as {@linkcode offer}'s).
   */
  early(personaId: string, embedder: string, read: { version: number; row: EarlyLoadRow }): void {
    const key = indexKey(personaId, embedder);
    if (this.#awaited(personaId, key, read.version)) this.#handoffs.early(key, read.row);
    else this.#handoffs.forget(key);
  }

  /** How many rows and vector indexes wait for loads ({@linkcode IndexHandoffs.kept}). */
  get handedOver(): number {
    return this.#handoffs.kept;
  }

  /**
   * Makes the vector index of a persona's next load by `embedder` now, with room for `count`
   * rows, and maps its memory ({@linkcode VectorIndex.prefault}) {@linkcode PREFAULT_PAGES}
   * pages a macrotask (requests are served in between) until done or the load takes it: for a
   * caller waiting for the rows read elsewhere ({@linkcode offer}), so that the load only copies
   * them in. No-op when the index is loaded. The load takes it when the dimensions match.
   */
  async reserve(
    personaId: string,
    embedder: string,
    options: { dimensions: number; count: number },
  ): Promise<void> {
    const key = indexKey(personaId, embedder);
    if (this.#vectors.has(key)) return;
    await this.#handoffs.reserve(key, options);
  }

  /** Whether rows read elsewhere wait for the next load of these indexes. */
  hasOffer(personaId: string, embedder: string): boolean {
    return this.#handoffs.hasOffer(indexKey(personaId, embedder));
  }

  /** The loaded vector index of a persona's memories by `embedder`, if any. */
  loadedVectors(personaId: string, embedder: string): VectorIndex<number> | undefined {
    return this.#vectors.get(indexKey(personaId, embedder));
  }

  /** The loaded BM25 index of a persona's memories, if any. */
  loadedLexical(personaId: string): LexicalIndex<number> | undefined {
    return this.#lexical.get(personaId);
  }

  /** Keeps kind ties for a persona about to be written, if it has no memory and none loaded. */
  startTies(personaId: string): void {
    this.#kept.startTies(this.#db, personaId);
  }

  /** Whether a persona's index version is kept, so refreshes and writes check it. */
  tracks(personaId: string): boolean {
    return this.#kept.tracks(personaId);
  }

  /** A persona's kind ties: its loaded BM25 index's, or those kept while it is not loaded. */
  ties(personaId: string): KindTies<number> | undefined {
    return tiesOf(this.#lexical.get(personaId)) ?? this.#kept.ties.of(personaId);
  }

  /** The indexes of a persona's memories (vectors by `embedder`), loading them on first use. */
  get(personaId: string, embedder: string, dimensions: number): PersonaIndex {
    // The version is read before the rows: a commit in between only causes one extra reload.
    this.#kept.loading(personaId, () => this.#version(personaId));
    const key = indexKey(personaId, embedder);
    let vectors = this.#vectors.get(key);
    let lexical = this.#lexical.get(personaId);
    if (!vectors || !lexical) {
      const offered = this.#handoffs.takeOffer(key);
      const loaded = loadIndexes(this.#db, personaId, {
        embedder,
        dimensions,
        lexical: !lexical,
        offered: offered && offered.version === this.#version(personaId) ? offered : undefined,
        terms: this.terms,
        handoffs: this.#handoffs,
        loads: this.loads,
        complete: () => this.complete(personaId),
      });
      vectors ??= loaded.vectors;
      // A persona deleted while a search of it ran (attack42): no one's indexes, never dropped.
      if (this.#kept.indexVersion(personaId) === 0 && !this.#db.get(PERSONA_KNOWN, personaId)) {
        this.#kept.forget(personaId);
        return { vectors, lexical: lexical ?? loaded.lexical! };
      }
      if (lexical === undefined) {
        lexical = loaded.lexical!;
        startTies(this.#db, { personaId, lexical, written: this.#kept.ties });
      }
      this.#vectors.set(key, vectors);
      this.#lexical.set(personaId, lexical);
      // Loaded inside a transaction, it holds that transaction's rows.
      this.#undoOnRollback([personaId]);
    }
    return { vectors, lexical };
  }

  /**
   * Fills in the search columns of a persona's rows that have none yet (written before they
   * existed), in one transaction; whether there were any.
   */
  complete(personaId: string): boolean {
    return completeSearchColumns(this.#db, personaId, this.terms);
  }

  /** Forgets a persona's indexes (they reload on next use). */
  drop(personaId: string): void {
    deletePersonaKeys(this.#vectors, personaId);
    this.#lexical.delete(personaId);
    this.#kept.forget(personaId);
    this.#handoffs.drop(personaId);
  }

  /**
   * Drops the indexes another connection changed since they were loaded (cheap when none did);
   * true when another connection committed since the last call (or the cache was made).
   */
  refresh(): boolean {
    // No other connection commits to the file: nothing another one changed (the terms were read
    // at construction).
    if (this.#db.soleWriter) return false;
    const version = this.#readDataVersion();
    if (version === this.#dataVersion) return false;
    this.#dataVersion = version;
    this.terms.sync();
    for (const [personaId, seen] of this.#kept.entries()) {
      if (this.#version(personaId) !== seen) this.drop(personaId);
    }
    return true;
  }

  /**
   * Runs this process's write to the memories of `personaIds` in one transaction. Other writers
   * are locked out meanwhile, so the versions read before and after are exactly ours: an index
   * that was current stays current (the caller updates it); one that was not is dropped.
   * `inserts` says that `work` inserts one row per entry of `personaIds` and bumps no other
   * version: each insert bumps its persona's version by one (the trigger), so the versions after
   * are known without reading them. If the transaction (or a caller's it joined) rolls back, the
   * indexes of `personaIds` and the term ids are forgotten: they reload from what was kept.
   */
  write<T>(personaIds: Iterable<string>, work: () => T, options: { inserts?: boolean } = {}): T {
    try {
      const inserts = options.inserts === true;
      return writeTracked(this.#tracked, { personaIds: [...personaIds], work, inserts });
    } catch (error) {
      // Term ids made in the rolled back transaction never existed.
      this.terms.reset();
      throw error;
    }
  }

  /**
   * Forgets the indexes of `personaIds` (and the term ids, with `terms`) if the open transaction
   * rolls back: they may hold its rows, and remember versions the database no longer has, which
   * another connection's writes can make current again (its rows taking the same numbers).
   */
  #undoOnRollback(personaIds: readonly string[], options: { terms?: boolean } = {}): void {
    if (personaIds.length === 0 && !options.terms) return;
    this.#db.onRollback(() => {
      for (const id of personaIds) this.drop(id);
      if (options.terms) this.terms.reset();
    });
  }

  /** Forgets every index. */
  clear(): void {
    this.#vectors.clear();
    this.#lexical.clear();
    this.#kept.clear();
    this.#handoffs.clear();
  }
}
