/**
 * Paging for list methods, one piece every list uses: `limit` (with a default and a maximum)
 * and an opaque `cursor` in; the page, `has_more` and `next_cursor` out. Defaults are large
 * enough that small data sets come back whole, as they did before paging.
 *
 * A cursor carries the position after the last item sent and, when the list has stable keys,
 * that item's key: the next page starts right after it even when earlier items were added or
 * removed meanwhile. A list ordered in SQL adds the item's sort value (`at`), so the next page
 * starts right after its place even when the item itself was deleted; so does a list paged in
 * memory that gives its order (`core/paging_order.ts`), whatever else was deleted. A list paged
 * in memory also adds the key of the item that followed it (`next`), where the next page starts
 * when the item itself was deleted and no sort value says where its place is. A cursor naming a deleted item without either (given
 * out before they existed) starts the page at that item's old place, one before its position:
 * right after it when nothing else before it changed. Clients must treat cursors as opaque.
 *
 * A list whose items can be large (a persona is up to 512 KB) also pages by bytes: a page holds
 * at most `limit` items and stops early, before the item that would take the JSON of its items
 * past a budget ({@linkcode pageBudget}: MAX_REPLY_BYTES, or the call's share of it inside an
 * MCP tool result, less room for the reply's envelope and paging fields), so that a page at the defaults is never refused as too large (-32005). A page
 * always holds at least one item (a single item larger than the budget comes alone), so paging
 * always moves on; `has_more` and `next_cursor` point right after the last item sent, and
 * `total_count` is unchanged. A client cannot tell a page cut by bytes from one cut by `limit`
 * except by its length: it follows `next_cursor` while `has_more`.
 *
 * @module
 */
import { z } from "zod";
import { InvalidInput } from "./errors.ts";
import {
  comparerOf,
  indexAfter,
  type PageOrder,
  parseSortText,
  sortText,
  type SortValue,
} from "./paging_order.ts";

export type { PageOrder, SortValue } from "./paging_order.ts";

/** Bytes of a reply kept for everything but a list's items: envelope, id, paging fields. */
export const LIST_ENVELOPE_BYTES = 16 * 1024;

/** The bytes a page's items may take in a reply of at most `maxReplyBytes` (MAX_REPLY_BYTES). */
export function listBudget(maxReplyBytes: number): number {
  return Math.max(1, maxReplyBytes - LIST_ENVELOPE_BYTES);
}

/**
 * The bytes a page's items may take in this call's reply: {@linkcode listBudget} of the call's
 * own share (`replyBytes`, set when the result is sent in a larger reply, as an MCP tool's is)
 * or else of MAX_REPLY_BYTES.
 */
export function pageBudget(
  scope: { replyBytes?: number | undefined; config: { MAX_REPLY_BYTES: number } },
): number {
  return listBudget(scope.replyBytes ?? scope.config.MAX_REPLY_BYTES);
}

const encoder = new TextEncoder();
const NON_ASCII = /[\u0080-\uffff]/;

/** The UTF-8 size of `value`'s JSON, with the comma that separates it from the next item. */
export function jsonItemBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? "null";
  return (NON_ASCII.test(text) ? encoder.encode(text).length : text.length) + 1;
}

/**
 * How many of `items` (from the first) fit in `budgetBytes`, at most `limit` and at least one
 * (when there is one): each measured by `sizeOf` only while the page is being filled.
 */
export function countWithin<T>(
  items: readonly T[],
  limit: number,
  budgetBytes: number,
  sizeOf: (item: T) => number = jsonItemBytes,
): number {
  const most = Math.min(limit, items.length);
  let used = 0;
  for (let i = 0; i < most; i++) {
    used += sizeOf(items[i]!);
    if (used > budgetBytes && i > 0) return i;
  }
  return most;
}

/** A byte budget for a page: see the module doc. */
export interface PageBudget<T> {
  /** The bytes the page's items may take ({@linkcode listBudget}). */
  budgetBytes: number;
  /** An item's size in the reply (default: its JSON's UTF-8 bytes and a comma). */
  sizeOf?: (item: T) => number;
}

/** The default and the largest `limit` of one list method. */
export interface PageSize {
  /** Items per page when the client names no `limit`. */
  default: number;
  /** Largest `limit` accepted. */
  max: number;
}

/** The longest cursor a list method accepts back. */
const CURSOR_MAX = 512;

/** The `limit` and `cursor` params of a list method, to spread into its params schema. */
export function pageParams(size: PageSize) {
  return {
    limit: z.number().int().min(1).max(size.max).default(size.default),
    cursor: z.string().min(1).max(CURSOR_MAX).optional(),
  };
}

/** What a page request asks for (validated by {@linkcode pageParams}). */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** A decoded cursor: where the next page starts, and the key of the item before it. */
export interface CursorPosition {
  offset: number;
  key?: string;
  /** The sort value of the item `key` names (a list in `created_at` order: its `created_at`). */
  at?: string;
  /** The key of the item that followed `key`'s item when the page was cut (lists in memory). */
  next?: string;
}

/** The paging fields of a list result. */
export interface PageInfo {
  /** True when items follow this page. */
  has_more: boolean;
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

/** A page of `items` and its paging fields. */
export interface Page<T> extends PageInfo {
  items: T[];
}

/** Encodes a position as an opaque cursor. */
export function encodeCursor(position: CursorPosition): string {
  const { offset, key, at, next } = position;
  const json = JSON.stringify(
    key === undefined
      ? [offset]
      : next !== undefined
      ? [offset, key, at ?? null, next]
      : at === undefined
      ? [offset, key]
      : [offset, key, at],
  );
  return btoa(String.fromCodePoint(...new TextEncoder().encode(json)))
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The -32602 of a cursor this server did not give out (or whose key no longer parses). */
export function badCursor(): InvalidInput {
  return new InvalidInput("Invalid params: cursor is not one this server gave out", [
    { field: "cursor", message: "is not a cursor from this list (pass next_cursor unchanged)" },
  ]);
}

/** Decodes a cursor (absent: the start); throws -32602 naming `cursor` when it is not one. */
export function decodeCursor(cursor: string | undefined): CursorPosition {
  if (cursor === undefined) return { offset: 0 };
  let value: unknown;
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    value = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(value) || value.length < 1 || value.length > 4) throw badCursor();
  const [offset, key, at, next] = value;
  if (!Number.isSafeInteger(offset) || offset < 0) throw badCursor();
  if (value.length > 1 && typeof key !== "string") throw badCursor();
  // `at` may be null only before a `next` (a list in memory has no sort value).
  if (value.length > 2 && typeof at !== "string" && !(value.length > 3 && at === null)) {
    throw badCursor();
  }
  if (value.length > 3 && typeof next !== "string") throw badCursor();
  if (key === undefined) return { offset };
  const position: CursorPosition = { offset, key };
  if (typeof at === "string") position.at = at;
  if (next !== undefined) position.next = next;
  return position;
}

/**
 * Where a page starts when the item a cursor names (`key`, once at `offset - 1`) is gone and
 * nothing says where its place is now: that old place, where the item after it moved up to
 * when nothing else before it changed (so nothing is skipped). Lists paged in memory and in SQL
 * both start there, so a cursor gives the same page either way.
 */
export function offsetAfterGone(offset: number): number {
  return Math.max(0, offset - 1);
}

/** The paging fields for a page that starts at `offset`, holds `count` items and has more. */
export function pageInfo(next: CursorPosition | null): PageInfo {
  return next === null
    ? { has_more: false, next_cursor: null }
    : { has_more: true, next_cursor: encodeCursor(next) };
}

/**
 * One page of an in-memory list. With keys (`keys`: the key function, or a {@linkcode PageOrder}),
 * the page starts after the item the cursor names (found again wherever it moved); when that
 * item is gone: with a `sortOf`, right after its place in the order (the cursor's `at`,
 * {@linkcode indexAfter}), whatever else went; without one (or from a cursor without `at`), at
 * the item that followed it (the cursor's `next`, wherever it moved), and when both are gone at
 * the gone item's old place ({@linkcode offsetAfterGone}). With a `sortOf`, the list is paged in
 * its order (ascending unless `descending`; a stable sort, when `items` are not in it already). The cursor given out names the
 * page's last item, its sort value and the item after it (the latter two dropped, last first,
 * when the cursor would be longer than a client may send back). With a `budget`, the page stops
 * before the item that would take its items past `budgetBytes` (one item at least), and the
 * cursor points right after the last item sent.
 */
export function pageOf<T>(
  items: readonly T[],
  request: PageRequest,
  keys?: ((item: T) => string) | PageOrder<T>,
  budget?: PageBudget<T>,
): Page<T> {
  const position = decodeCursor(request.cursor);
  const order = typeof keys === "function" ? { keyOf: keys } : keys;
  if (order?.sortOf) items = inOrder(items, order.sortOf, comparerOf(order));
  let start = Math.min(position.offset, items.length);
  if (order && position.key !== undefined) start = resumeAt(items, order, position);
  let page = items.slice(start, start + request.limit);
  if (budget) {
    page = page.slice(0, countWithin(page, page.length, budget.budgetBytes, budget.sizeOf));
  }
  const end = start + page.length;
  const last = page.at(-1);
  if (end >= items.length || last === undefined) return { items: page, ...pageInfo(null) };
  if (!order) return { items: page, ...pageInfo({ offset: end }) };
  const key = order.keyOf(last);
  const at = order.sortOf ? sortText(order.sortOf(last)) : undefined;
  const candidates: CursorPosition[] = [
    { offset: end, key, at, next: order.keyOf(items[end]!) },
    ...(at === undefined ? [] : [{ offset: end, key, at }]),
    { offset: end, key },
  ];
  for (const candidate of candidates) {
    const info = pageInfo(candidate);
    if (info.next_cursor!.length <= CURSOR_MAX) return { items: page, ...info };
  }
  return { items: page, ...pageInfo({ offset: end, key }) };
}

/** `items` in the order `compare` gives of `sortOf` (stable): themselves when they are already. */
function inOrder<T>(
  items: readonly T[],
  sortOf: (item: T) => SortValue,
  compare: (a: SortValue, b: SortValue) => number,
): readonly T[] {
  const values = items.map(sortOf);
  const sorted = values.every((value, i) => i === 0 || compare(values[i - 1]!, value) <= 0);
  if (sorted) return items;
  return items.map((item, i) => ({ item, value: values[i]! }))
    .sort((a, b) => compare(a.value, b.value))
    .map(({ item }) => item);
}

/** Where a page after the item `position` names starts in `items` (see {@linkcode pageOf}). */
function resumeAt<T>(items: readonly T[], order: PageOrder<T>, position: CursorPosition): number {
  const index = (key: string) => items.findIndex((item) => order.keyOf(item) === key);
  const anchor = index(position.key!);
  if (anchor >= 0) return anchor + 1;
  const at = order.sortOf ? parseSortText(position.at) : undefined;
  if (at !== undefined) return indexAfter(items, order.sortOf!, at, comparerOf(order));
  const next = position.next !== undefined ? index(position.next) : -1;
  return next >= 0 ? next : Math.min(offsetAfterGone(position.offset), items.length);
}
