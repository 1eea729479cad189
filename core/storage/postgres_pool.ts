/**
 * The node's postgres.js pool as `postgres.ts` opens it, and what bounds its calls:
 *
 * - **A deadline on every statement**, `DATABASE_QUERY_TIMEOUT_MS` (30 s): the server's
 *   `statement_timeout` ends a slow statement (a lock wait, a slow plan) with SQLSTATE 57014,
 *   answered -32003 busy (`statementTimedOut`); a connection that sends nothing at all for
 *   that long and a grace while a reply is due is destroyed by its socket
 *   (`postgres_watchdog.ts`), -32009, and replaced.
 * - **No array-type fetch** after the handshake (`fetch_types: false`): nothing here reads or
 *   binds arrays, and a connection closed during that fetch made postgres.js reconnect without
 *   end (its `initial` query was still set), the call never answered.
 * - **Too many connections** (53300) while the node holds some: {@linkcode CrowdedServer}
 *   lowers the pool's target to the connections it holds for a while and runs the call again
 *   on one of them, instead of failing about half of all calls.
 *
 * @module
 */
import postgres from "postgres";
import { Busy } from "../errors.ts";
import type { Logger } from "../log.ts";
import { isTooManyConnections } from "./errors.ts";
import type { PoolQueue } from "./pool_queue.ts";
import { guardedSocketFactory, type LiveSockets } from "./postgres_socket.ts";
import { bigintText } from "./postgres_values.ts";

/** The default of `DATABASE_QUERY_TIMEOUT_MS`. */
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

/** How long a statement that ran out of time should wait before it is tried again. */
export const STATEMENT_TIMEOUT_RETRY_MS = 500;

/**
 * How long a connection may stay silent while a reply is due: the statement deadline, plus a
 * grace for the server's own cancel to arrive (as long again, at most 5 s). 0: never.
 */
export function replySilenceMs(queryTimeoutMs: number): number {
  return queryTimeoutMs > 0 ? queryTimeoutMs + Math.min(queryTimeoutMs, 5_000) : 0;
}

/** What the pool is opened with. */
export interface PoolOptions {
  url: string;
  poolSize: number;
  idleTimeoutS: number;
  connectTimeoutS: number;
  schema?: string;
  /** The statement deadline (ms; 0: none). */
  queryTimeoutMs: number;
  /** Counts the connections past their handshake. */
  live?: LiveSockets;
  /** True while migrations run: no connection is dropped for its silence then. */
  paused?: () => boolean;
}

/** The postgres.js pool for `options`. */
export function poolClient(options: PoolOptions): postgres.Sql {
  const timeout = options.queryTimeoutMs;
  return postgres(options.url, {
    max: options.poolSize,
    idle_timeout: options.idleTimeoutS,
    connect_timeout: options.connectTimeoutS,
    prepare: true,
    fetch_types: false,
    // A handshake a proxy closes unanswered fails instead of being retried without limit; a
    // connection silent past its reply's deadline is destroyed (`socket` is an option
    // postgres.js's types leave out).
    ...{
      socket: guardedSocketFactory({
        silenceMs: replySilenceMs(timeout),
        live: options.live,
        paused: options.paused,
      }),
    } as object,
    // "already exists, skipping" and the like are not worth a log line.
    onnotice: () => {},
    connection: {
      application_name: "persona-mcp",
      ...(options.schema ? { search_path: options.schema } : {}),
      ...(timeout > 0 ? { statement_timeout: timeout } : {}),
    },
    types: {
      // int8 (counts, epoch ms) and numeric (sums of int8) as numbers, not strings.
      bigint: { to: 20, from: [20], serialize: bigintText, parse: Number },
      numeric: { to: 1700, from: [1700], serialize: String, parse: Number },
    },
  });
}

/** True when the server ended a statement for running past `statement_timeout` (57014). */
export function isStatementTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "57014";
}

/** The answer to a statement that ran out of time: -32003 busy, retry shortly. */
export function statementTimedOut(timeoutMs: number): Busy {
  return new Busy(
    `Busy: the database did not finish in time (${timeoutMs} ms); retry shortly`,
    {
      reason: "database_timeout",
      timeout_ms: timeoutMs,
      retry_after_ms: STATEMENT_TIMEOUT_RETRY_MS,
    },
  );
}

/** A call the server refused a new connection for (53300), carried out as a value. */
class Refused {
  constructor(readonly error: unknown) {}
}

/** How many times one call is run again after "too many connections". */
const CROWDED_RETRIES = 5;

/**
 * "Too many connections" (53300) with connections held: the pool's target drops to what the
 * node holds (`PoolQueue.lower`, for `LOWERED_POOL_MS`) and the call waits there for one of
 * them. Only a node that holds none fails the call (`onNone`, the caller's refusal).
 */
export class CrowdedServer {
  readonly #queue: PoolQueue;
  readonly #held: () => number;
  readonly #log?: Logger;

  constructor(options: { queue: PoolQueue; held: () => number; log?: Logger }) {
    this.#queue = options.queue;
    this.#held = options.held;
    this.#log = options.log;
  }

  /** `work` with a 53300 answered as a value (the server is up: not an outage). */
  static refusedAsValue<T>(work: () => Promise<T>): () => Promise<T | Refused> {
    return () =>
      work().catch((error) => {
        if (isTooManyConnections(error)) return new Refused(error);
        throw error;
      });
  }

  /**
   * Runs `attempt` (the call through the queue and the circuit, `refusedAsValue` inside) again
   * while the server refuses connections and the node holds some; `onNone` when it holds none.
   */
  async run<T>(attempt: () => Promise<T | Refused>, onNone: () => Error): Promise<T> {
    for (let tries = 0;; tries++) {
      const outcome = await attempt();
      if (!(outcome instanceof Refused)) return outcome;
      const held = this.#held();
      if (held === 0 || tries >= CROWDED_RETRIES) throw onNone();
      if (this.#queue.lower(held)) {
        this.#log?.warn(
          "PostgreSQL refused a connection (too many connections): this node's pool is lowered " +
            "to the connections it holds for a while; raise max_connections or lower " +
            "DATABASE_POOL_SIZE",
          { connections: held, code: "53300" },
        );
      }
    }
  }
}
