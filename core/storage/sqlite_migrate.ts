/**
 * Named migrations applied to one SQLite connection: those not applied yet, in order, all in one
 * write transaction, each recorded in `schema_migrations` (`SqliteConnection.migrate`).
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import { type Migration, migrationSql, type SqlValue } from "./database.ts";

/** What applying migrations needs of a connection (`SqliteConnection` is one). */
export interface MigratingConnection {
  /** The underlying connection: migrations' SQL and functions go to it. */
  readonly raw: DatabaseSync;
  /** Runs `work` in one write transaction. */
  transaction<T>(work: () => T): T;
  /** All rows of a query. */
  all<T>(sql: string, ...params: SqlValue[]): T[];
  /** Runs a write; returns the number of changed rows. */
  run(sql: string, ...params: SqlValue[]): number;
}

/**
 * Applies the migrations not applied yet, in order, all in one write transaction (so two
 * processes starting on one file at once apply each migration once); returns their names.
 */
export function applyMigrations(
  connection: MigratingConnection,
  migrations: readonly Migration[],
): string[] {
  return connection.transaction(() => {
    connection.raw.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
    );
    const applied = new Set(
      connection.all<{ name: string }>("SELECT name FROM schema_migrations").map((row) => row.name),
    );
    const now: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      for (const [name, fn] of Object.entries(migration.sqliteFunctions ?? {})) {
        connection.raw.function(name, { deterministic: true }, fn);
      }
      connection.raw.exec(migrationSql(migration, "sqlite"));
      connection.run(
        "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
        migration.name,
        new Date().toISOString(),
      );
      now.push(migration.name);
    }
    return now;
  });
}
