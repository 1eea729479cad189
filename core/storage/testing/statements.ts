/**
 * Test support: the statements a database runs, counted and kept, to pin how much work a read
 * does (a number of queries, not a time).
 *
 * @module
 */
import type { Database } from "../database.ts";

/** The statements `db` ran since {@linkcode watchStatements} or the last `reset()`. */
export interface StatementLog {
  /** Their SQL, in order. */
  readonly sql: string[];
  /** Forgets those seen so far. */
  reset(): void;
}

/** Starts keeping the SQL of every `all`, `get` and `run` on `db`. */
export function watchStatements(db: Database): StatementLog {
  const log = { sql: [] as string[], reset: () => void log.sql.splice(0) };
  for (const method of ["all", "get", "run"] as const) {
    const original = db[method].bind(db) as (sql: string, ...params: unknown[]) => unknown;
    // deno-lint-ignore no-explicit-any
    (db as any)[method] = (sql: string, ...params: unknown[]) => {
      log.sql.push(sql);
      return original(sql, ...params);
    };
  }
  return log;
}
