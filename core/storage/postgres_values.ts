/**
 * PostgreSQL's side of the storage seam that needs no connection: bound values as PostgreSQL
 * reads them, the advisory lock statement, the migration step, a URL for logs, and how a
 * transaction whose connection was lost is left (`postgres.ts` uses them; so does the PGlite
 * test double).
 *
 * @module
 */
import { type Database, type Migration, migrationSql, type SqlValue } from "./database.ts";
import { isConnectionFailure } from "./errors.ts";

/** The advisory lock every node's migration step takes, so that one node migrates at a time. */
const MIGRATION_LOCK = "persona-mcp:migrations";

/**
 * Applies the migrations `db` (a PostgreSQL dialect database) has not applied yet, in one
 * transaction holding the migration lock: nodes starting at once take turns, and the second
 * finds everything applied.
 */
export function migratePostgres(
  db: Database,
  migrations: readonly Migration[],
  options: { setup?: string } = {},
): Promise<string[]> {
  return db.transaction(async () => {
    // `setup`: a statement run first in the transaction (PostgresDatabase lifts its deadline).
    if (options.setup) await db.exec(options.setup);
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

/**
 * {@linkcode LOCK_SQL} without the wait: takes the lock of `key` when it is free and answers
 * `taken` (true), else answers false and takes nothing.
 */
export const TRY_LOCK_SQL =
  "SELECT pg_try_advisory_xact_lock(hashtextextended(current_schema() || ':' || $1, 0)) AS taken";

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
export async function lostAsPending<T>(work: () => Promise<T>): Promise<T> {
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
