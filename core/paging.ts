/**
 * Paging for list methods, one piece every list uses: `limit` (with a default and a maximum)
 * and an opaque `cursor` in; the page, `has_more` and `next_cursor` out. Defaults are large
 * enough that small data sets come back whole, as they did before paging.
 *
 * A cursor carries the position after the last item sent and, when the list has stable keys,
 * that item's key: the next page starts right after it even when earlier items were added or
 * removed meanwhile. A list ordered in SQL adds the item's sort value (`at`), so the next page
 * starts right after its place even when the item itself was deleted. Clients must treat
 * cursors as opaque.
 *
 * @module
 */
import { z } from "zod";
import { InvalidInput } from "./errors.ts";

/** The default and the largest `limit` of one list method. */
export interface PageSize {
  /** Items per page when the client names no `limit`. */
  default: number;
  /** Largest `limit` accepted. */
  max: number;
}

/** The `limit` and `cursor` params of a list method, to spread into its params schema. */
export function pageParams(size: PageSize) {
  return {
    limit: z.number().int().min(1).max(size.max).default(size.default),
    cursor: z.string().min(1).max(512).optional(),
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
  const { offset, key, at } = position;
  const json = JSON.stringify(
    key === undefined ? [offset] : at === undefined ? [offset, key] : [offset, key, at],
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
  if (!Array.isArray(value) || value.length < 1 || value.length > 3) throw badCursor();
  const [offset, key, at] = value;
  if (!Number.isSafeInteger(offset) || offset < 0) throw badCursor();
  if (value.length > 1 && typeof key !== "string") throw badCursor();
  if (value.length > 2 && typeof at !== "string") throw badCursor();
  if (key === undefined) return { offset };
  return at === undefined ? { offset, key } : { offset, key, at };
}

/** The paging fields for a page that starts at `offset`, holds `count` items and has more. */
export function pageInfo(next: CursorPosition | null): PageInfo {
  return next === null
    ? { has_more: false, next_cursor: null }
    : { has_more: true, next_cursor: encodeCursor(next) };
}

/**
 * One page of an in-memory list. With `keyOf`, the page starts after the item the cursor names
 * (found again wherever it moved); when that item is gone, at the cursor's position.
 */
export function pageOf<T>(
  items: readonly T[],
  request: PageRequest,
  keyOf?: (item: T) => string,
): Page<T> {
  const position = decodeCursor(request.cursor);
  let start = Math.min(position.offset, items.length);
  if (keyOf && position.key !== undefined) {
    const at = items.findIndex((item) => keyOf(item) === position.key);
    if (at >= 0) start = at + 1;
  }
  const page = items.slice(start, start + request.limit);
  const end = start + page.length;
  const more = end < items.length;
  const last = page.at(-1);
  return {
    items: page,
    ...pageInfo(
      more ? { offset: end, key: keyOf && last !== undefined ? keyOf(last) : undefined } : null,
    ),
  };
}
