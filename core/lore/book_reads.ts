/**
 * The stored lorebooks of listed rows: the books the parsed-book cache holds at the rows' update
 * times, the others fetched (in chunks) and parsed into it. A book's JSON may be megabytes, so
 * `LorebookRepository` lists rows without it and reads only what the cache lacks.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
import type { Lorebook } from "./book.ts";
import type { BookCache } from "./book_cache.ts";
import type { LorebookMeta, StoredLorebook } from "./stored.ts";

/** Where {@linkcode withBooks} reads: the database and the cache of parsed books. */
export interface BookSource {
  db: Database;
  parsed: BookCache;
}

/** Books fetched per statement when the cache misses. */
const FETCH_CHUNK = 100;

/** The stored books of `rows` (those deleted meanwhile left out), in the order of `rows`. */
export async function withBooks(
  rows: readonly LorebookMeta[],
  { db, parsed }: BookSource,
): Promise<StoredLorebook[]> {
  // The books held now, kept aside: parsing the others may push them out of the cache before
  // their turn (a list past the cache's bound dropped them, session 21).
  const held = new Map<string, Lorebook>();
  for (const row of rows) {
    const book = parsed.get(row.id, row.updated_at);
    if (book) held.set(row.id, book);
  }
  const missing = rows.filter((row) => !held.has(row.id)).map((row) => row.id);
  const fetched = new Map<string, { book: string; updated_at: string }>();
  for (let i = 0; i < missing.length; i += FETCH_CHUNK) {
    const ids = missing.slice(i, i + FETCH_CHUNK);
    const found = await db.all<{ id: string; book: string; updated_at: string }>(
      `SELECT id, updated_at, book FROM lorebooks WHERE id IN (${ids.map(() => "?").join(", ")})`,
      ...ids,
    );
    for (const row of found) fetched.set(row.id, row);
  }
  const books: StoredLorebook[] = [];
  for (const row of rows) {
    let book = held.get(row.id);
    let updatedAt = row.updated_at;
    if (!book) {
      const found = fetched.get(row.id);
      if (!found) continue; // deleted between the two reads
      // Updated between the two reads: the book as fetched, with its time.
      updatedAt = found.updated_at;
      book = parsed.set(row.id, updatedAt, found.book);
    }
    // Shared with the cache (chats read books on every message): treat it as read-only.
    books.push({ ...row, updated_at: updatedAt, book });
  }
  return books;
}
