/**
 * The lorebook model: the Character Card V3 `Lorebook` object (a superset of V2's
 * `character_book`), read leniently and kept field for field, unknown fields included, so an
 * imported book exports unchanged.
 *
 * @module
 */
import {
  compact,
  isObject,
  Issues,
  type JsonObject,
  readBool,
  type ReadContext,
  readNumber,
  readObject,
  readText,
  readTextList,
  unknownFields,
} from "./fields.ts";
import { ENTRY_OURS, exportedBook, restoredEntry } from "./entry_position.ts";
import { type BookFieldNames, openBookValues } from "./book_values.ts";
import { groupsProblem } from "./group_names.ts";

/** Bounds of a lorebook accepted on import. */
export const LORE_LIMITS = {
  /** Entries in one book. */
  entries: 5000,
  /** Characters of one entry's content. */
  content: 100_000,
  /** Keys (or secondary keys) of one entry. */
  keys: 500,
  /** Characters of one key. */
  keyChars: 1000,
  /** Characters of names, comments and descriptions. */
  text: 20_000,
  /**
   * Keys of a book's or an entry's `extensions` (SillyTavern writes about 30). Below 1,000 so an
   * entry of SillyTavern's World Info export (these keys plus 13 of its own) is no "wide" object
   * that the upload key check (`core/json_keys.ts`) would refuse on re-import.
   */
  extensionKeys: 900,
  /**
   * Keys of the `extensions` of a book and all its entries together (attack17 F2): a stored book
   * is exported again and again, and its SillyTavern export (each key twice, plus the fixed
   * fields of 5,000 entries) must stay within the upload budget `MAX_TOTAL_KEYS` (250,000) so
   * it re-imports. A 3,000-entry SillyTavern world (about 20 keys an entry) holds 60,000.
   */
  bookExtensionKeys: 70_000,
  /**
   * Values in a book's open-ended parts (400,000): its entries' keys, its and its entries'
   * `extensions` members and unknown fields, and all they hold, counted as the upload check counts
   * values (`book_values.ts`). Every way a book comes in (uploads, `lorebook.create`/`update`,
   * cards, bundles) goes through `readLorebook`, so a stored book is bounded however it came:
   * five million empty `{}` in an entry's field were stored and then blocked every PNG export for
   * 20 s (attack28 F1). A 2,500-entry SillyTavern world (about the most `bookExtensionKeys` lets
   * in) holds about 90,000; the World Info export of a book at the bound (each extension twice,
   * plus SillyTavern's fields) stays within the upload check's `MAX_TOTAL_VALUES`, so it imports
   * again.
   */
  values: 400_000,
} as const;

/** What a book past `LORE_LIMITS.values` is told (by its reader, or by its file's text check). */
export const BOOK_VALUES_MESSAGE =
  `must hold at most ${LORE_LIMITS.values} values in its keys, extensions and unknown fields`;

/**
 * Most values (`{`, `[` and `,` outside strings, `core/json_keys.ts`) of a lorebook upload
 * (920,000), checked before it is parsed (attack32 M1: a file of a million values was parsed for
 * about a second before `LORE_LIMITS.values` refused it). The largest file of a book within
 * `LORE_LIMITS` is this server's own World Info export, which writes each extension member twice
 * (as SillyTavern's field and in `extensions`): twice `values`, plus at most 24 values of fixed
 * fields per entry (about 17 measured). So every export of a stored book imports again.
 */
export const LORE_UPLOAD_VALUES: number = 2 * LORE_LIMITS.values + LORE_LIMITS.entries * 24;

/**
 * One entry, as the V3 spec lists it (V2's entry plus `use_regex`). Fields we do not interpret
 * stay on the object (the index signature) and are written back on export.
 */
export interface LoreEntry {
  keys: string[];
  content: string;
  extensions: JsonObject;
  enabled: boolean;
  insertion_order: number;
  case_sensitive?: boolean;
  use_regex: boolean;
  constant?: boolean;
  name?: string;
  priority?: number;
  id?: number | string;
  comment?: string;
  selective?: boolean;
  secondary_keys?: string[];
  position?: string;
  [field: string]: unknown;
}

/** A lorebook: book-level settings and its entries. */
export interface Lorebook {
  name?: string;
  description?: string;
  scan_depth?: number;
  token_budget?: number;
  recursive_scanning?: boolean;
  extensions: JsonObject;
  entries: LoreEntry[];
  [field: string]: unknown;
}

/** The fields of an entry this server reads (the others are kept as unknown fields). */
export const ENTRY_FIELDS: ReadonlySet<string> = new Set([
  "keys",
  "content",
  "extensions",
  "enabled",
  "insertion_order",
  "case_sensitive",
  "use_regex",
  "constant",
  "name",
  "priority",
  "id",
  "comment",
  "selective",
  "secondary_keys",
  "position",
]);

const BOOK_FIELDS = new Set([
  "name",
  "description",
  "scan_depth",
  "token_budget",
  "recursive_scanning",
  "extensions",
  "entries",
]);

const keyList = { max: LORE_LIMITS.keyChars, maxItems: LORE_LIMITS.keys, single: "comma" } as const;

function readId(ctx: ReadContext): number | string | undefined {
  const value = ctx.object.id;
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" || typeof value === "string") return value;
  ctx.issues.add(ctx.path ? `${ctx.path}.id` : "id", "must be a number or a string");
  return undefined;
}

/** Where a reader is: the dotted path of the value, and the issue list. */
export interface ReadAt {
  path: string;
  issues: Issues;
}

/** Reads one V2/V3 entry at `at.path`. */
export function readEntry(value: unknown, at: ReadAt): LoreEntry | undefined {
  const { path, issues } = at;
  if (!isObject(value)) {
    issues.add(path, "must be an object");
    return undefined;
  }
  const ctx: ReadContext = { object: value, path, issues };
  const text = { max: LORE_LIMITS.text };
  // A position our export wrote as the spec's comes back as it was (`entry_position.ts`).
  return restoredEntry(compact({
    ...unknownFields(value, ENTRY_FIELDS),
    keys: readTextList(ctx, "keys", keyList) ?? [],
    content: readText(ctx, "content", { max: LORE_LIMITS.content }) ?? "",
    extensions: readExtensions(ctx),
    enabled: readBool(ctx, "enabled") ?? true,
    insertion_order: readNumber(ctx, "insertion_order") ?? 100,
    case_sensitive: readBool(ctx, "case_sensitive"),
    // V3 requires it; absent means false, and writing it keeps V3 exports valid.
    use_regex: readBool(ctx, "use_regex") ?? false,
    constant: readBool(ctx, "constant"),
    name: readText(ctx, "name", text),
    priority: readNumber(ctx, "priority"),
    id: readId(ctx),
    comment: readText(ctx, "comment", text),
    selective: readBool(ctx, "selective"),
    secondary_keys: readTextList(ctx, "secondary_keys", keyList),
    position: readPosition(ctx),
  }));
}

/**
 * Extensions SillyTavern's World Info reader (`formats.ts`) adds to every entry it reads (from
 * its `position` and `addMemo`). They are not counted against the limits, so a book exported as
 * World Info and read back stays within them.
 */
const WORLD_INFO_OWN = ["position", "add_memo", ENTRY_OURS];

/** What the value bound leaves out (`book_values.ts`). */
const OPEN_COUNT: BookFieldNames = { book: BOOK_FIELDS, entry: ENTRY_FIELDS, own: WORLD_INFO_OWN };

/**
 * The values of a book (as read from JSON) that `LORE_LIMITS.values` bounds, counted up to just
 * past `limit` (`book_values.ts`).
 */
export function bookValueCount(book: JsonObject, limit = Infinity): number {
  return openBookValues(book, OPEN_COUNT, limit);
}

/** Keys of `extensions` counted against `LORE_LIMITS` (see `WORLD_INFO_OWN`). */
function extensionCount(extensions: JsonObject): number {
  const own = WORLD_INFO_OWN.filter((name) => Object.hasOwn(extensions, name)).length;
  return Object.keys(extensions).length - own;
}

/** `extensions` of a book or an entry: an object of at most `LORE_LIMITS.extensionKeys` keys. */
function readExtensions(ctx: ReadContext): JsonObject {
  const value = readObject(ctx, "extensions") ?? {};
  const path = ctx.path ? `${ctx.path}.extensions` : "extensions";
  const groups = groupsProblem(value);
  if (groups) ctx.issues.add(`${path}.group`, groups);
  if (extensionCount(value) <= LORE_LIMITS.extensionKeys) return value;
  ctx.issues.add(path, `must have at most ${LORE_LIMITS.extensionKeys} keys`);
  return {};
}

function readPosition(ctx: ReadContext): string | undefined {
  const value = ctx.object.position;
  // Some exporters write SillyTavern's numeric position here (0 before, 1 after).
  if (value === 0) return "before_char";
  if (value === 1) return "after_char";
  return readText(ctx, "position", { max: 64 });
}

/** Reads a V2 `character_book` or V3 `Lorebook` object at `at.path`. */
export function readLorebook(value: unknown, at: ReadAt): Lorebook | undefined {
  const { path, issues } = at;
  if (!isObject(value)) {
    issues.add(path, "must be an object");
    return undefined;
  }
  // Counted first, with a walk that stops at the bound: a book of millions of values is refused
  // before anything reads or copies it.
  if (bookValueCount(value, LORE_LIMITS.values) > LORE_LIMITS.values) {
    const where = path || "lorebook";
    issues.add(
      where,
      BOOK_VALUES_MESSAGE,
    );
    return undefined;
  }
  const ctx: ReadContext = { object: value, path, issues };
  const rawEntries = value.entries ?? [];
  const entries: LoreEntry[] = [];
  const entriesPath = path ? `${path}.entries` : "entries";
  if (!Array.isArray(rawEntries)) {
    issues.add(entriesPath, "must be an array");
  } else if (rawEntries.length > LORE_LIMITS.entries) {
    issues.add(entriesPath, `must hold at most ${LORE_LIMITS.entries} entries`);
  } else {
    rawEntries.forEach((raw, index) => {
      const entry = readEntry(raw, { path: `${entriesPath}.${index}`, issues });
      if (entry) entries.push(entry);
    });
  }
  const extensions = readExtensions(ctx);
  const total = entries.reduce(
    (sum, entry) => sum + extensionCount(entry.extensions),
    extensionCount(extensions),
  );
  if (total > LORE_LIMITS.bookExtensionKeys) {
    issues.add(
      entriesPath,
      `must hold at most ${LORE_LIMITS.bookExtensionKeys} extension keys together (the book's and its entries' extensions hold ${total})`,
    );
  }
  return compact({
    ...unknownFields(value, BOOK_FIELDS),
    name: readText(ctx, "name", { max: LORE_LIMITS.text }),
    description: readText(ctx, "description", { max: LORE_LIMITS.text }),
    scan_depth: readNumber(ctx, "scan_depth"),
    token_budget: readNumber(ctx, "token_budget"),
    recursive_scanning: readBool(ctx, "recursive_scanning"),
    extensions,
    entries,
  });
}

/** The standalone lorebook file of the V3 spec. */
export function lorebookV3Document(book: Lorebook): { spec: "lorebook_v3"; data: Lorebook } {
  return { spec: "lorebook_v3", data: exportedBook(book) };
}

/** Reads `value` as a book and throws -32602 naming every problem. */
export function parseLorebook(value: unknown, path = "lorebook"): Lorebook {
  const issues = new Issues();
  const book = readLorebook(value, { path, issues });
  issues.throwIfAny("lorebook");
  if (!book) throw new Error("unreachable: a missing book is an issue");
  return book;
}
