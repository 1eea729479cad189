/**
 * Rows read as arrays (`Database.allArrays` on SQLite): a statement prepared apart from the
 * connection's cache, since returning arrays is a setting of the statement itself.
 *
 * @module
 */
import type { SqlValue } from "./database.ts";
import type { SqliteConnection } from "./sqlite_connection.ts";
import { readSafely, tooLarge } from "./sqlite_safe_integers.ts";

/**
 * Every row `sql` reads on `connection`, each an array of its columns' values in order. An
 * integer beyond 2^53 - 1 is read again as a bigint (held to ±(2^53 - 1)), as `all` does.
 */
export function allRowsAsArrays(
  connection: SqliteConnection,
  query: { sql: string; params: readonly SqlValue[] },
): unknown[][] {
  const { sql, params } = query;
  const statement = connection.raw.prepare(sql);
  // In node:sqlite, not yet in its types.
  (statement as unknown as { setReturnArrays(on: boolean): void }).setReturnArrays(true);
  try {
    return statement.all(...params) as unknown as unknown[][];
  } catch (error) {
    // An integer beyond 2^53 - 1 read again as a bigint (held to ±(2^53 - 1)), as `all` does.
    if (!tooLarge(error)) throw error;
    return readSafely(statement, (safe) => safe.all(...params)) as unknown[][];
  }
}
