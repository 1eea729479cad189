/**
 * What a text memo's value holds, in characters (two bytes each), for the bound of
 * `text_memo.ts`: values may hold many times their text.
 *
 * @module
 */

/** What a small object, or an entry of a set or map, weighs in characters (~32 bytes). */
const OBJECT_WEIGHT = 16;

/** How many levels below two {@linkcode deepEntries} reads (memo values are a few levels deep). */
const DEEP_LEVELS = 6;

/**
 * What the sets and maps inside `value` weigh by their size, `levels` levels down (what is
 * inside arrays and objects, and the values of sets and maps, read for more): strings below two
 * levels are not read, as before, only how many entries hold them.
 */
function deepEntries(value: object, levels: number): number {
  let weight = 0;
  const inner = (item: unknown) => {
    if (levels > 0 && typeof item === "object" && item !== null) {
      weight += deepEntries(item, levels - 1);
    }
  };
  if (value instanceof Set) {
    weight += OBJECT_WEIGHT * value.size;
    for (const item of value) inner(item);
  } else if (value instanceof Map) {
    weight += OBJECT_WEIGHT * value.size;
    for (const item of value.values()) inner(item);
  } else if (Array.isArray(value)) { for (const item of value) inner(item); }
  // Typed arrays (vectors) hold no sets: not walked number by number.
  else if (!ArrayBuffer.isView(value)) {
    for (const key in value) inner((value as Record<string, unknown>)[key]);
  }
  return weight;
}

/**
 * About how many characters (two bytes each) `value` holds beyond its text: strings by their
 * length, objects, arrays, sets and maps by their entries, two levels deep (a text's list of
 * events or family words and what each holds), and sets and maps deeper by their size
 * ({@linkcode deepEntries}). Values may hold many times their text: "I walked. " repeated, 13
 * times as many bytes as events (attack30 F3).
 */
export function valueWeight(value: unknown, depth = 2): number {
  if (typeof value === "string") return value.length;
  if (typeof value !== "object" || value === null) return 0;
  // Below two levels a set or map still weighs its entries (a list of clauses each holding a
  // set of words: review46 R12 counted 865 sets of ~880 words as 865 small objects).
  if (depth === 0) return OBJECT_WEIGHT + deepEntries(value, DEEP_LEVELS);
  const inner = (item: unknown) => OBJECT_WEIGHT / 4 + valueWeight(item, depth - 1);
  let weight = OBJECT_WEIGHT;
  if (Array.isArray(value)) { for (const item of value) weight += inner(item); }
  else if (value instanceof Set) {
    for (const item of value) {
      weight += OBJECT_WEIGHT + inner(item);
    }
  } else if (value instanceof Map) {
    for (const [key, item] of value) weight += OBJECT_WEIGHT + inner(key) + inner(item);
  } else for (const key in value) weight += inner((value as Record<string, unknown>)[key]);
  return weight;
}
