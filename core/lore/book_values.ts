/**
 * How many values a lorebook holds where it is open-ended: its entries' keys, the members of its
 * and its entries' `extensions`, unknown fields, and everything these hold (counted as the upload
 * check counts values: `core/json_keys.ts`). Bounded by `LORE_LIMITS.values` so that a stored book
 * stays small however it came (attack28 F1). The known fields (content, order, enabled, ...) are
 * left out: each is bounded on its own, and reading a book or sending it through SillyTavern fills
 * them in, so a book at the bound stays at it through an export and an import. So is the
 * `position` of this server's own note in an entry's extensions (`extensions["persona-mcp"]`,
 * `entry_position.ts`): an export writes it for an entry of a non-spec position, and reading the
 * entry takes it out again (review36 R36-3).
 *
 * @module
 */
import { jsonCounts } from "../json_keys.ts";
import { ENTRY_OURS } from "./entry_position.ts";
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
  addMembers(count, book, { known: names.book });
  if (isObject(book.extensions)) addMembers(count, book.extensions);
  const entries = Array.isArray(book.entries) ? book.entries : [];
  for (let i = 0; i < entries.length && count.values <= limit; i++) {
    const entry: unknown = entries[i];
    if (!isObject(entry)) {
      count.values++;
      continue;
    }
    addMembers(count, entry, { known: names.entry });
    if (isObject(entry.extensions)) {
      addMembers(count, entry.extensions, { scalars: names.own, note: ENTRY_OURS });
    }
    for (const list of [entry.keys, entry.secondary_keys]) {
      if (Array.isArray(list)) count.values += list.length;
    }
  }
  return count.values;
}

/** What {@linkcode addMembers} leaves out of an object's members. */
interface Skipped {
  /** Members not counted at all. */
  known?: ReadonlySet<string>;
  /** Members counted only when they hold an object or array. */
  scalars?: readonly string[];
  /** This server's note: counted without its `position` string, and not at all when that is all. */
  note?: string;
}

/** Position of this server's note (`entry_position.ts`), which reading an entry takes out. */
const NOTE_POSITION: ReadonlySet<string> = new Set(["position"]);

/**
 * Adds to `count` each member of `object` (one value, and what it holds), but those `skip` leaves
 * out; returns how many it added.
 */
function addMembers(
  count: { values: number; limit: number },
  object: JsonObject,
  skip: Skipped = {},
): number {
  const before = count.values;
  for (const name in object) {
    if (count.values > count.limit) break;
    if (!Object.hasOwn(object, name) || skip.known?.has(name)) continue;
    const value = object[name];
    const nested = value !== null && typeof value === "object";
    if (!nested && skip.scalars?.includes(name)) continue;
    if (name === skip.note && isObject(value) && typeof value.position === "string") {
      // As the entry keeps it (`restoredEntry`): the rest of the note, or no note when none is.
      if (addMembers(count, value, { known: NOTE_POSITION }) > 0) count.values += 1;
      continue;
    }
    count.values += 1;
    if (nested) count.values += jsonCounts(value, { values: count.limit - count.values }).values;
  }
  return count.values - before;
}
