/**
 * SQLite's change stamp (`Database.changeStamp`): the file's `data_version`, which other
 * connections' commits change, read again once it is {@linkcode CHANGE_CHECK_MS} old; a file no
 * other connection writes has one stamp that never changes.
 *
 * Freshness is ended by a timer, not by reading the clock: `known()` runs on every kept
 * `persona.get`, and its `Date.now()` was 0.2-0.3 µs of that ~2 µs path. The timer is started
 * before `data_version` is read (as the clock was read before), unref'd (it never keeps the
 * process alive) and cleared by {@linkcode SqliteChangeStamp.close}. Timers are monotonic, so a
 * clock set back needs no check.
 *
 * The bound: a stamp is trusted for CHANGE_CHECK_MS after its read began, plus however long the
 * event loop was held past that moment (a timer fires only when the loop runs; a clock read would
 * have seen the time at once). Work done while the loop is held was received before the window
 * ended; what arrives after the hold may be answered in the same turn as the timer fires, so
 * another process's commit is seen at most CHANGE_CHECK_MS + the longest hold of the loop (+ one
 * turn) after its commit.
 *
 * @module
 */
import { CHANGE_CHECK_MS } from "./database.ts";

/** The change stamp of a database no other connection writes: it never changes. */
const SOLE_STAMP = "sole";

/** A timer's id. */
type Timer = ReturnType<typeof setTimeout>;

/** Options of {@linkcode SqliteChangeStamp}. */
export interface ChangeStampOptions {
  /** No other connection writes the file (`SqliteConnection.soleWriter`). */
  soleWriter: boolean;
  /** Reads `PRAGMA data_version` (through the database's queue of calls). */
  readVersion: () => Promise<{ data_version: number } | undefined>;
}

/** The last `data_version` read, trusted until its timer fires. */
export class SqliteChangeStamp {
  readonly #options: ChangeStampOptions;
  #dataVersion = "";
  /** The timers of reads begun and not yet expired (more than one while a read waits). */
  readonly #pending = new Set<Timer>();
  /** The timer of the window {@linkcode known} trusts: the last completed read's. */
  #trusted: Timer | undefined;
  #closed = false;

  /** A stamp read with `options.readVersion` (nothing is read until asked). */
  constructor(options: ChangeStampOptions) {
    this.#options = options;
  }

  /** The current stamp: read again when due, or at once when `fresh` asks for it. */
  async stamp(fresh?: boolean): Promise<string> {
    // No other connection commits: data_version never moves (this connection's commits are
    // the writes counter's).
    if (this.#options.soleWriter) return SOLE_STAMP;
    if (fresh || this.#trusted === undefined) {
      // The window starts before the read (a commit during it may be missed by it). A fresh
      // read inside a trusted window keeps that window's end, which is earlier: no timer per
      // fresh read (the emotions ask for one every chat).
      const timer = this.#trusted === undefined ? this.#startTimer() : undefined;
      // Other connections' commits change data_version; this connection's own do not.
      const row = await this.#options.readVersion();
      this.#dataVersion = String(row?.data_version);
      // Trusted while its window lasts: not if it already ended (a slow read), nor after close.
      if (timer !== undefined && this.#pending.has(timer)) this.#trusted = timer;
    }
    return this.#dataVersion;
  }

  /** The stamp when it is not due for a read, else undefined. */
  known(): string | undefined {
    if (this.#options.soleWriter) return SOLE_STAMP;
    return this.#trusted === undefined ? undefined : this.#dataVersion;
  }

  /** Timers not yet fired nor cleared (none after close: unref'd timers escape the op sanitizer). */
  get pendingTimers(): number {
    return this.#pending.size;
  }

  /** Trusts no stamp again and clears every timer (the database is closed). */
  close(): void {
    this.#closed = true;
    this.#trusted = undefined;
    for (const timer of this.#pending) clearTimeout(timer);
    this.#pending.clear();
  }

  /** The timer ending the window of a read beginning now (none after close). */
  #startTimer(): Timer | undefined {
    if (this.#closed) return undefined;
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      if (this.#trusted === timer) this.#trusted = undefined;
    }, CHANGE_CHECK_MS.sqlite);
    // Never keeps the process alive (close clears it; a process may end without closing).
    Deno.unrefTimer(timer);
    this.#pending.add(timer);
    return timer;
  }
}
