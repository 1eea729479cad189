/**
 * One page of a table listed oldest first (`ORDER BY created_at, id`), read in SQL: the rows
 * of the page and no others, whatever the table holds. It keeps the cursor semantics of
 * `pageOf` (core/paging.ts) that lists paged in memory had: a page starts right after the row
 * the cursor names (its id, wherever it moved), keyset `(created_at, id) > (?, ?)`. The cursors
 * given out carry that row's `created_at` too, so the page starts right after its place even
 * when the row was deleted meanwhile (nothing skipped, nothing repeated). An older cursor (its id
 * only) finds the row's `created_at` in the table, or, when the row is gone, starts at the row's
 * old place (`offsetAfterGone`: one before its position, as lists paged in memory do, so nothing
 * is skipped when nothing else before it changed). The position of the next page is the number
 * of rows up to the last one sent.
 *
 * @module
 */
import { decodeCursor, offsetAfterGone, type Page, pageInfo, type PageRequest } from "../paging.ts";
import type { Database } from "./database.ts";

/**
 * Where a page starts: after the row `after` (an id) whose `created_at` is `at` (looked up when
 * not given; when the row is gone, at its old place, `offset - 1`), else `offset` rows in.
 */
export interface CreationPageRequest {
  limit: number;
  offset: number;
  after?: string;
  at?: string;
}

/** A page of rows, where it started (rows before it) and whether more follow. */
export interface CreationPage<T> {
  rows: T[];
  start: number;
  more: boolean;
}

/** The page of `table` (`columns`, which hold `id`) that `request` asks for, oldest first. */
export async function creationPage<T extends { id: string }>(
  db: Database,
  query: { table: string; columns: string },
  request: CreationPageRequest,
): Promise<CreationPage<T>> {
  const { table, columns } = query;
  const order = "ORDER BY created_at, id";
  const anchor = request.after === undefined
    ? undefined
    : request.at !== undefined
    ? { created_at: request.at }
    : await db.get<{ created_at: string }>(
      `SELECT created_at FROM ${table} WHERE id = ?`,
      request.after,
    );
  if (anchor && request.after !== undefined) {
    const key = [anchor.created_at, request.after];
    const rows = await db.all<T>(
      `SELECT ${columns} FROM ${table} WHERE (created_at, id) > (?, ?) ${order} LIMIT ?`,
      ...key,
      request.limit + 1,
    );
    const before = await db.get<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM ${table} WHERE (created_at, id) <= (?, ?)`,
      ...key,
    );
    return pageOfRows(rows, request.limit, Number(before?.n ?? 0));
  }
  const offset = request.after === undefined ? request.offset : offsetAfterGone(request.offset);
  const rows = await db.all<T>(
    `SELECT ${columns} FROM ${table} ${order} LIMIT ? OFFSET ?`,
    request.limit + 1,
    offset,
  );
  // Past the end the page is empty, with no next page: where it started says nothing.
  return pageOfRows(rows, request.limit, offset);
}

/**
 * The page of `table` that a list's `request` (its `limit` and `cursor`) asks for, with the
 * paging fields: the next cursor names the page's last row (its id and `created_at`) and the
 * position after it.
 */
export async function pageByCreation<T extends { id: string; created_at: string }>(
  db: Database,
  query: { table: string; columns: string },
  request: PageRequest,
): Promise<Page<T>> {
  const { offset, key, at } = decodeCursor(request.cursor);
  const page = await creationPage<T>(db, query, { limit: request.limit, offset, after: key, at });
  const last = page.rows.at(-1);
  const next = { offset: page.start + page.rows.length, key: last?.id, at: last?.created_at };
  return { items: page.rows, ...pageInfo(page.more && last ? next : null) };
}

/** The number of rows of `table`. */
export async function countRows(db: Database, table: string): Promise<number> {
  const row = await db.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row?.n ?? 0);
}

function pageOfRows<T>(rows: T[], limit: number, start: number): CreationPage<T> {
  return { rows: rows.slice(0, limit), start, more: rows.length > limit };
}
