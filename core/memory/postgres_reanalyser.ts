/**
 * When the PostgreSQL memory backend empties its queue of terms of an older analyser
 * (`postgres_reanalyse.ts`): in the background, begun by a search (this process's first, then
 * one {@linkcode REANALYSE_RECHECK_MS} after the queue was last found empty), or at once by
 * {@linkcode BackgroundReanalysis.run}; one pass at a time, stopped by `close`. Each pass then
 * fills the kind keys of rows written without them (`postgres_kind_keys.ts`' `fillKindKeys`:
 * rows from before the column, or from an older node), in batches another node may share.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
import { REANALYSE_RECHECK_MS, reanalyseTerms } from "./postgres_reanalyse.ts";
import { fillKindKeys } from "./postgres_kind_keys.ts";
import { outsideTurn } from "../turn_away.ts";

/** The background re-analysis of one backend's database. */
export class BackgroundReanalysis {
  readonly #db: Database;
  /** The queue of terms of an older analyser being emptied in the background, if it is now. */
  #running?: Promise<number>;
  /** When the queue was last found empty (`performance.now()`), if it was. */
  #doneAt?: number;
  readonly #closing = new AbortController();

  /** The re-analysis of `db` (memory migrations applied); nothing runs until asked. */
  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * Begins, in the background, to analyse again the memories an older analyser's terms were
   * stored for: at this process's first search, and again at a search
   * {@linkcode REANALYSE_RECHECK_MS} after the queue was last found empty (a node of an older
   * version may have queued more). Searches never wait for it: until a memory is done they use
   * its old terms. Not from inside a caller's transaction (the work would join it).
   */
  begin(): void {
    if (this.#running || this.#db.inTransaction || this.#closing.signal.aborted) return;
    const at = this.#doneAt;
    if (at !== undefined && performance.now() - at < REANALYSE_RECHECK_MS) return;
    // Begun by a search, it is no part of it: its database waits must not give the search's
    // turn back while the search runs, nor keep its claim alive.
    outsideTurn(() => this.run()).catch(() => {
      // Retried at a later search; the old terms serve meanwhile.
    });
  }

  /** The re-analysis under way (begun by a search or {@linkcode run}), if any. */
  get running(): Promise<number> | undefined {
    return this.#running;
  }

  /**
   * Empties the queue of memories to analyse again (joining the pass under way, if any), then
   * fills the kind keys of rows without them; how many memories this pass re-analysed.
   * `onProgress` hears the queued memories done so far.
   */
  run(onProgress?: (done: number) => void): Promise<number> {
    if (this.#running && !onProgress) return this.#running;
    const pass = (this.#running ?? Promise.resolve(0)).catch(() => 0).then(() =>
      reanalyseTerms(this.#db, { onProgress, signal: this.#closing.signal })
    ).then(async (written) => {
      await fillKindKeys(this.#db, { signal: this.#closing.signal });
      if (!this.#closing.signal.aborted) this.#doneAt = performance.now();
      return written;
    }).finally(() => {
      if (this.#running === pass) this.#running = undefined;
    });
    this.#running = pass;
    return pass;
  }

  /** Stops after the batch under way (its transaction commits or rolls back); none begins. */
  async close(): Promise<void> {
    this.#closing.abort();
    await this.#running?.catch(() => {});
  }
}
