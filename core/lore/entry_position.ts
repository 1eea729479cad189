/**
 * Entry `position`s as the V3 spec writes them. The spec knows two, `before_char` and
 * `after_char`; cards from elsewhere carry others (`after_desc`, `at_depth`, a number as text),
 * which this server keeps and places before the character (`candidate.ts`: anything but
 * `after_char` unless SillyTavern's `extensions.position` or a decorator says otherwise). An
 * export writes such an entry's position as the spec's value it is placed at, `before_char`, so
 * SillyTavern (which reads any value but `before_char` as after) and V3 readers place it where
 * this server does; the value itself travels in the entry's `extensions["persona-mcp"].position`,
 * and reading the entry here gives it back (unless the position was changed meanwhile: then the
 * new one is kept).
 *
 * @module
 */
import { isObject, type JsonObject } from "./fields.ts";

/**
 * What this module reads of a lore entry (`book.ts`'s `LoreEntry` is one; structural, so that
 * `book.ts` can use this module without an import cycle).
 */
export interface PositionedEntry {
  position?: string;
  extensions: JsonObject;
}

/** This server's namespace in an entry's `extensions` (the card's is the same name). */
export const ENTRY_OURS = "persona-mcp";

/** The positions the V3 spec defines. */
const SPEC_POSITIONS: ReadonlySet<string> = new Set(["before_char", "after_char"]);

/** The spec's position an entry of `position` is placed at (undefined stays undefined). */
export function specPosition(position: string | undefined): string | undefined {
  if (position === undefined || SPEC_POSITIONS.has(position)) return position;
  return "before_char";
}

/** `entry` as exports write it: its position the spec's, the original kept in `extensions`. */
export function exportedEntry<Entry extends PositionedEntry>(entry: Entry): Entry {
  const position = specPosition(entry.position);
  if (position === entry.position) return entry;
  const ours = entry.extensions[ENTRY_OURS];
  const kept = { ...(isObject(ours) ? ours : {}), position: entry.position };
  return { ...entry, position, extensions: { ...entry.extensions, [ENTRY_OURS]: kept } };
}

/** `book` with every entry as {@linkcode exportedEntry} writes it. */
export function exportedBook<Book extends { entries: PositionedEntry[] }>(book: Book): Book {
  return book.entries.some((entry) => exportedEntry(entry) !== entry)
    ? { ...book, entries: book.entries.map(exportedEntry) }
    : book;
}

/**
 * An entry read from a file with the position an export of this server wrote into its
 * `extensions` put back (when its position is still the one exported), the note removed.
 */
export function restoredEntry<Entry extends PositionedEntry>(entry: Entry): Entry {
  const ours = entry.extensions[ENTRY_OURS];
  if (!isObject(ours) || typeof ours.position !== "string") return entry;
  const { position: original, ...rest } = ours as JsonObject & { position: string };
  const extensions: JsonObject = { ...entry.extensions, [ENTRY_OURS]: rest };
  if (Object.keys(rest).length === 0) delete extensions[ENTRY_OURS];
  const unchanged = entry.position === specPosition(original);
  return { ...entry, extensions, position: unchanged ? original : entry.position };
}
