/**
 * Constraint failures in either dialect's words (SQLite's messages, PostgreSQL's SQLSTATE), so
 * that a repository can turn a race another node won into a domain error.
 *
 * @module
 */

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** True when `error` is a UNIQUE (or primary key) violation. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === "23505" || /UNIQUE constraint failed|PRIMARY KEY/.test(String(error));
}

/** True when `error` is a FOREIGN KEY violation (the referenced row is gone). */
export function isForeignKeyViolation(error: unknown): boolean {
  return sqlState(error) === "23503" || String(error).includes("FOREIGN KEY constraint failed");
}

/**
 * True when PostgreSQL ended the transaction to resolve a conflict with another (a deadlock,
 * 40P01, or a serialization failure, 40001): the same work may succeed when run again.
 */
export function isTransactionConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state === "40P01" || state === "40001";
}

/** postgres.js's own codes for a connection that failed or broke (not one this node ended). */
const CONNECTION_CODES = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  // Ours: a connection silent past its reply's deadline, dropped (`postgres_watchdog.ts`).
  "REPLY_TIMEOUT",
  // The operating system's: nothing listens, no such host, the network or the peer went away.
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  // SQLSTATE: the server is shutting down (admin, crash) or starting up. Not 53300 (too many
  // connections): the server is up, only that call is refused (`isTooManyConnections`).
  "57P01",
  "57P02",
  "57P03",
]);

/**
 * True when `error` says the database cannot be reached (refused, timed out, closed under the
 * query, shutting down, starting up: SQLSTATE class 08 and 57P01-57P03), not that a statement
 * failed: the same call may succeed once the database is back.
 */
export function isConnectionFailure(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && (CONNECTION_CODES.has(state) || /^08[0-9A-Z]{3}$/.test(state));
}

/**
 * True when PostgreSQL refused the connection because it has too many (SQLSTATE 53300): the
 * server is up, so only this call fails (retryable), the node does not treat it as an outage.
 */
export function isTooManyConnections(error: unknown): boolean {
  return sqlState(error) === "53300";
}
