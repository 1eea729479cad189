/**
 * The keys `memory.list` pages by: a page ends at its last memory's sort key (creation time,
 * then storing order, newest first) and the next page starts right after that key, so memories
 * stored or deleted between two pages neither repeat nor hide the ones not yet seen. The SQL
 * backends key by `(created_at, seq)`; a backend without a storing order (Chroma) by
 * `(created_at, id)`. Keys are opaque to clients (inside the cursor); a key that does not parse
 * is a bad cursor (-32602).
 *
 * @module
 */
import { badCursor, countWithin } from "../paging.ts";

/** A sort key: the creation time and the storing order (or id, for a backend without one). */
export interface PageKey {
  createdAt: string;
  tie: string;
}

/** `key` as the string a cursor carries. */
export function encodePageKey(key: PageKey): string {
  return `${key.createdAt}|${key.tie}`;
}

/** A cursor's key; throws -32602 (a bad cursor) when it is not one of {@linkcode encodePageKey}. */
export function decodePageKey(text: string): PageKey {
  const at = text.lastIndexOf("|");
  if (at <= 0 || at === text.length - 1) throw badCursor();
  return { createdAt: text.slice(0, at), tie: text.slice(at + 1) };
}

/** A cursor's key with its storing order (the SQL backends' `seq`); throws -32602 otherwise. */
export function decodeSeqKey(text: string): { createdAt: string; seq: number } {
  const key = decodePageKey(text);
  const seq = Number(key.tie);
  if (!/^\d{1,16}$/.test(key.tie) || !Number.isSafeInteger(seq)) throw badCursor();
  return { createdAt: key.createdAt, seq };
}

/**
 * The SQL of one page's rows (`select` from `from`, newest first, `limit + 1` read so `more` is
 * exact) and its arguments: after `query.after`'s key when given, else from `query.offset`.
 */
export function pageSql(
  select: string,
  from: string,
  personaId: string,
  query: { limit: number; offset: number; after?: string; memoryType?: string },
  typeNull: string,
): { sql: string; args: (string | number | null)[] } {
  const type = query.memoryType ?? null;
  const where = `persona_id = ? AND (${typeNull} IS NULL OR memory_type = ?)`;
  const order = "ORDER BY created_at DESC, seq DESC";
  if (query.after === undefined) {
    return {
      sql: `SELECT ${select}, seq FROM ${from} WHERE ${where} ${order} LIMIT ? OFFSET ?`,
      args: [personaId, type, type, query.limit + 1, query.offset],
    };
  }
  const key = decodeSeqKey(query.after);
  return {
    sql: `SELECT ${select}, seq FROM ${from} WHERE ${where} AND (created_at, seq) < (?, ?)
          ${order} LIMIT ?`,
    args: [personaId, type, type, key.createdAt, key.seq, query.limit + 1],
  };
}

/**
 * The page of `rows` (read `limit + 1`): the first `limit`, whether more follow, the last key.
 * With `budgetBytes`, the page stops before the record that would take the JSON of its records
 * past it (one at least; core/paging.ts), and `next` is the key of the last record kept.
 */
export function pageRows<T extends { created_at: string; seq: number | string }, R>(
  rows: readonly T[],
  limit: number,
  toRecord: (row: T) => R,
  budgetBytes?: number,
): { records: R[]; more: boolean; next?: string } {
  const records = rows.slice(0, limit).map(toRecord);
  const count = budgetBytes === undefined
    ? records.length
    : countWithin(records, records.length, budgetBytes);
  const last = rows[count - 1];
  return {
    records: records.slice(0, count),
    more: rows.length > count,
    next: last && encodePageKey({ createdAt: last.created_at, tie: String(last.seq) }),
  };
}
