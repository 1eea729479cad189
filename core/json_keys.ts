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

const COLON = 0x3a;

/**
 * What is wrong with the key counts of JSON `text`, or null: an object over
 * {@linkcode MAX_OBJECT_KEYS} keys, wide objects over {@linkcode MAX_WIDE_KEYS} keys together,
 * or all objects over {@linkcode MAX_TOTAL_KEYS} keys together.
 * Keys are counted by their colons outside strings; the text need not be valid JSON.
 */
export function jsonKeysProblem(text: string): string | null {
  // Colons anywhere (strings included) bound the keys: text with few of them needs no walk.
  if (countUpTo(text, ":", WIDE_OBJECT_KEYS + 1) <= WIDE_OBJECT_KEYS) return null;
  const counts: number[] = [];
  let wide = 0;
  let total = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = skipString(text, at) - 1;
    } else if (code === OPEN_OBJECT) {
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

/** Refuses JSON `text` with too many keys (-32602 naming `field`), before it is parsed. */
export function assertJsonKeys(text: string, field: string): void {
  const problem = jsonKeysProblem(text);
  if (problem === null) return;
  throw new InvalidInput(
    `The ${field} ${problem} (at most ${MAX_OBJECT_KEYS} per object, ${MAX_WIDE_KEYS} in objects of over ${WIDE_OBJECT_KEYS} keys together, and ${MAX_TOTAL_KEYS} in all)`,
    [{ field, message: problem }],
  );
}

function countUpTo(text: string, needle: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0 && count < limit; at = text.indexOf(needle, at + 1)) {
    count++;
  }
  return count;
}

/**
 * Keys of the objects in a parsed JSON `value` (nested ones included), counted up to just past
 * `limit` (the walk stops there). Used to keep a file this server writes within the budget its
 * own upload check applies ({@linkcode MAX_TOTAL_KEYS}).
 */
export function countKeys(value: unknown, limit = MAX_TOTAL_KEYS): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= limit) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      stack.push(...item);
    } else if (item !== null && typeof item === "object") {
      const values = Object.values(item);
      count += values.length;
      stack.push(...values);
    }
  }
  return count;
}
