/**
 * The shapes of what memory backends read a page or a chain at a time (`backend.ts`'s
 * `MemoryBackend` returns them): `memory.list`'s pages, the warm-up's pages and the
 * supersession links a search follows.
 *
 * @module
 */
import type { MemoryRecord } from "./schema.ts";

/** A memory's supersession link, as `MemoryBackend.chainLinks` reads it. */
export interface ChainLink {
  id: string;
  superseded_by: string | null;
}

/** Which page of a persona's memories `memory.list` shows (newest first). */
export interface PageQuery {
  limit: number;
  /** Memories skipped from the newest (ignored when `after` is given). */
  offset: number;
  /**
   * The `next` key of the page before: this page starts right after that memory, wherever
   * memories were stored or deleted meanwhile (a keyset, not a position).
   */
  after?: string;
  /** Only memories of this type (and `total` counts only them). */
  memoryType?: string;
  /**
   * The bytes the page's memories may take as JSON: it stops before the one that would pass
   * them (one at least), `more` and `next` right after the last one kept (core/paging.ts).
   */
  budgetBytes?: number;
}

/** One page of a persona's memories, newest first, and how many there are in all. */
export interface MemoryPage {
  records: MemoryRecord[];
  total: number;
  /** Whether memories follow this page (read, not computed from `total`). */
  more: boolean;
  /** The last record's sort key, for `PageQuery.after` (opaque; absent on an empty page). */
  next?: string;
}

/** A page of memories for the warm-up (`MemoryBackend.warmPage`). */
export interface WarmPage {
  /** Each memory's text and creation time, in storing order. */
  memories: Array<{ content: string; created_at: string }>;
  /** The cursor of the next page; undefined after the last. */
  next: number | undefined;
}
