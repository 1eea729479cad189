/**
 * Reads that survive an integer node:sqlite cannot give as a number. `node:sqlite` refuses to
 * read an integer beyond 2^53 - 1 (`RangeError`, `ERR_OUT_OF_RANGE`), so one such value in one
 * row made every read that met the row fail: a persona's relationship list, the statistics, an
 * export (attack10 F1). No write stores one now (counts stop at `COUNT_MAX`, `core/numbers.ts`),
 * but a row written before that bound, or by hand, must not cost more than its own value: the
 * connection runs such a read again with integers as bigints, each held to ±(2^53 - 1).
 *
 * @module
 */
import type { StatementSync } from "node:sqlite";

/** True for node:sqlite's refusal to read an integer beyond 2^53 - 1 as a number. */
export function tooLarge(error: unknown): boolean {
  return error instanceof RangeError &&
    (error as { code?: unknown }).code === "ERR_OUT_OF_RANGE";
}

/**
 * The rows `read` gives with `statement` reading integers as bigints, each bigint made the
 * nearest number in ±(2^53 - 1). Only for reads: a write must not run twice.
 */
export function readSafely(
  statement: StatementSync,
  read: (statement: StatementSync) => unknown[],
): unknown[] {
  statement.setReadBigInts(true);
  try {
    return read(statement).map((row) => row === undefined ? undefined : safeRow(row));
  } finally {
    statement.setReadBigInts(false);
  }
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

function safe(value: unknown): unknown {
  if (typeof value !== "bigint") return value;
  return Number(value > MAX ? MAX : value < -MAX ? -MAX : value);
}

/** `row` (an object, or an array with `setReturnArrays`) with each bigint made safe. */
function safeRow(row: unknown): unknown {
  if (Array.isArray(row)) return row.map(safe);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row as Record<string, unknown>)) out[key] = safe(value);
  return out;
}
