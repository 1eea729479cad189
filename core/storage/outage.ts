/**
 * Fail fast while the database is out of reach: the first call that cannot connect opens the
 * circuit, and for `retryMs` every call is refused at once with {@linkcode StorageUnavailable}
 * instead of waiting the connect timeout; then one call at a time goes through to probe, and the
 * first that reaches the database closes the circuit. An outage is logged once when it starts
 * and once when it ends, not once per call.
 *
 * @module
 */
import { StorageUnavailable } from "../errors.ts";
import type { Logger } from "../log.ts";
import { isConnectionFailure } from "./errors.ts";

/** How long calls are refused at once after a failed connection, before the next probe. */
export const OUTAGE_RETRY_MS = 2_000;

/** The circuit of one database. */
export class Outage {
  readonly #retryMs: number;
  readonly #now: () => number;
  readonly #log?: Logger;
  readonly #what: string;
  /** When the outage began (ms), or undefined while the database is reachable. */
  #since: number | undefined;
  #probeAt = 0;
  #probing = false;

  constructor(
    options: { what: string; log?: Logger; retryMs?: number; now?: () => number },
  ) {
    this.#what = options.what;
    this.#log = options.log;
    this.#retryMs = options.retryMs ?? OUTAGE_RETRY_MS;
    this.#now = options.now ?? Date.now;
  }

  /** True while the circuit is open (the last call could not reach the database). */
  get down(): boolean {
    return this.#since !== undefined;
  }

  /**
   * Runs `work` (a call on the database) unless the circuit refuses it; a connection failure
   * becomes {@linkcode StorageUnavailable}, any other outcome shows the database answers.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    let probe = false;
    if (this.#since !== undefined) {
      if (this.#probing || this.#now() < this.#probeAt) throw this.#refusal();
      probe = this.#probing = true;
    }
    try {
      const result = await work();
      this.#reached();
      return result;
    } catch (error) {
      if (error instanceof StorageUnavailable) throw error;
      if (!isConnectionFailure(error)) {
        this.#reached();
        throw error;
      }
      this.#failed(error);
      throw this.#refusal();
    } finally {
      if (probe) this.#probing = false;
    }
  }

  #refusal(): StorageUnavailable {
    return new StorageUnavailable(Math.max(this.#probeAt - this.#now(), 0) || this.#retryMs);
  }

  #failed(error: unknown): void {
    const now = this.#now();
    this.#probeAt = now + this.#retryMs;
    if (this.#since !== undefined) return;
    this.#since = now;
    const { code, message } = error as { code?: unknown; message?: unknown };
    this.#log?.warn("Storage unavailable: calls are refused until the database answers", {
      database: this.#what,
      code: String(code),
      reason: String(message),
    });
  }

  #reached(): void {
    if (this.#since === undefined) return;
    const downMs = this.#now() - this.#since;
    this.#since = undefined;
    this.#log?.warn("Storage available again", { database: this.#what, down_ms: downMs });
  }
}
