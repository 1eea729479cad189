/**
 * Reading back a SillyTavern World Info file this server wrote after someone edited it in
 * SillyTavern (attack17 F3). SillyTavern keeps `originalData` (the book as exported) but shows
 * and edits only some fields, so the book is merged:
 *
 * - Book fields (`description`, `scan_depth`, `token_budget`, `recursive_scanning`,
 *   `extensions`, unknown ones) come from `originalData`, unless the file carries them at its
 *   root (then SillyTavern's win). `name` is the file's when it has one.
 * - Entries are matched by uid (the uid the export gave each entry). An entry still exactly as
 *   exported is `originalData`'s entry. An edited one takes SillyTavern's values for the fields
 *   SillyTavern carries (`WORLD_INFO_FIELDS`); the others (`name`, `priority`, `use_regex`, `id`,
 *   unknown fields) come from `originalData`, so a regex key stays a regex.
 * - Entries are in `originalData`'s order; entries new in SillyTavern follow in the file's
 *   order; entries deleted in SillyTavern stay deleted.
 *
 * @module
 */
import { type Lorebook, type LoreEntry, parseLorebook } from "./book.ts";
import { isObject, type JsonObject } from "./fields.ts";
import { worldInfoEntry, worldInfoUids } from "./world_info.ts";

/** Entry fields a World Info entry carries (and SillyTavern edits), in the book's names. */
const WORLD_INFO_FIELDS = [
  "keys",
  "secondary_keys",
  "comment",
  "content",
  "constant",
  "selective",
  "insertion_order",
  "enabled",
  "position",
  "case_sensitive",
  "extensions",
] as const;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * `original` with the edits SillyTavern made: each carried field (each extension key) that reads
 * differently from `exported` (`original` as exported and read back) takes the edited value.
 */
function editedEntry(original: LoreEntry, edited: LoreEntry, exported: LoreEntry): LoreEntry {
  const merged: LoreEntry = { ...original, extensions: { ...original.extensions } };
  for (const field of WORLD_INFO_FIELDS) {
    if (field === "extensions" || same(edited[field], exported[field])) continue;
    if (edited[field] === undefined) delete merged[field];
    else merged[field] = edited[field] as never;
  }
  for (const name of Object.keys(exported.extensions)) {
    if (!Object.hasOwn(edited.extensions, name)) delete merged.extensions[name];
  }
  for (const [name, value] of Object.entries(edited.extensions)) {
    if (!same(value, exported.extensions[name])) {
      Object.defineProperty(merged.extensions, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return merged;
}

/**
 * World Info file `value` read by `readWorld` (the entries only) and merged with its
 * `originalData` as the module doc says; the entries alone when it has no readable
 * `originalData`.
 */
export function mergeWithOriginal(
  value: JsonObject,
  readWorld: (world: JsonObject) => Lorebook,
): Lorebook {
  const read = readWorld(value);
  const raw = value.originalData;
  if (!isObject(raw) || !Array.isArray(raw.entries) || !isObject(value.entries)) return read;
  let original: Lorebook;
  try {
    original = parseLorebook(raw, "lorebook.originalData");
  } catch {
    return read;
  }
  const stEntries = value.entries;
  const byUid = new Map<string, LoreEntry>();
  Object.keys(stEntries).forEach((uid, index) => {
    if (read.entries[index]) byUid.set(uid, read.entries[index]);
  });
  const uids = worldInfoUids(original);
  const exportedWorld: JsonObject = {};
  original.entries.forEach((entry, index) => {
    const uid = uids[index] ?? index;
    exportedWorld[String(uid)] = worldInfoEntry(entry, uid);
  });
  // Read back as exported, by uid (an object's integer-like keys come first, whatever the order).
  const exported = new Map<string, LoreEntry>();
  const exportedEntries = readWorld({ entries: exportedWorld }).entries;
  Object.keys(exportedWorld).forEach((uid, index) => {
    if (exportedEntries[index]) exported.set(uid, exportedEntries[index]);
  });
  const entries: LoreEntry[] = [];
  original.entries.forEach((entry, index) => {
    const uid = String(uids[index] ?? index);
    const edited = byUid.get(uid);
    if (!edited) return;
    byUid.delete(uid);
    const unchanged = same(exportedWorld[uid], stEntries[uid]);
    const before = exported.get(uid);
    entries.push(unchanged || !before ? entry : editedEntry(entry, edited, before));
  });
  entries.push(...byUid.values());
  const { entries: _entries, originalData: _original, ...carried } = value;
  const book: Lorebook = { ...original, entries };
  for (const field of Object.keys(carried)) {
    if (Object.hasOwn(read, field)) book[field] = read[field];
  }
  return book;
}
