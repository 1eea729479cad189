/**
 * A lorebook as SillyTavern's World Info file, the inverse of `formats.ts`' reading of one.
 * SillyTavern's World Info import takes a file with `entries` at its root (keyed by uid); the
 * file is written as SillyTavern's own `convertCharacterBook` writes one from a card's book:
 * `{entries: {uid: {uid, key, keysecondary, comment, content, constant, selective, order,
 * position, disable, ...}}, originalData: <the book>}`, each entry's `extensions` kept and its
 * snake_case names also given as SillyTavern's camelCase fields (`display_index` →
 * `displayIndex`).
 *
 * `originalData` makes the round trip lossless: this server reads the book from it when the
 * entries are still exactly as written here (no one edited them in SillyTavern since), else from
 * the entries, so edits made in SillyTavern win. A file that would exceed `maxBytes` leaves
 * `originalData` out (it doubles the size), and so does one that would hold more keys or values
 * than the upload check allows (`MAX_TOTAL_KEYS`, `MAX_TOTAL_VALUES`); such a file is read from
 * its entries only.
 *
 * @module
 */
import { type Lorebook, type LoreEntry, parseLorebook } from "./book.ts";
import { exportedBook, exportedEntry } from "./entry_position.ts";
import { isObject, type JsonObject } from "./fields.ts";
import { jsonCounts, MAX_TOTAL_KEYS, MAX_TOTAL_VALUES } from "../json_keys.ts";

/** Entry fields of SillyTavern's World Info entries that map to V2 entry fields both ways. */
export const ST_ENTRY_CORE = [
  "uid",
  "key",
  "keysecondary",
  "comment",
  "content",
  "constant",
  "selective",
  "order",
  "disable",
  "extensions",
] as const;

/** Entry fields SillyTavern has at the top level, written from the entry (never from extensions). */
const CORE_FIELDS = new Set<string>([...ST_ENTRY_CORE, "position", "addMemo", "caseSensitive"]);

/** Extension names SillyTavern keeps as they are (not snake_case). */
export const ST_AS_IS_NAMES: ReadonlySet<string> = new Set([
  "probability",
  "useProbability",
  "selectiveLogic",
]);
const AS_IS = ST_AS_IS_NAMES;

function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** One entry in SillyTavern's shape, as its `convertCharacterBook` writes it. */
export function worldInfoEntry(read: LoreEntry, uid: number | string): JsonObject {
  // Positions as the spec writes them (SillyTavern reads any other as after the character).
  const entry = exportedEntry(read);
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(entry.extensions)) {
    const field = AS_IS.has(name) ? name : camelCase(name);
    if (!CORE_FIELDS.has(field) && /^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      Object.defineProperty(out, field, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  const comment = entry.comment ?? entry.name ?? "";
  return Object.assign(out, {
    uid,
    key: entry.keys,
    keysecondary: entry.secondary_keys ?? [],
    comment,
    content: entry.content,
    constant: entry.constant ?? false,
    selective: entry.selective ?? false,
    order: entry.insertion_order,
    position: entry.extensions.position ?? (entry.position === "before_char" ? 0 : 1),
    disable: !entry.enabled,
    addMemo: comment !== "",
    caseSensitive: entry.case_sensitive ?? entry.extensions.case_sensitive ?? null,
    extensions: entry.extensions,
  });
}

/** The uid each entry of `book` gets in its World Info file: its id, unless missing or taken. */
export function worldInfoUids(book: Lorebook): (number | string)[] {
  const uids: (number | string)[] = [];
  const used = new Set<string>();
  const taken = new Set(book.entries.map((entry) => String(entry.id)));
  let next = 0;
  for (const entry of book.entries) {
    let uid = entry.id;
    if (uid === undefined || used.has(String(uid))) {
      while (taken.has(String(next))) next++;
      uid = next;
      taken.add(String(next));
    }
    used.add(String(uid));
    uids.push(uid);
  }
  return uids;
}

/** The `entries` object of the World Info file: keyed by uid, each uid unique. */
function worldInfoEntries(book: Lorebook): JsonObject {
  const entries: JsonObject = {};
  const uids = worldInfoUids(book);
  book.entries.forEach((entry, index) => {
    const uid = uids[index] ?? index;
    entries[String(uid)] = worldInfoEntry(entry, uid);
  });
  return entries;
}

/**
 * `book` as a SillyTavern World Info file (see the module doc); `originalData` only when the
 * file stays within `maxBytes` and the upload key budget with it.
 */
export function worldInfoDocument(book: Lorebook, options: { maxBytes?: number } = {}): JsonObject {
  const entries = worldInfoEntries(book);
  const doc: JsonObject = { ...(book.name !== undefined ? { name: book.name } : {}), entries };
  // Over the upload key or value budget with `originalData`, the file would not import again.
  // Counted as written: an entry of a non-spec position gains a note (`exportedEntry`) of 2 keys
  // and 2 values that `book` lacks (review36 R36-2).
  const originalData = exportedBook(book);
  const inDoc = jsonCounts(doc);
  const inBook = jsonCounts(originalData);
  if (
    inDoc.keys + inBook.keys + 2 > MAX_TOTAL_KEYS ||
    inDoc.values + inBook.values + 2 > MAX_TOTAL_VALUES
  ) return doc;
  if (options.maxBytes === undefined) return { ...doc, originalData };
  const size = new TextEncoder().encode(JSON.stringify(doc)).length +
    new TextEncoder().encode(JSON.stringify(originalData)).length;
  return size <= options.maxBytes ? { ...doc, originalData } : doc;
}

/**
 * The book of a World Info file this server wrote, when its entries are unchanged since (they
 * are exactly what `originalData` gives); else undefined (read the entries).
 */
export function unchangedOriginal(value: JsonObject): Lorebook | undefined {
  const original = value.originalData;
  if (!isObject(original) || !Array.isArray(original.entries)) return undefined;
  let book: Lorebook;
  try {
    book = parseLorebook(original, "lorebook.originalData");
  } catch {
    return undefined;
  }
  return JSON.stringify(worldInfoEntries(book)) === JSON.stringify(value.entries)
    ? book
    : undefined;
}
