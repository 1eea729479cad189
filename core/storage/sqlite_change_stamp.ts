/**
 * SQLite's change stamp (`Database.changeStamp`): the file's `data_version`, which other
 * connections' commits change, read again once it is {@linkcode CHANGE_CHECK_MS} old; a file no
 * other connection writes has one stamp that never changes.
 *
 * @module
 */
import { CHANGE_CHECK_MS } from "./database.ts";

/** The change stamp of a database no other connection writes: it never changes. */
const SOLE_STAMP = "sole";

/** Options of {@linkcode SqliteChangeStamp}. */
export interface ChangeStampOptions {
  /** No other connection writes the file (`SqliteConnection.soleWriter`). */
  soleWriter: boolean;
  /** Reads `PRAGMA data_version` (through the database's queue of calls). */
  readVersion: () => Promise<{ data_version: number } | undefined>;
}

/** The last `data_version` read, and when. */
export class SqliteChangeStamp {
  readonly #options: ChangeStampOptions;
  #dataVersion = "";
  #checkedAt = -Infinity;

  /** A stamp read with `options.readVersion` (nothing is read until asked). */
  constructor(options: ChangeStampOptions) {
    this.#options = options;
  }

  /** The current stamp: read again when due, or at once when `fresh` asks for it. */
  async stamp(fresh?: boolean): Promise<string> {
    // Date.now, not performance.now: this runs on every cached read, and Deno's high-resolution
    // clock costs several times more; a clock set back rechecks at once.
    // No other connection commits: data_version never moves (this connection's commits are
    // the writes counter's).
    if (this.#options.soleWriter) return SOLE_STAMP;
    const now = Date.now();
    if (fresh || this.#stale(now)) {
      // Other connections' commits change data_version; this connection's own do not.
      const row = await this.#options.readVersion();
      this.#dataVersion = String(row?.data_version);
      this.#checkedAt = now;
    }
    return this.#dataVersion;
  }

  /** The stamp when it is not due for a read, else undefined. */
  known(): string | undefined {
    if (this.#options.soleWriter) return SOLE_STAMP;
    return this.#stale(Date.now()) ? undefined : this.#dataVersion;
  }

  /** True when `data_version` is due for a read (or the clock was set back since the last). */
  #stale(now: number): boolean {
    return now - this.#checkedAt >= CHANGE_CHECK_MS.sqlite || now < this.#checkedAt;
  }
}
