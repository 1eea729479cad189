/**
 * The shared implementation of the storage seam (`STORAGE=postgres`): PostgreSQL through
 * `npm:postgres` (postgres.js: a connection pool, prepared statements, LISTEN/NOTIFY), for
 * several persona-mcp nodes behind a load balancer.
 *
 * Repositories' `?` placeholders are numbered for PostgreSQL (`placeholders.ts`); 64-bit
 * integers and numerics come back as numbers (epoch milliseconds and counts fit a double);
 * PostgreSQL text cannot hold NUL, so a NUL in a bound string is stored as U+FFFD. The pool and
 * the bounds on its calls: `postgres_pool.ts`.
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type postgres from "postgres";
import { StorageUnavailable } from "../errors.ts";
import { awayFromTurn } from "../turn_away.ts";
import {
  countedWrite,
  type Database,
  type Migration,
  type SqlValue,
  type StorageHealth,
} from "./database.ts";
import { DEFAULT_POOL_QUEUE } from "../settings/storage.ts";
import { isConnectionFailure } from "./errors.ts";
import { BUSY_RETRY_MS, Outage } from "./outage.ts";
import { PoolQueue } from "./pool_queue.ts";
import { FaultState } from "./faults.ts";
import { numberedPlaceholders } from "./placeholders.ts";
import { PostgresChanges } from "./postgres_changes.ts";
import { takeAdvisoryLock } from "./postgres_lock.ts";
import {
  CrowdedServer,
  DEFAULT_QUERY_TIMEOUT_MS,
  isStatementTimeout,
  poolClient,
  statementTimedOut,
} from "./postgres_pool.ts";
import { postgresProbe } from "./postgres_probe.ts";
import type { PostgresSettings } from "./postgres_settings.ts";
import { LiveSockets } from "./postgres_socket.ts";
import { bindable, lostAsPending, migratePostgres, redactedUrl } from "./postgres_values.ts";

export { bigintText, bindable, LOCK_SQL, migratePostgres, redactedUrl } from "./postgres_values.ts";
export { DEFAULT_QUERY_TIMEOUT_MS } from "./postgres_pool.ts";
export type { PostgresSettings } from "./postgres_settings.ts";

type Sql = postgres.Sql;
type TransactionSql = postgres.TransactionSql;

interface Scope {
  db: PostgresDatabase;
  tx: TransactionSql;
}

const scopes = new AsyncLocalStorage<Scope>();

/** PostgreSQL behind the storage seam. */
export class PostgresDatabase implements Database {
  readonly dialect = "postgres" as const;
  readonly location: string;
  readonly #settings: PostgresSettings;
  readonly #sql: Sql;
  readonly #changes = new PostgresChanges(this);
  readonly #counter = { bump: () => void this.#writes++ };
  readonly #outage: Outage;
  readonly #probe: () => Promise<void>;
  readonly #queue: PoolQueue;
  readonly #live = new LiveSockets();
  readonly #crowded: CrowdedServer;
  readonly #queryTimeoutMs: number;
  #listening = false;
  #migrating = 0;
  #open = true;
  #writes = 0;
  /** Whether writes fail for a full disk (SQLSTATE 53100), as the latest ones saw it. */
  readonly #faults: FaultState;

  /** A pool for `settings` (connections open on first use). */
  constructor(settings: PostgresSettings) {
    this.#settings = settings;
    this.location = redactedUrl(settings.url);
    this.#faults = new FaultState(this.location, settings.log);
    this.#queryTimeoutMs = settings.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
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
    this.#crowded = new CrowdedServer({
      queue: this.#queue,
      // The LISTEN connection is not the pool's.
      held: () => Math.max(this.#live.count - (this.#listening ? 1 : 0), 0),
      log: settings.log,
    });
    this.#sql = poolClient({
      ...settings,
      queryTimeoutMs: this.#queryTimeoutMs,
      live: this.#live,
      paused: () => this.#migrating > 0,
    });
  }

  /**
   * True when PostgreSQL answers the outage circuit's probe (`SELECT 1` on a connection of its
   * own, within the connect timeout), however busy the pool is; an answer that is an error
   * (too many connections) shows it up too.
   */
  ping(): Promise<boolean> {
    return this.#probe().then(() => true, (error) => !isConnectionFailure(error));
  }

  /**
   * Whether the database answers, and how busy the pool is: through the pool while it has a
   * free connection, else on a connection of its own ({@linkcode ping}), so that a pool
   * saturated by slow work is not taken for a database that is down.
   */
  async health(): Promise<StorageHealth> {
    const pool = {
      size: this.#settings.poolSize,
      busy: this.#queue.busy,
      waiting: this.#queue.waiting,
    };
    const full = this.#queue.full;
    const up = pool.busy < this.#queue.target
      ? await this.get("SELECT 1 AS ok").then(() => true, () => false)
      : await this.ping();
    const degraded = this.#faults.current ?? (full ? "pool_saturated" : undefined);
    return degraded ? { up, pool, degraded } : { up, pool };
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /**
   * Runs a call needing a pooled connection through the queue, "too many connections" retries
   * and the outage circuit (a connection failure is {@linkcode StorageUnavailable}, refused at
   * once for a while); a statement past its deadline is `Busy`.
   */
  async #pooled<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.#crowded.run(
        () => this.#queue.run(() => this.#outage.run(CrowdedServer.refusedAsValue(work))),
        () => new StorageUnavailable(BUSY_RETRY_MS),
      );
    } catch (error) {
      if (isStatementTimeout(error)) throw statementTimedOut(this.#queryTimeoutMs);
      throw this.#faults.failed(error);
    }
  }

  /**
   * A call outside any transaction through {@linkcode #pooled}, the caller's turn on its
   * connection given back while it waits on the database (`core/turn_away.ts`); inside one, as
   * it is (a transaction's calls keep the turn its body runs on).
   */
  #guarded<T>(work: () => Promise<T>): Promise<T> {
    return this.inTransaction ? work() : awayFromTurn(() => this.#pooled(work));
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
    const changed = await countedWrite(
      this.#counter,
      async () => (await this.#query(sql, params)).count,
    );
    this.#faults.recovered();
    return changed;
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
    // The wait for a pooled connection (and BEGIN) uses no CPU here: the caller's turn goes back
    // meanwhile (core/turn_away.ts). Once it has the connection, the body goes on at once, past
    // the connection's turn limit (bounded by the pool's size), and keeps it: waiting for a turn
    // there would hold the pooled connection idle while every other connection's work waited.
    let connected!: () => void;
    let holdsConnection = false;
    const begun = new Promise<void>((resolve) => connected = resolve);
    const backOnTurn = awayFromTurn(() => begun, { goOnAtOnce: () => holdsConnection });
    try {
      const result = await countedWrite(
        this.#counter,
        () =>
          this.#pooled(async () =>
            await this.#sql.begin(async (tx) => {
              holdsConnection = true;
              connected();
              await backOnTurn;
              return await scopes.run({ db: this, tx }, () => lostAsPending(work));
            })
          ) as Promise<T>,
      );
      this.#faults.recovered();
      return result;
    } finally {
      // Refused or failed before the body began (a full queue, an outage): back on turn too.
      connected();
      await backOnTurn;
    }
  }

  async lock(key: string): Promise<void> {
    const scope = scopes.getStore();
    if (scope?.db !== this) throw new Error("lock() needs a transaction");
    await takeAdvisoryLock(scope.tx, key);
  }

  /**
   * Runs the migrations without the statement deadline (`SET LOCAL statement_timeout = 0`, and
   * no connection dropped for its silence meanwhile): a migration may rewrite a large table,
   * and a node starting beside one that migrates waits for its lock.
   */
  async migrate(migrations: readonly Migration[]): Promise<string[]> {
    this.#migrating++;
    try {
      return await migratePostgres(this, migrations, { setup: "SET LOCAL statement_timeout = 0" });
    } finally {
      this.#migrating--;
    }
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
    this.#listening = true;
    await this.#sql.listen(channel, onNotify, onListen);
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    await this.#sql.end({ timeout: 5 });
  }
}
