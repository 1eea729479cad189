/**
 * The persona cache of a repository (`repository.ts`): every persona by id, loaded whole and
 * served from memory while the database's change stamp says no other process or node changed
 * personas, with its names by key (`name_index.ts`, built once per load). This process's writes
 * are applied to it once committed, in place (no load of every row), where the stamp shows that
 * nothing else changed personas meanwhile; else it is forgotten and loaded again when next
 * needed. Loads inside a transaction of ours that wrote personas are not kept.
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Database } from "../storage/database.ts";
import { NameIndex } from "./name_index.ts";
import type { Persona } from "./schema.ts";

/** Senders kept as naming no persona, at most (then forgotten at once): bounded memory. */
const MAX_STRANGERS = 1024;

/** A write of ours, to bring the cache in step with once it is committed. */
export type CacheChange = { persona: Persona } | { deleted: string };

/** A transaction the repository began ({@linkcode PersonaCache.exclusively}). */
interface OwnTransaction {
  /** Its writes so far (uncommitted). */
  readonly changes: CacheChange[];
  /** Its statements on `personas`: each moves PostgreSQL's change stamp by one. */
  statements: number;
  /** True once a statement failed: the cache is then forgotten at its end. */
  failed: boolean;
}

/** See the module's documentation. */
export class PersonaCache {
  readonly #db: Database;
  readonly #load: () => Promise<Map<string, Persona>>;
  #cache: Map<string, Persona> | null = null;
  #stamp = "";
  /** The latest creation time in the cache: a new persona after it goes last in place. */
  #newest = "";
  /** The cache's names by key (built at its first name lookup), and the one before. */
  #index: { cache: Map<string, Persona>; names: NameIndex } | null = null;
  /** Bumped by every write of ours: a load that began before it must not fill the cache. */
  #generation = 0;
  /** Chat senders that named no persona, beside the cache of that moment (emptied with it). */
  #strangers = new Set<string>();
  /** The transaction of ours the caller runs in, if any. */
  readonly #own = new AsyncLocalStorage<OwnTransaction>();

  /** A cache of the personas `load` reads from `db` (oldest first). */
  constructor(db: Database, load: () => Promise<Map<string, Persona>>) {
    this.#db = db;
    this.#load = load;
  }

  /**
   * True when the caller may see rows the cache must not hold: it runs in a transaction of ours
   * that wrote personas. (In another module's transaction, a write of ours forgets the cache, and
   * at its end again, as a load inside it may have read it.)
   */
  #uncommitted(): boolean {
    const own = this.#own.getStore();
    return own !== undefined && this.#db.inTransaction && (own.statements > 0 || own.failed);
  }

  /**
   * Every persona by id, oldest first: the cache, unless the change stamp (read afresh when
   * `fresh`) moved, then loaded again.
   */
  async personas(fresh = false): Promise<Map<string, Persona>> {
    if (this.#uncommitted()) return await this.#load();
    const generation = this.#generation;
    // The stamp is read before the rows: a commit in between only causes one extra reload.
    const stamp = await this.#db.changeStamp("personas", { fresh });
    if (this.#cache !== null && stamp === this.#stamp) return this.#cache;
    const cache = await this.#load();
    if (generation === this.#generation) {
      this.#cache = cache;
      this.#stamp = stamp;
      this.#newest = [...cache.values()].at(-1)?.created_at ?? "";
      this.#strangers.clear();
    }
    return cache;
  }

  /** The names of `cache` by key: built once per cache, its keys reused from the one before. */
  names(cache: Map<string, Persona>): NameIndex {
    if (this.#index?.cache === cache) return this.#index.names;
    const names = new NameIndex(cache.values(), { previous: this.#index?.names });
    // Only the shared cache's index is kept: a transaction's own view is used once.
    if (cache === this.#cache) this.#index = { cache, names };
    return names;
  }

  /** Forgets the cache: the next read loads every persona. */
  forget(): void {
    this.#cache = null;
    this.#generation++;
  }

  /** Records a statement of ours on `personas` (`change`: what it wrote, when it did). */
  async wrote(change: CacheChange | null): Promise<void> {
    const own = this.#own.getStore();
    this.#generation++;
    if (own !== undefined && this.#db.inTransaction) {
      own.statements++;
      if (change) own.changes.push(change);
    } else if (this.#db.inTransaction) {
      // Another module's transaction: it may yet roll back, and its end is not ours to see.
      this.forget();
    } else {
      await this.#settle(change ? [change] : [], 1);
    }
  }

  /**
   * Brings the cache in step with `changes`, committed by `statements` statements of ours. It is
   * set aside at once (a read meanwhile loads the rows, with our commit in them), then taken back
   * with the changes applied when nothing else changed personas since it was loaded (the change
   * stamp moved by our statements only: not at all on SQLite, by one a statement on PostgreSQL)
   * and nothing was loaded or written meanwhile; else it is left for a load when next needed.
   */
  async #settle(changes: readonly CacheChange[], statements: number): Promise<void> {
    const cache = this.#cache;
    this.forget();
    if (cache === null) return;
    const generation = this.#generation;
    const before = this.#stamp;
    const stamp = await this.#db.changeStamp("personas", { fresh: true });
    if (this.#cache !== null || generation !== this.#generation) return;
    const expected = this.#db.dialect === "postgres" ? String(Number(before) + statements) : before;
    if (stamp !== expected || !this.#apply(cache, changes)) return;
    this.#cache = cache;
    this.#stamp = stamp;
    this.#strangers.clear();
  }

  /**
   * Applies `changes` to `cache` and its name index; false when one would move a persona in the
   * order a load reads them in (`created_at`, then `name`), left to a load then.
   */
  #apply(cache: Map<string, Persona>, changes: readonly CacheChange[]): boolean {
    const names = this.#index?.cache === cache ? this.#index.names : null;
    for (const change of changes) {
      if ("deleted" in change) {
        cache.delete(change.deleted);
        names?.remove(change.deleted);
        continue;
      }
      const { persona } = change;
      const known = cache.get(persona.id);
      if (known === undefined) {
        if (persona.created_at <= this.#newest) return false;
        this.#newest = persona.created_at;
      } else if (
        known.name !== persona.name &&
        [...cache.values()].some((other) =>
          other.id !== persona.id && other.created_at === persona.created_at
        )
      ) return false;
      cache.set(persona.id, persona);
      names?.put(persona.id, persona.name);
    }
    return true;
  }

  /** A statement of ours failed: the cache is forgotten (at the end of our transaction). */
  failed(): void {
    const own = this.#own.getStore();
    if (own !== undefined && this.#db.inTransaction) own.failed = true;
    this.forget();
  }

  /** True when `sender` named no persona beside `cache`, still the current one. */
  isStranger(sender: string, cache: Map<string, Persona>): boolean {
    return cache === this.#cache && this.#strangers.has(sender);
  }

  /**
   * Keeps that `sender` named no persona beside `cache`, when it is still the current one and
   * nothing was written since `generation` (read before the lookup).
   */
  addStranger(sender: string, cache: Map<string, Persona>, generation: number): void {
    if (generation !== this.#generation || cache !== this.#cache) return;
    if (this.#strangers.size >= MAX_STRANGERS) this.#strangers.clear();
    this.#strangers.add(sender);
  }

  /** Bumped by every write of ours (see {@linkcode addStranger}). */
  get generation(): number {
    return this.#generation;
  }

  /**
   * Runs `work` in one transaction holding the lock `key` (one at a time, across nodes too);
   * inside another such transaction, joins it and takes `key` as well. Its writes reach the cache
   * once it commits.
   */
  async exclusively<T>(key: string, work: () => Promise<T>): Promise<T> {
    const locked = () =>
      this.#db.transaction(async () => {
        await this.#db.lock(key);
        return await work();
      });
    if (this.#db.inTransaction) {
      if (this.#own.getStore() !== undefined) return await locked();
      try {
        return await locked();
      } finally {
        // Another module's transaction: a load inside it may have read what it wrote.
        this.forget();
      }
    }
    const own: OwnTransaction = { changes: [], statements: 0, failed: false };
    let committed = false;
    try {
      const result = await this.#own.run(own, locked);
      committed = true;
      return result;
    } finally {
      // Refused before any write (a taken name): the cache stays as it is.
      if (own.failed || (!committed && own.statements > 0)) this.forget();
      else if (committed && own.statements > 0) await this.#settle(own.changes, own.statements);
    }
  }
}
