/**
 * Fail fast while the database is out of reach: the first call that cannot connect opens the
 * circuit, and for `retryMs` every call is refused at once with {@linkcode StorageUnavailable}
 * instead of waiting the connect timeout. Then the next call makes the circuit run its `probe`
 * (a cheap query, `SELECT 1`) within `probeTimeoutMs`: when it answers, the circuit closes and
 * that call's own work runs as usual; when it fails or does not answer in time, the call is
 * refused and the window starts again. The probe is never a caller's work, so a long call (a
 * transaction, a lock wait) cannot keep the node refusing after the database is back, and a
 * probe that hangs does not keep it refusing for good.
 *
 * Calls that arrive while a probe runs are refused at once, as in the window (fail fast: the
 * probe is bounded but may take up to its time limit when the host hangs); a client retries
 * after `retry_after_ms`. An outage is logged once when it starts and once when it ends, not
 * once per call.
 *
 * PostgreSQL's "too many connections" (53300) is not an outage: the server is up, so the circuit
 * stays as it is; a call refused so is a {@linkcode StorageUnavailable} of
 * {@linkcode BUSY_RETRY_MS}. (`postgres.ts` catches it before the circuit: a node that holds
 * connections serves the call on one of them, `postgres_pool.ts`.)
 *
 * @module
 */
import { StorageUnavailable } from "../errors.ts";
import type { Logger } from "../log.ts";
import { isConnectionFailure, isTooManyConnections } from "./errors.ts";

/** How long calls are refused at once after a failed connection, before the next probe. */
export const OUTAGE_RETRY_MS = 2_000;

/** The probe's time limit unless given (`postgres.ts` passes its connect timeout). */
export const PROBE_TIMEOUT_MS = 10_000;

/** When a call was refused for want of a free server connection (53300): retry after this. */
export const BUSY_RETRY_MS = 500;

/** The circuit of one database. */
export class Outage {
  readonly #retryMs: number;
  readonly #now: () => number;
  readonly #log?: Logger;
  readonly #what: string;
  readonly #probe: () => Promise<unknown>;
  readonly #probeTimeoutMs: number;
  /** When the outage began (ms), or undefined while the database is reachable. */
  #since: number | undefined;
  #probeAt = 0;
  #probing = false;

  constructor(
    options: {
      what: string;
      /** A cheap call on the database (`SELECT 1`): its answer shows the database is back. */
      probe: () => Promise<unknown>;
      probeTimeoutMs?: number;
      log?: Logger;
      retryMs?: number;
      now?: () => number;
    },
  ) {
    this.#what = options.what;
    this.#probe = options.probe;
    this.#probeTimeoutMs = options.probeTimeoutMs ?? PROBE_TIMEOUT_MS;
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
    if (this.#since !== undefined) await this.#probeOnce();
    try {
      const result = await work();
      this.#reached();
      return result;
    } catch (error) {
      // A nested call's refusal: says nothing new about the database.
      if (error instanceof StorageUnavailable) throw error;
      if (isTooManyConnections(error)) throw new StorageUnavailable(BUSY_RETRY_MS);
      if (!isConnectionFailure(error)) {
        this.#reached();
        throw error;
      }
      this.#failed(error);
      throw this.#refusal();
    }
  }

  /** Refuses the call unless a probe may run now and the database answers it. */
  async #probeOnce(): Promise<void> {
    if (this.#probing || this.#now() < this.#probeAt) throw this.#refusal();
    this.#probing = true;
    try {
      const failure = await this.#check();
      if (failure !== undefined) {
        this.#failed(failure);
        throw this.#refusal();
      }
      this.#reached();
    } finally {
      this.#probing = false;
    }
  }

  /**
   * Runs the probe within its time limit: the failure that keeps the circuit open (a connection
   * failure, no answer in time), else undefined (any answer, an error statement's too). A probe
   * still running after its time limit is left to end on its own; its outcome is ignored.
   */
  async #check(): Promise<unknown> {
    const probe = (async () => await this.#probe())().then(
      () => undefined,
      (error) =>
        isConnectionFailure(error) || error instanceof StorageUnavailable ? error : undefined,
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<unknown>((resolve) => {
      timer = setTimeout(
        () =>
          resolve(Object.assign(
            new Error(`no answer to the probe within ${this.#probeTimeoutMs} ms`),
            { code: "PROBE_TIMEOUT" },
          )),
        this.#probeTimeoutMs,
      );
    });
    try {
      return await Promise.race([probe, limit]);
    } finally {
      clearTimeout(timer);
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
