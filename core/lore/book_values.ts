/**
 * How many values a lorebook holds where it is open-ended: its entries' keys, the members of its
 * and its entries' `extensions`, unknown fields, and everything these hold (counted as the upload
 * check counts values: `core/json_keys.ts`). Bounded by `LORE_LIMITS.values` so that a stored book
 * stays small however it came (attack28 F1). The known fields (content, order, enabled, ...) are
 * left out: each is bounded on its own, and reading a book or sending it through SillyTavern fills
 * them in, so a book at the bound stays at it through an export and an import.
 *
 * @module
 */
import { jsonCounts } from "../json_keys.ts";
import { isObject, type JsonObject } from "./fields.ts";

/** The field names a count leaves out, or counts only when they hold an object or array. */
export interface BookFieldNames {
  /** Known fields of a book. */
  book: ReadonlySet<string>;
  /** Known fields of an entry. */
  entry: ReadonlySet<string>;
  /** Extension members SillyTavern's reader gives every entry (counted only when not scalars). */
  own: readonly string[];
}

/** The values of `book`'s open-ended parts (see the module doc), counted up to just past `limit`. */
export function openBookValues(book: JsonObject, names: BookFieldNames, limit: number): number {
  const count = { values: 0, limit };
  addMembers(count, book, names.book);
  if (isObject(book.extensions)) addMembers(count, book.extensions);
  const entries = Array.isArray(book.entries) ? book.entries : [];
  for (let i = 0; i < entries.length && count.values <= limit; i++) {
    const entry: unknown = entries[i];
    if (!isObject(entry)) {
      count.values++;
      continue;
    }
    addMembers(count, entry, names.entry);
    if (isObject(entry.extensions)) addMembers(count, entry.extensions, undefined, names.own);
    for (const list of [entry.keys, entry.secondary_keys]) {
      if (Array.isArray(list)) count.values += list.length;
    }
  }
  return count.values;
}

/**
 * Adds to `count` each member of `object` not in `known` (one value, and what it holds); a member
 * named in `scalars` only when it holds an object or array.
 */
function addMembers(
  count: { values: number; limit: number },
  object: JsonObject,
  known?: ReadonlySet<string>,
  scalars: readonly string[] = [],
): void {
  for (const name in object) {
    if (count.values > count.limit) return;
    if (!Object.hasOwn(object, name) || known?.has(name)) continue;
    const value = object[name];
    const nested = value !== null && typeof value === "object";
    if (!nested && scalars.includes(name)) continue;
    count.values += 1;
    if (nested) count.values += jsonCounts(value, { values: count.limit - count.values }).values;
  }
}
