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
