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

/** Which shape a lorebook document had. */
export type LorebookSource = "lorebook_v3" | "character_book" | "card" | "sillytavern_world";

/** SillyTavern's World Info entry fields and the `extensions` key each is kept under. */
const ST_EXTENSION_FIELDS: ReadonlyArray<[string, string]> = [
  ["position", "position"],
  ["excludeRecursion", "exclude_recursion"],
  ["displayIndex", "display_index"],
  ["probability", "probability"],
  ["useProbability", "useProbability"],
  ["depth", "depth"],
  ["selectiveLogic", "selectiveLogic"],
  ["group", "group"],
  ["groupOverride", "group_override"],
  ["groupWeight", "group_weight"],
  ["preventRecursion", "prevent_recursion"],
  ["delayUntilRecursion", "delay_until_recursion"],
  ["scanDepth", "scan_depth"],
  ["matchWholeWords", "match_whole_words"],
  ["useGroupScoring", "use_group_scoring"],
  ["caseSensitive", "case_sensitive"],
  ["automationId", "automation_id"],
  ["role", "role"],
  ["vectorized", "vectorized"],
  ["sticky", "sticky"],
  ["cooldown", "cooldown"],
  ["delay", "delay"],
];

/** True when `entry` is written in SillyTavern's World Info shape (`key`, not `keys`). */
function isWorldInfoEntry(entry: unknown): entry is JsonObject {
  return isObject(entry) && "key" in entry && !("keys" in entry);
}

function fromWorldInfoEntry(entry: JsonObject): JsonObject {
  const extensions: JsonObject = isObject(entry.extensions) ? { ...entry.extensions } : {};
  for (const [from, to] of ST_EXTENSION_FIELDS) {
    if (entry[from] !== undefined && entry[from] !== null) extensions[to] = entry[from];
  }
  const position = entry.position === 1 ? "after_char" : "before_char";
  return {
    id: entry.uid,
    keys: entry.key,
    secondary_keys: entry.keysecondary,
    comment: entry.comment,
    content: entry.content,
    constant: entry.constant,
    selective: entry.selective,
    insertion_order: entry.order,
    enabled: entry.disable === undefined || entry.disable === null ? true : !entry.disable,
    position,
    case_sensitive: entry.caseSensitive ?? undefined,
    extensions,
  };
}

function fromWorldInfo(value: JsonObject): JsonObject {
  const raw = value.entries;
  const list = isObject(raw) ? Object.values(raw) : Array.isArray(raw) ? raw : [];
  const entries = list.map((entry) => isWorldInfoEntry(entry) ? fromWorldInfoEntry(entry) : entry);
  const { entries: _entries, originalData: _original, ...rest } = value;
  return { ...rest, entries };
}

/** The kind of lorebook document `value` is, or null when it is none. */
export function lorebookSource(value: unknown): LorebookSource | null {
  if (!isObject(value)) return null;
  if (value.spec === "lorebook_v3") return "lorebook_v3";
  if (value.spec === "chara_card_v2" || value.spec === "chara_card_v3") return "card";
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
  if (source === "sillytavern_world") return { book: parseLorebook(fromWorldInfo(value)), source };
  return { book: parseLorebook(value), source };
}
