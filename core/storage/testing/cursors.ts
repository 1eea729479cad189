/**
 * Cursors in tests: a page read in SQL names its last row's `created_at` in `next_cursor`
 * (core/storage/creation_page.ts), and a list paged in memory (`pageOf`) the key of the item
 * after the page instead; `withoutAt` keeps only what both give (position and key), to compare
 * the two.
 *
 * @module
 */
import { decodeCursor, encodeCursor } from "../../paging.ts";

/** `page` with its `next_cursor` holding position and key only: no `at`, no `next`. */
export function withoutAt<P extends { next_cursor: string | null }>(page: P): P {
  if (page.next_cursor === null) return page;
  const { offset, key } = decodeCursor(page.next_cursor);
  return { ...page, next_cursor: encodeCursor(key === undefined ? { offset } : { offset, key }) };
}
