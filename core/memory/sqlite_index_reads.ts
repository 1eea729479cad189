/**
 * Index rows of large personas read off the event loop: the SQL pass over a persona's search
 * columns (and the BM25 postings built from it) runs on the storage's worker connection, and the
 * rows are offered to the {@linkcode IndexCache} for its next load.
 *
 * @module
 */
import type { SqliteDatabase } from "../storage/sqlite.ts";
import { type IndexCache, indexKey } from "./index_cache.ts";
import { type EarlyLoadRow, indexReadStatements, type LoadRow } from "./index_rows.ts";
import { POSTINGS_ASIDE, POSTINGS_ASIDE_READS, type PostingsBuild } from "./postings_build.ts";

/**
 * Personas with at least this many memories have their index rows read off the event loop, on
 * the storage's worker connection (`SqliteDatabase.readAside`), when it has one: at 100,000
 * memories the read alone holds the thread for 0.2-0.5 s, which the warm-up overlaps with the
 * word vectors' load. Smaller reads stay here (a worker round trip costs more than it saves).
 */
export const ASIDE_READ_MIN = 20_000;

/** What the reads need of the backend, inside its exclusive turn. */
export interface IndexReadHost {
  storage: SqliteDatabase;
  cache: IndexCache;
  /** Forgets what other connections' commits made stale. */
  refresh(): void;
  /** Whether a persona's indexes for an embedder are both in memory. */
  loaded(personaId: string, embedder: string): boolean;
  /** How many memories a persona has (the kept count). */
  count(personaId: string): number;
}

/** Index reads under way off the event loop, by persona and embedder. */
export class IndexReads {
  readonly #host: IndexReadHost;
  /** From how many memories a persona's index rows are read off the event loop. */
  readonly #minimum: number;
  readonly #reads = new Map<string, Promise<void>>();
  /** Index reads started off the event loop. */
  #started = 0;

  /** Reads for `host`, of personas of at least `minimum` memories. */
  constructor(host: IndexReadHost, minimum: number) {
    this.#host = host;
    this.#minimum = minimum;
  }

  /** Index reads started off the event loop (for tests). */
  get started(): number {
    return this.#started;
  }

  /** The read under way of a persona's indexes for `embedder`, if any. */
  pending(personaId: string, embedder: string): Promise<void> | undefined {
    return this.#reads.get(indexKey(personaId, embedder));
  }

  /**
   * Reads a large persona's index rows off the event loop and offers them to the cache; resolves
   * when they are there, or at once when the read is not worth it or not possible. Reads of the
   * same indexes share one.
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
    const host = this.#host;
    const size = await host.storage.exclusive(() => {
      host.refresh();
      // Loaded, or read aside already (the warm-up reads ahead, then preloads).
      if (host.loaded(personaId, embedder) || host.cache.hasOffer(personaId, embedder)) return 0;
      // The other connection reads search columns as they are: none may be missing.
      host.cache.complete(personaId);
      return host.count(personaId);
    });
    if (size < this.#minimum) return;
    // The postings are built there too (`postings_build.ts`): the event loop takes them over.
    // The rows come before their postings: the event loop decodes them (vectors, fields)
    // while the worker builds the postings, instead of after (`IndexCache.early`).
    const reading = host.storage.readAsideDerived(
      indexReadStatements(personaId, embedder),
      POSTINGS_ASIDE,
      {
        early: ([version, row]) =>
          row && host.cache.early(personaId, embedder, {
            version: Number(version?.version ?? 0),
            row: row as unknown as EarlyLoadRow,
          }),
        derivedFrom: POSTINGS_ASIDE_READS,
      },
    );
    if (!reading) return;
    this.#started++;
    try {
      const { rows: [version, row], derived } = await reading;
      host.cache.offer(personaId, embedder, {
        version: Number(version?.version ?? 0),
        row: row as unknown as LoadRow,
        postings: derived as PostingsBuild | undefined,
      });
    } catch {
      // The worker failed or closed: the load reads the rows here.
    }
  }
}
