/**
 * Lorebooks of other applications, the ones SillyTavern's World Info import also reads: NovelAI's
 * `.lorebook` (`{lorebookVersion, entries: [{text, keys, displayName, ...}]}`), Agnai's memory
 * book (`{kind: "memory", entries: [{name, entry, keywords, priority, weight, enabled}]}`) and
 * RisuAI's lorebook export (`{type: "risu", data: [{key, secondkey, content, insertorder, ...}]}`).
 * Each is turned into SillyTavern's World Info shape field for field as SillyTavern's own
 * converters do (`convertNovelLorebook`, `convertAgnaiMemoryBook`, `convertRisuLorebook`), so
 * `formats.ts` reads it on from there. Without this they read as a `character_book` whose
 * entries had neither keys nor content: a book that imported and never fired.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import { isObject, type JsonObject } from "./fields.ts";

/** The foreign lorebook formats read here. */
export type ForeignBookSource = "novelai" | "agnai_memory" | "risu";

/** Which foreign format `value` is, detected as SillyTavern detects it; null for none. */
export function foreignBookSource(value: JsonObject): ForeignBookSource | null {
  if (value.lorebookVersion !== undefined) return "novelai";
  if (value.kind === "memory") return "agnai_memory";
  if (value.type === "risu") return "risu";
  return null;
}

function entryList(value: JsonObject, field: string, what: string): unknown[] {
  const list = value[field];
  if (Array.isArray(list)) return list;
  throw new InvalidInput(`Invalid lorebook: ${what} has no ${field} array`, [
    { field: `lorebook.${field}`, message: `must be an array (${what})` },
  ]);
}

/**
 * A Risu comma list read as SillyTavern reads it (split, trimmed), blank keys dropped. Regex keys
 * (`useRegex`, written `/pattern/flags` as RisuAI reads them) are split only where a comma starts
 * the next `/`: RisuAI splits at every comma, which breaks a count such as `a{1,3}` in two.
 */
function commaKeys(value: unknown, regex = false): unknown {
  if (typeof value !== "string") return value;
  const keys = regex ? value.split(/,(?=\s*\/)/) : value.split(",");
  return keys.map((key) => key.trim()).filter((key) => key !== "");
}

function novelAiEntry(entry: JsonObject, index: number): JsonObject {
  const config = isObject(entry.contextConfig) ? entry.contextConfig : {};
  return {
    uid: index,
    key: entry.keys ?? [],
    comment: typeof entry.displayName === "string" ? entry.displayName : "",
    content: entry.text ?? "",
    // NovelAI's "always on" is a constant entry (SillyTavern leaves it keyed; it never fires).
    constant: entry.forceActivation === true,
    selective: false,
    order: config.budgetPriority ?? 0,
    disable: entry.enabled === false,
  };
}

function agnaiEntry(entry: JsonObject, index: number): JsonObject {
  return {
    uid: index,
    key: entry.keywords ?? [],
    comment: entry.name ?? "",
    content: entry.entry ?? "",
    selective: false,
    order: entry.weight ?? 0,
    // Agnai's priority decides what is kept when the budget runs out: V2's `priority`.
    priority: entry.priority,
    disable: entry.enabled === false,
  };
}

function risuEntry(entry: JsonObject, index: number): JsonObject {
  const secondary = entry.secondkey;
  const regex = entry.useRegex === true;
  return {
    uid: index,
    key: commaKeys(entry.key ?? "", regex),
    keysecondary: secondary ? commaKeys(secondary, regex) : [],
    comment: entry.comment ?? "",
    content: entry.content ?? "",
    constant: entry.alwaysActive === true || entry.mode === "constant",
    selective: entry.selective === true,
    order: entry.insertorder ?? 100,
    probability: entry.activationPercent ?? 100,
    disable: false,
    // Read on as the V3 entry's own field (`formats.ts`); SillyTavern's converter drops it.
    use_regex: regex,
  };
}

/** RisuAI's folders: entries that only group others in its editor (no keys, no content). */
const isRisuFolder = (entry: unknown) => isObject(entry) && entry.mode === "folder";

const CONVERTERS: Record<
  ForeignBookSource,
  {
    field: string;
    what: string;
    entry: (entry: JsonObject, index: number) => JsonObject;
    skip?: (entry: unknown) => boolean;
  }
> = {
  novelai: { field: "entries", what: "a NovelAI lorebook", entry: novelAiEntry },
  agnai_memory: { field: "entries", what: "an Agnai memory book", entry: agnaiEntry },
  risu: { field: "data", what: "a RisuAI lorebook", entry: risuEntry, skip: isRisuFolder },
};

/**
 * `value` (of `source`) as a SillyTavern World Info document (`{name?, entries: {uid: entry}}`);
 * -32602 when its entry list is missing. Entries that are not objects are passed on as they are,
 * for the book reader to name; RisuAI's folders are left out.
 */
export function foreignBookAsWorld(value: JsonObject, source: ForeignBookSource): JsonObject {
  const converter = CONVERTERS[source];
  const entries: JsonObject = {};
  const list = entryList(value, converter.field, converter.what);
  const kept = converter.skip ? list.filter((entry) => !converter.skip?.(entry)) : list;
  kept.forEach((entry, index) => {
    entries[index] = isObject(entry) ? converter.entry(entry, index) : entry;
  });
  const world: JsonObject = { entries };
  if (typeof value.name === "string") world.name = value.name;
  if (typeof value.description === "string") world.description = value.description;
  return world;
}
