/**
 * Cursors in tests: a page read in SQL names its last row's `created_at` in `next_cursor`
 * (core/storage/creation_page.ts), which a list paged in memory (`pageOf`) does not; `withoutAt`
 * turns the first into the second, to compare the two.
 *
 * @module
 */
import { decodeCursor, encodeCursor } from "../../paging.ts";

/** `page` with its `next_cursor` as `pageOf` gives it: position and key, no `at`. */
export function withoutAt<P extends { next_cursor: string | null }>(page: P): P {
  if (page.next_cursor === null) return page;
  const { offset, key } = decodeCursor(page.next_cursor);
  return { ...page, next_cursor: encodeCursor(key === undefined ? { offset } : { offset, key }) };
}
