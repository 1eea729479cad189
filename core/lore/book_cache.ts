/**
 * Parsed lorebooks by id and update time, bounded by the size of their JSON: chats read the books
 * in play on every message, and a book may be megabytes of JSON.
 *
 * @module
 */
import type { Lorebook } from "./book.ts";
import { SizedCache, type SizedCacheLimits } from "./sized_cache.ts";

/**
 * The bounds of the parsed-book cache: 256 books, 128 MiB of their JSON (a parsed book takes
 * about as much heap again as its JSON text).
 */
export const BOOK_CACHE_LIMITS: SizedCacheLimits = { bytes: 128 * 1024 * 1024, entries: 256 };

/** Parsed books, each valid for one update time of its row. */
export class BookCache {
  readonly #books: SizedCache<{ updatedAt: string; book: Lorebook }>;

  /** Books held, oldest dropped first past `limits` (a JSON character counted as a byte). */
  constructor(limits: SizedCacheLimits = BOOK_CACHE_LIMITS) {
    this.#books = new SizedCache(limits);
  }

  /** Books held. */
  get size(): number {
    return this.#books.size;
  }

  /** Book `id` as stored at `updatedAt`, if held. */
  get(id: string, updatedAt: string): Lorebook | undefined {
    const cached = this.#books.get(id);
    return cached?.updatedAt === updatedAt ? cached.book : undefined;
  }

  /** Parses `json`, book `id` as stored at `updatedAt`, and keeps it. */
  set(id: string, updatedAt: string, json: string): Lorebook {
    const book = JSON.parse(json) as Lorebook;
    this.#books.set(id, { updatedAt, book }, json.length);
    return book;
  }

  /** Forgets book `id`. */
  delete(id: string): void {
    this.#books.delete(id);
  }
}
