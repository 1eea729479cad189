/**
 * Test support: PostgreSQL compiled to WebAssembly (`npm:@electric-sql/pglite` 0.4, which
 * bundles pgvector) behind the storage seam, for the pgvector SQL: Debian 12 ships no pgvector
 * package for these machines, so the pgvector backend's contract runs here, on the same SQL the
 * server sends a real PostgreSQL. One PGlite per test file (it takes seconds to start); each test
 * gets a schema of its own.
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite/vector";
import { countedWrite, type Database, type Migration, type SqlValue } from "../database.ts";
import { numberedPlaceholders } from "../placeholders.ts";
import { bindable, LOCK_SQL, migratePostgres } from "../postgres.ts";
import { PostgresChanges } from "../postgres_changes.ts";

type Runner = PGlite | Transaction;

interface Scope {
  db: PgliteDatabase;
  tx: Transaction;
}

const scopes = new AsyncLocalStorage<Scope>();

let instance: Promise<PGlite> | null = null;

/** This process's PGlite, with pgvector (started on first use). */
export function sharedPglite(): Promise<PGlite> {
  instance ??= PGlite.create({
    extensions: { vector },
    // int8 and numeric as numbers, as the server's driver is set up.
    parsers: { 20: Number, 1700: Number },
  });
  return instance;
}

/** One schema of a PGlite behind the storage seam. */
export class PgliteDatabase implements Database {
  readonly dialect = "postgres" as const;
  readonly location: string;
  readonly #pg: PGlite;
  readonly #schema: string;
  readonly #changes = new PostgresChanges(this);
  readonly #counter = { bump: () => void this.#writes++ };
  #open = true;
  #writes = 0;

  private constructor(pg: PGlite, schema: string) {
    this.#pg = pg;
    this.#schema = schema;
    this.location = `pglite:${schema}`;
  }

  /** A fresh schema (with pgvector installed in the database) on the shared PGlite. */
  static async open(): Promise<PgliteDatabase> {
    const pg = await sharedPglite();
    const schema = `t_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
    await pg.exec(`CREATE EXTENSION IF NOT EXISTS vector; CREATE SCHEMA ${schema}`);
    return new PgliteDatabase(pg, schema);
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** Runs `work` on this schema: the caller's transaction, else one of its own. */
  async #with<T>(work: (runner: Runner) => Promise<T>): Promise<T> {
    const scope = scopes.getStore();
    if (scope?.db === this) return await work(scope.tx);
    // PGlite has one connection: the schema is set per transaction.
    return await this.#pg.transaction(async (tx) => {
      await tx.exec(`SET LOCAL search_path TO ${this.#schema}, public`);
      return await work(tx);
    });
  }

  async all<T>(sql: string, ...params: SqlValue[]): Promise<T[]> {
    return await this.#with(async (runner) =>
      (await runner.query<T>(numberedPlaceholders(sql), params.map(bindable))).rows
    );
  }

  async get<T>(sql: string, ...params: SqlValue[]): Promise<T | undefined> {
    return (await this.all<T>(sql, ...params))[0];
  }

  get writes(): number {
    return this.#writes;
  }

  async run(sql: string, ...params: SqlValue[]): Promise<number> {
    return await countedWrite(
      this.#counter,
      () =>
        this.#with(async (runner) =>
          (await runner.query(numberedPlaceholders(sql), params.map(bindable))).affectedRows ?? 0
        ),
    );
  }

  async exec(sql: string): Promise<void> {
    await countedWrite(this.#counter, async () => {
      await this.#with((runner) => runner.exec(sql));
    });
  }

  get inTransaction(): boolean {
    return scopes.getStore()?.db === this;
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return await work();
    return await countedWrite(this.#counter, () =>
      this.#pg.transaction(async (tx) => {
        await tx.exec(`SET LOCAL search_path TO ${this.#schema}, public`);
        return await scopes.run({ db: this, tx }, work);
      }));
  }

  async lock(key: string): Promise<void> {
    const scope = scopes.getStore();
    if (scope?.db !== this) throw new Error("lock() needs a transaction");
    await scope.tx.query(LOCK_SQL, [key]);
  }

  migrate(migrations: readonly Migration[]): Promise<string[]> {
    return migratePostgres(this, migrations);
  }

  changeStamp(topic: string, options: { fresh?: boolean } = {}): Promise<string> {
    return this.#changes.stamp(topic, options.fresh);
  }

  /**
   * LISTEN on the shared PGlite (every schema hears every notification; a test ignores it). Not
   * awaited: PGlite runs one statement at a time, so a LISTEN asked for inside a transaction (a
   * first change stamp read there) would wait for that transaction, which waits for the stamp.
   * A real server listens on a connection of its own.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen: () => void = () => {},
  ): Promise<void> {
    this.#pg.listen(channel, onNotify).then(onListen, () => {});
    return Promise.resolve();
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    await this.#pg.exec(`DROP SCHEMA ${this.#schema} CASCADE`);
  }
}
