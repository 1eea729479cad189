/**
 * The shared implementation of the storage seam (`STORAGE=postgres`): PostgreSQL through
 * `npm:postgres` (postgres.js: a connection pool, prepared statements, LISTEN/NOTIFY), for
 * several persona-mcp nodes behind a load balancer.
 *
 * Repositories' `?` placeholders are numbered for PostgreSQL (`placeholders.ts`); 64-bit
 * integers and numerics come back as numbers (epoch milliseconds and counts fit a double);
 * PostgreSQL text cannot hold NUL, so a NUL in a bound string is stored as U+FFFD.
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import postgres from "postgres";
import {
  countedWrite,
  type Database,
  type Migration,
  migrationSql,
  type SqlValue,
} from "./database.ts";
import type { Logger } from "../log.ts";
import { isConnectionFailure } from "./errors.ts";
import { Outage } from "./outage.ts";
import { PoolQueue } from "./pool_queue.ts";
import { numberedPlaceholders } from "./placeholders.ts";
import { PostgresChanges } from "./postgres_changes.ts";
import { postgresProbe } from "./postgres_probe.ts";
import { guardedSocketFactory } from "./postgres_socket.ts";

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
   * {@linkcode DEFAULT_POOL_QUEUE}): more are refused at once with `Busy`.
   */
  poolQueue?: number;
}

/** The default of `DATABASE_POOL_QUEUE` (as `core/settings/storage.ts` declares it). */
export const DEFAULT_POOL_QUEUE = 1_000;

type Sql = postgres.Sql;
type TransactionSql = postgres.TransactionSql;

interface Scope {
  db: PostgresDatabase;
  tx: TransactionSql;
}

const scopes = new AsyncLocalStorage<Scope>();

/** The advisory lock every node's migration step takes, so that one node migrates at a time. */
const MIGRATION_LOCK = "persona-mcp:migrations";

/**
 * Applies the migrations `db` (a PostgreSQL dialect database) has not applied yet, in one
 * transaction holding the migration lock: nodes starting at once take turns, and the second
 * finds everything applied.
 */
export function migratePostgres(db: Database, migrations: readonly Migration[]): Promise<string[]> {
  return db.transaction(async () => {
    await db.lock(MIGRATION_LOCK);
    await db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
    );
    const rows = await db.all<{ name: string }>("SELECT name FROM schema_migrations");
    const applied = new Set(rows.map((row) => row.name));
    const now: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      const sql = migrationSql(migration, "postgres");
      if (sql.trim() !== "") await db.exec(sql);
      await db.run(
        "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
        migration.name,
        new Date().toISOString(),
      );
      now.push(migration.name);
    }
    return now;
  });
}

/** A bound value as PostgreSQL text accepts it (NUL becomes U+FFFD). */
export function bindable(value: SqlValue): SqlValue {
  return typeof value === "string" && value.includes("\u0000")
    ? value.replaceAll("\u0000", "\uFFFD")
    : value;
}

/**
 * A value bound to an int8 parameter (every INTEGER column is BIGINT here) as PostgreSQL reads
 * it: a fraction is rounded to the nearest whole number, as SQLite's INTEGER columns would keep
 * it as a REAL. PostgreSQL refuses "1.5" for a BIGINT, so one fractional epoch-ms or count from
 * anywhere (a cooldown, a lease of 0.0505 s) would fail the whole write; the values' sources
 * round too, this is the guard behind them. Non-finite numbers stay refused.
 */
export function bigintText(value: number | bigint): string {
  return typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value)
    ? String(Math.round(value))
    : String(value);
}

/** The advisory lock statement of `key` (keys are per schema). */
export const LOCK_SQL =
  "SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || $1, 0))";

/** `url` without its password, for logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

/**
 * Runs a transaction's `work`; when it fails because the transaction's connection was lost,
 * never settles instead. postgres.js answers a failed body by writing `ROLLBACK` on the
 * connection, which it has already closed: the write, deferred to `setImmediate`, threw
 * `Cannot read properties of null (reading 'write')` outside any promise, which ended the
 * process (a PostgreSQL restart, a failover or a proxy dropping connections under a node with
 * a transaction running). `begin` is failed by the connection's close all the same
 * (`CONNECTION_CLOSED`), so the caller gets its answer; this body is left to be collected.
 */
async function lostAsPending<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // postgres.js's errors name the query they failed (other databases' errors do not).
    if (isConnectionFailure(error) && error instanceof Error && "query" in error) {
      return await new Promise<never>(() => {});
    }
    throw error;
  }
}

/** PostgreSQL behind the storage seam. */
export class PostgresDatabase implements Database {
  readonly dialect = "postgres" as const;
  readonly location: string;
  readonly #sql: Sql;
  readonly #changes = new PostgresChanges(this);
  readonly #counter = { bump: () => void this.#writes++ };
  readonly #outage: Outage;
  readonly #probe: () => Promise<void>;
  readonly #queue: PoolQueue;
  #open = true;
  #writes = 0;

  /** A pool for `settings` (connections open on first use). */
  constructor(settings: PostgresSettings) {
    this.location = redactedUrl(settings.url);
    this.#probe = postgresProbe({
      url: settings.url,
      timeoutMs: settings.connectTimeoutS * 1000,
    });
    this.#outage = new Outage({
      what: this.location,
      // A cheap query, not a caller's work, decides when the circuit closes, on a connection of
      // its own (never behind a saturated pool); bounded by the connect timeout (a host that
      // accepts and never answers does not keep it probing).
      probe: () => this.#probe(),
      probeTimeoutMs: settings.connectTimeoutS * 1000,
      log: settings.log,
      retryMs: settings.outageRetryMs,
    });
    this.#queue = new PoolQueue(settings.poolSize, settings.poolQueue ?? DEFAULT_POOL_QUEUE);
    this.#sql = postgres(settings.url, {
      max: settings.poolSize,
      idle_timeout: settings.idleTimeoutS,
      connect_timeout: settings.connectTimeoutS,
      prepare: true,
      // A handshake a proxy closes unanswered fails instead of being retried without limit
      // (`socket` is an option postgres.js's types leave out).
      ...{ socket: guardedSocketFactory() } as object,
      // "already exists, skipping" and the like are not worth a log line.
      onnotice: () => {},
      connection: {
        application_name: "persona-mcp",
        ...(settings.schema ? { search_path: settings.schema } : {}),
      },
      types: {
        // int8 (counts, epoch ms) and numeric (sums of int8) as numbers, not strings.
        bigint: { to: 20, from: [20], serialize: bigintText, parse: Number },
        numeric: { to: 1700, from: [1700], serialize: String, parse: Number },
      },
    });
  }

  /**
   * True when PostgreSQL answers the outage circuit's probe (`SELECT 1` on a connection of its
   * own, within the connect timeout), however busy the pool is.
   */
  ping(): Promise<boolean> {
    return this.#probe().then(() => true, () => false);
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /**
   * Runs a call outside any transaction through the outage circuit (a connection failure is
   * {@linkcode StorageUnavailable}, refused at once for a while); inside one, as it is: the
   * outermost transaction maps its failure.
   */
  #guarded<T>(work: () => Promise<T>): Promise<T> {
    return this.inTransaction ? work() : this.#queue.run(() => this.#outage.run(work));
  }

  /** The connection the caller's transaction holds, else the pool. */
  #runner(): Sql | TransactionSql {
    const scope = scopes.getStore();
    return scope?.db === this ? scope.tx : this.#sql;
  }

  async #query<T>(sql: string, params: SqlValue[]): Promise<postgres.RowList<T[]>> {
    const text = numberedPlaceholders(sql);
    return await this.#guarded(() =>
      this.#runner().unsafe<T[]>(
        text,
        params.map(bindable) as postgres.ParameterOrJSON<never>[],
        { prepare: true },
      )
    );
  }

  async all<T>(sql: string, ...params: SqlValue[]): Promise<T[]> {
    return [...await this.#query<T>(sql, params)];
  }

  async get<T>(sql: string, ...params: SqlValue[]): Promise<T | undefined> {
    return (await this.#query<T>(sql, params))[0];
  }

  get writes(): number {
    return this.#writes;
  }

  async run(sql: string, ...params: SqlValue[]): Promise<number> {
    return await countedWrite(this.#counter, async () => (await this.#query(sql, params)).count);
  }

  async exec(sql: string): Promise<void> {
    await countedWrite(this.#counter, async () => {
      await this.#guarded(async () => await this.#runner().unsafe(sql).simple());
    });
  }

  get inTransaction(): boolean {
    return scopes.getStore()?.db === this;
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return await work();
    return await countedWrite(
      this.#counter,
      () =>
        this.#queue.run(() =>
          this.#outage.run(async () =>
            await this.#sql.begin((tx) => scopes.run({ db: this, tx }, () => lostAsPending(work)))
          )
        ) as Promise<T>,
    );
  }

  async lock(key: string): Promise<void> {
    const scope = scopes.getStore();
    if (scope?.db !== this) throw new Error("lock() needs a transaction");
    // Keys are per schema: two deployments (or tests) in one database do not wait on each other.
    await scope.tx.unsafe(LOCK_SQL, [key]);
  }

  migrate(migrations: readonly Migration[]): Promise<string[]> {
    return migratePostgres(this, migrations);
  }

  changeStamp(topic: string, options: { fresh?: boolean } = {}): Promise<string> {
    return this.#changes.stamp(topic, options.fresh);
  }

  /**
   * Calls `onNotify` with each payload sent on `channel` (`pg_notify`), from any node, over a
   * connection of its own. `onListen` runs each time listening starts, the first time and after
   * every reconnection: notifications sent while it was down are lost, so caches start over.
   */
  async listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen: () => void = () => {},
  ): Promise<void> {
    await this.#sql.listen(channel, onNotify, onListen);
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    await this.#sql.end({ timeout: 5 });
  }
}
