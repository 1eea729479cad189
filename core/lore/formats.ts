/**
 * Standalone lorebook files as people share them: the V3 spec's `{spec: "lorebook_v3", data}`,
 * a bare V2 `character_book`, the book inside a character card, and SillyTavern's own World
 * Info file (`{entries: {"0": {uid, key, keysecondary, order, disable, ...}}}`), which is
 * converted the way SillyTavern itself converts a world into a `character_book`.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import { type Lorebook, parseLorebook } from "./book.ts";
import { isObject, type JsonObject } from "./fields.ts";
import { ST_AS_IS_NAMES, ST_ENTRY_CORE, unchangedOriginal } from "./world_info.ts";
import { mergeWithOriginal } from "./world_info_merge.ts";
import { foreignBookAsWorld, type ForeignBookSource, foreignBookSource } from "./foreign_books.ts";

/** Which shape a lorebook document had. */
export type LorebookSource =
  | "lorebook_v3"
  | "character_book"
  | "card"
  | "sillytavern_world"
  | ForeignBookSource;

/**
 * SillyTavern's World Info entry fields that become V2 entry fields (`uid` → `id`, `key` →
 * `keys`...); every other field is kept in `extensions`, as SillyTavern keeps them when it turns
 * a world into a card's book.
 */
export const ST_ENTRY_FIELDS: ReadonlySet<string> = new Set<string>([
  ...ST_ENTRY_CORE,
  "priority",
  "use_regex",
]);

/** `matchWholeWords` → `match_whole_words`, SillyTavern's rule for its extension names. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** True when `entry` is written in SillyTavern's World Info shape (`key`, not `keys`). */
function isWorldInfoEntry(entry: unknown): entry is JsonObject {
  return isObject(entry) && "key" in entry && !("keys" in entry);
}

/**
 * `enabled` from World Info's `disable`, booleans as text included ("false" is not disabled);
 * any other value is passed on for the book reader to refuse by name.
 */
function enabledOf(disable: unknown): unknown {
  if (disable === undefined || disable === null || disable === "") return true;
  if ([true, "true", 1, "1"].includes(disable as never)) return false;
  if ([false, "false", 0, "0"].includes(disable as never)) return true;
  return disable;
}

/**
 * A World Info `position` as V2's: SillyTavern's own conversion puts 0 before the character and
 * every other number after it (numeric text too: hand-edited and converted files write "1"); V2's
 * own names are kept. Anything else (an object, `true`, `[1]`, words) is -32602 by field.
 */
function positionOf(value: unknown, index: number): "before_char" | "after_char" {
  if (value === "before_char" || value === "after_char") return value;
  const place = value === undefined || value === null || value === "" ? 0 : value;
  const number = typeof place === "number"
    ? place
    : typeof place === "string" && place.trim() !== ""
    ? Number(place)
    : NaN;
  if (!Number.isFinite(number)) {
    const field = `lorebook.entries.${index}.position`;
    const message = "must be a number (SillyTavern's position) or before_char/after_char";
    throw new InvalidInput(`Invalid lorebook: ${field} ${message}`, [{ field, message }]);
  }
  return number === 0 ? "before_char" : "after_char";
}

function fromWorldInfoEntry(entry: JsonObject, index: number): JsonObject {
  const extensions: JsonObject = isObject(entry.extensions) ? { ...entry.extensions } : {};
  for (const [field, value] of Object.entries(entry)) {
    if (ST_ENTRY_FIELDS.has(field) || value === undefined || value === null) continue;
    // Own names only: "constructor" or "__proto__" must not pick up Object.prototype's.
    const name = ST_AS_IS_NAMES.has(field) ? field : undefined;
    // Defined, not assigned: a "__proto__" field stays a field, not the object's prototype.
    Object.defineProperty(extensions, name ?? snakeCase(field), {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const position = positionOf(entry.position, index);
  return {
    id: entry.uid,
    keys: entry.key,
    secondary_keys: entry.keysecondary,
    comment: entry.comment,
    content: entry.content,
    constant: entry.constant,
    selective: entry.selective,
    insertion_order: entry.order,
    enabled: enabledOf(entry.disable),
    position,
    case_sensitive: entry.caseSensitive ?? undefined,
    // Not a World Info field; an Agnai memory book's priority arrives here (foreign_books.ts).
    priority: entry.priority ?? undefined,
    // Not a World Info field either; a RisuAI regex entry's arrives here (foreign_books.ts).
    use_regex: entry.use_regex ?? undefined,
    extensions,
  };
}

/** A SillyTavern World Info document as the V2 book `parseLorebook` reads (its entries converted). */
export function fromWorldInfo(value: JsonObject): JsonObject {
  const raw = value.entries;
  const list = isObject(raw) ? Object.values(raw) : Array.isArray(raw) ? raw : [];
  const entries = list.map((entry, index) =>
    isWorldInfoEntry(entry) ? fromWorldInfoEntry(entry, index) : entry
  );
  const { entries: _entries, originalData: _original, ...rest } = value;
  return { ...rest, entries };
}

/** The kind of lorebook document `value` is, or null when it is none. */
export function lorebookSource(value: unknown): LorebookSource | null {
  if (!isObject(value)) return null;
  if (value.spec === "lorebook_v3") return "lorebook_v3";
  if (value.spec === "chara_card_v2" || value.spec === "chara_card_v3") return "card";
  const foreign = foreignBookSource(value);
  if (foreign) return foreign;
  const entries = value.entries;
  if (isObject(entries)) return "sillytavern_world";
  if (Array.isArray(entries)) {
    return entries.some(isWorldInfoEntry) ? "sillytavern_world" : "character_book";
  }
  return null;
}

/** A lorebook read from any supported document, with the shape it came in. */
export interface ImportedLorebook {
  book: Lorebook;
  source: LorebookSource;
}

/** Reads a lorebook document of any supported shape; -32602 names what is wrong. */
export function lorebookFromDocument(value: unknown): ImportedLorebook {
  const source = lorebookSource(value);
  if (source === null || !isObject(value)) {
    throw new InvalidInput(
      'Not a lorebook: expected {spec: "lorebook_v3", data}, a character_book with entries, a character card or a SillyTavern World Info file',
      [{ field: "lorebook", message: "is not a known lorebook format" }],
    );
  }
  if (source === "lorebook_v3") return { book: parseLorebook(value.data, "lorebook.data"), source };
  if (source === "card") {
    const data = isObject(value.data) ? value.data : {};
    const book = data.character_book;
    if (!isObject(book)) {
      throw new InvalidInput("The character card has no lorebook (data.character_book)", [
        { field: "lorebook.data.character_book", message: "is missing" },
      ]);
    }
    const parsed = parseLorebook(book, "lorebook.data.character_book");
    if (parsed.name === undefined && typeof data.name === "string") parsed.name = data.name;
    return { book: parsed, source };
  }
  if (source === "sillytavern_world") {
    // A file this server wrote, unchanged since: its book as it was (world_info.ts).
    const original = unchangedOriginal(value);
    if (original) return { book: original, source };
    // Edited in SillyTavern: its edits merged into originalData (world_info_merge.ts).
    return {
      book: mergeWithOriginal(value, (world) => parseLorebook(fromWorldInfo(world))),
      source,
    };
  }
  if (source === "character_book") return { book: parseLorebook(value), source };
  return { book: parseLorebook(fromWorldInfo(foreignBookAsWorld(value, source))), source };
}
