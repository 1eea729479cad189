/**
 * Key counts of JSON text, checked before `JSON.parse`. An object with very many keys is cheap to
 * send and costly to take: V8 keeps it as a dictionary, and parsing, copying and walking one of a
 * million small keys (14 MB, within CARD_MAX_BYTES) blocks the event loop for seconds. No card,
 * lorebook or bundle needs that many keys in one object (an ST world keys its at most 5,000
 * entries by uid), so uploads are refused by {@linkcode jsonKeysProblem} before they are parsed.
 * Splitting the keys into many objects of at most 1,000 keys each is bounded by a total budget,
 * {@linkcode MAX_TOTAL_KEYS}: a real 5,000-entry SillyTavern world has about 30 keys an entry
 * (some 150,000 in all), while a million keys in 1,000-key objects parse for seconds.
 *
 * Values are bounded too ({@linkcode MAX_TOTAL_VALUES}): 14 MB of empty `{}` or `[]` holds five
 * million values and almost no key, and blocked the event loop for 3-40 s per upload (attack28 F1).
 * They are counted in the same scan as the `{`, `[` and `,` outside strings (about one per value:
 * each object and array, and each item or member after its first).
 *
 * @module
 */
import { InvalidInput } from "./errors.ts";
import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  skipString,
  textBoundPast,
} from "./json_depth.ts";

/** Most keys one object of an uploaded file may have. */
export const MAX_OBJECT_KEYS = 10_000;
/** An object with more keys than this is "wide" (V8 keeps it as a slow dictionary). */
export const WIDE_OBJECT_KEYS = 1_000;
/** Most keys the wide objects of one file may have together. */
export const MAX_WIDE_KEYS = 20_000;

/**
 * Most keys one uploaded file may have in all its objects together (250,000). Well above real
 * cards and worlds (a 5,000-entry SillyTavern world holds about 150,000), far below the million
 * small keys that block the event loop for seconds.
 */
export const MAX_TOTAL_KEYS = 250_000;

/**
 * Most values one uploaded file may hold (1,000,000), counted as its `{`, `[` and `,` outside
 * strings. A real 5,000-entry SillyTavern world holds about 350,000 (some 70 an entry), this
 * server's World Info export of a full book under 900,000; five million empty objects blocked the
 * event loop for seconds (attack28 F1).
 */
export const MAX_TOTAL_VALUES = 1_000_000;

const COLON = 0x3a;
const COMMA = 0x2c;

/**
 * What is wrong with the key and value counts of JSON `text`, or null: an object over
 * {@linkcode MAX_OBJECT_KEYS} keys, wide objects over {@linkcode MAX_WIDE_KEYS} keys together,
 * all objects over {@linkcode MAX_TOTAL_KEYS} keys together, or over `maxValues` values
 * ({@linkcode MAX_TOTAL_VALUES} unless given). Keys are counted by their colons outside strings,
 * values by the `{`, `[` and `,` outside strings; the text need not be valid JSON.
 */
export function jsonKeysProblem(text: string, maxValues = MAX_TOTAL_VALUES): string | null {
  // Colons anywhere (strings included) bound the keys, and the characters the values: a text
  // with few of either needs no walk. (A search for `{[,` found each one by a call of its own,
  // strings included: slower than the walk, which skips a string in one search (review36 R36-1).)
  if (text.length <= maxValues && countUpTo(text, ":", WIDE_OBJECT_KEYS + 1) <= WIDE_OBJECT_KEYS) {
    return null;
  }
  const counts: number[] = [];
  let wide = 0;
  let total = 0;
  let values = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = skipString(text, at) - 1;
      continue;
    }
    if (code === OPEN_OBJECT || code === OPEN_ARRAY || code === COMMA) {
      if (++values > maxValues) return `holds more than ${maxValues} values`;
    }
    if (code === OPEN_OBJECT) {
      counts.push(0);
    } else if (code === OPEN_ARRAY) {
      counts.push(-1);
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      counts.pop();
    } else if (code === COLON && (counts[counts.length - 1] ?? -1) >= 0) {
      const keys = (counts[counts.length - 1] ?? 0) + 1;
      counts[counts.length - 1] = keys;
      if (++total > MAX_TOTAL_KEYS) {
        return `has more than ${MAX_TOTAL_KEYS} keys in all`;
      }
      if (keys > MAX_OBJECT_KEYS) {
        return `has an object with more than ${MAX_OBJECT_KEYS} keys`;
      }
      if (keys === WIDE_OBJECT_KEYS + 1) wide += keys;
      else if (keys > WIDE_OBJECT_KEYS) wide++;
      if (wide > MAX_WIDE_KEYS) {
        return `has objects of over ${WIDE_OBJECT_KEYS} keys holding more than ${MAX_WIDE_KEYS} keys together`;
      }
    }
  }
  return null;
}

/**
 * Refuses JSON `text` with too many keys or values (-32602 naming `field`), before it is parsed;
 * `maxValues` (at most {@linkcode MAX_TOTAL_VALUES}) is a route's own, tighter value bound.
 */
export function assertJsonKeys(
  text: string,
  field: string,
  { maxValues = MAX_TOTAL_VALUES }: { maxValues?: number } = {},
): void {
  const problem = jsonKeysProblem(text, maxValues);
  if (problem === null) return;
  throw new InvalidInput(
    `The ${field} ${problem} (at most ${MAX_OBJECT_KEYS} keys per object, ${MAX_WIDE_KEYS} in objects of over ${WIDE_OBJECT_KEYS} keys together, ${MAX_TOTAL_KEYS} keys and ${maxValues} values in all)`,
    [{ field, message: problem }],
  );
}

/** How many times `needle` appears in `text` (strings included), counted up to `limit`. */
function countUpTo(text: string, needle: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (++count >= limit) return count;
  }
  return count;
}

/**
 * True when JSON `text` holds more than `limit` values, counted as {@linkcode jsonKeysProblem}
 * counts them (its `{`, `[` and `,` outside strings), with one walk that skips strings, and none
 * for a text no longer than `limit`.
 */
export function textValuesExceed(text: string, limit: number): boolean {
  return textBoundPast(text, { values: limit }) === "values";
}

/** Keys and values of a parsed JSON value, as {@linkcode jsonCounts} gives them. */
export interface JsonCounts {
  /** Keys of its objects (nested ones included). */
  keys: number;
  /** Its values as the upload check counts them: each object and array, and each item after a first. */
  values: number;
}

/**
 * The keys and values of a parsed JSON `value` (nested ones included), counted without recursion
 * and without spreading (an array of 150,000 items overflowed the stack: attack28 F4), up to just
 * past either limit (the walk stops there). Used to keep a file this server writes within the
 * budgets its own upload check applies, and to bound what is stored.
 */
export function jsonCounts(
  value: unknown,
  limits: { keys?: number; values?: number } = {},
): JsonCounts {
  const { keys: maxKeys = MAX_TOTAL_KEYS, values: maxValues = MAX_TOTAL_VALUES } = limits;
  const counts = { keys: 0, values: 0 };
  const stack: unknown[] = [value];
  while (stack.length > 0 && counts.keys <= maxKeys && counts.values <= maxValues) {
    const item = stack.pop();
    if (item === null || typeof item !== "object") continue;
    const items = Array.isArray(item) ? item : Object.values(item);
    if (!Array.isArray(item)) counts.keys += items.length;
    // The object or array itself, and a comma before each item past the first.
    counts.values += Math.max(items.length, 1);
    if (counts.keys > maxKeys || counts.values > maxValues) break;
    for (let i = 0; i < items.length; i++) {
      const child = items[i];
      if (child !== null && typeof child === "object") stack.push(child);
    }
  }
  return counts;
}

/**
 * False when `value` (read from JSON) is surely over `limit` characters as JSON, found without
 * writing it out: the walk adds up a lower bound of each part's length (a string's characters and
 * quotes, escapes not counted; at least one character an item) and stops once past `limit`, so a
 * huge value costs at most `limit` steps (attack28 F3). True means "maybe within": the caller's
 * exact check (`JSON.stringify`) decides then, on a value now known to be small.
 */
export function jsonLengthAtMost(value: unknown, limit: number): boolean {
  // Each item still on the stack adds at least one character more: counted as `stack.length`.
  let length = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === "string") length += item.length + 2;
    else if (item === null || typeof item !== "object") length += 1;
    else if (Array.isArray(item)) {
      // Brackets, and a comma between items.
      length += 1;
      for (let i = 0; i < item.length && length + stack.length <= limit; i++) {
        length += 1;
        stack.push(item[i]);
      }
    } else {
      // Braces, and each key with its quotes and colon: commas between members are left out, so
      // the count stays a lower bound (false only when surely over).
      length += 1;
      for (const key in item) {
        if (length + stack.length > limit) break;
        if (!Object.hasOwn(item, key)) continue;
        length += key.length + 3;
        stack.push((item as Record<string, unknown>)[key]);
      }
    }
    if (length + stack.length > limit) return false;
  }
  return true;
}
