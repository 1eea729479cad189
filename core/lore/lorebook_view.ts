/**
 * A lorebook as the API shows it (`lorebook.get`, `lorebook.list`), made from a stored book's
 * columns.
 *
 * @module
 */
import type { Lorebook } from "./book.ts";
import type { Excerpt } from "../storage/text_head.ts";
import type { LorebookMeta } from "./stored.ts";

/** A lorebook as the API shows it. */
export interface LorebookView {
  id: string;
  name: string;
  /** In a list, its excerpt (core/storage/text_head.ts); `lorebook.get` has it whole. */
  description: string;
  /** In a list, when `description` is an excerpt of a longer text. */
  description_truncated?: true;
  owner_persona_id: string | null;
  entry_count: number;
  persona_ids: string[];
  room_ids: string[];
  created_at: string;
  updated_at: string;
  /** The book itself (V3 `Lorebook`), when asked for. */
  book?: Lorebook;
}

/** What {@linkcode viewOf} makes a view of, besides the book's columns. */
export interface ViewParts {
  /** The description shown (whole, or an excerpt of its head). */
  description: Excerpt;
  entryCount: number;
  attached: { persona_ids: string[]; room_ids: string[] };
}

/** The view of `book` (without the book itself). */
export function viewOf(book: LorebookMeta, parts: ViewParts): LorebookView {
  const { description, entryCount, attached } = parts;
  return {
    id: book.id,
    name: book.name,
    description: description.text,
    ...(description.truncated ? { description_truncated: true as const } : {}),
    owner_persona_id: book.owner_persona_id,
    entry_count: entryCount,
    ...attached,
    created_at: book.created_at,
    updated_at: book.updated_at,
  };
}
