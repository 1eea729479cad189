/**
 * What `repository.ts` stores and answers: a stored lorebook, its row without the book, what
 * lists show of it, the targets books attach to, and the values written beside a book.
 *
 * @module
 */
import type { Lorebook } from "./book.ts";

/** A stored lorebook. */
export interface StoredLorebook {
  id: string;
  name: string;
  /** The persona whose card this book came with (its `character_book`), if any. */
  owner_persona_id: string | null;
  book: Lorebook;
  created_at: string;
  updated_at: string;
}

/** A book's row without the book itself: what is read before knowing which books to parse. */
export interface LorebookMeta {
  id: string;
  name: string;
  owner_persona_id: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * What lists show of a book, kept in columns beside it: read without parsing the book, and of its
 * description only the head (core/storage/text_head.ts).
 */
export interface LorebookSummary extends LorebookMeta {
  /** The head of the book's `description` ("" when it has none). */
  description_head: string;
  /** The number of the book's entries. */
  entry_count: number;
}

/** What is in play for a target. */
export type LoreTarget = { personaId: string } | { roomId: string };

/** The attachment table, its target column and the target's id for `target`. */
export function linkOf(target: LoreTarget): [string, string, string] {
  return "personaId" in target
    ? ["persona_lorebooks", "persona_id", target.personaId]
    : ["room_lorebooks", "room_id", target.roomId];
}

/** The summary columns' values for `book` (description, entry_count). */
export function summaryOf(book: Lorebook): [string, number] {
  return [typeof book.description === "string" ? book.description : "", book.entries.length];
}
