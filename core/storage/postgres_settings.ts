/**
 * The settings of `PostgresDatabase` (`postgres.ts`): how to reach the server, size the pool and
 * bound its calls.
 *
 * @module
 */
import type { Logger } from "../log.ts";

/** How to reach the server and size the pool. */
export interface PostgresSettings {
  /** `postgres://user:password@host:port/database` (libpq's URL form). */
  url: string;
  /** Most connections in this node's pool (LISTEN takes one more). */
  poolSize: number;
  /** Seconds an unused pooled connection stays open. */
  idleTimeoutS: number;
  /** Seconds to wait for a connection before failing. */
  connectTimeoutS: number;
  /** The schema to use instead of the user's default `search_path` (tests: one per test). */
  schema?: string;
  /** Where an outage's start and end are logged. */
  log?: Logger;
  /** How long calls are refused at once after a failed connection (`outage.ts`, 2 s). */
  outageRetryMs?: number;
  /**
   * Most calls waiting for a connection while all are busy (`pool_queue.ts`; default
   * `DEFAULT_POOL_QUEUE` of core/settings/storage.ts): more are refused at once with `Busy`.
   */
  poolQueue?: number;
  /**
   * The deadline of each statement (ms; `DATABASE_QUERY_TIMEOUT_MS`, default
   * `DEFAULT_QUERY_TIMEOUT_MS` of `postgres_pool.ts`; 0: none): the server ends a slower one
   * (-32003 busy), and a connection silent past it and a grace while a reply is due is dropped
   * (-32009).
   */
  queryTimeoutMs?: number;
}
