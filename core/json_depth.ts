/**
 * Nesting depth of JSON, checked before anything walks it. Deep nesting is cheap to send and
 * costly to take: V8's JSON.parse needs about a second for a 1 MiB frame of `[[[[...`, and
 * recursive walks (zod, the storable-string rule) overflow the stack. Shared by the wire
 * (`core/server/rpc/json_depth.ts`: requests) and the domain (`core/characters/codec.ts`: the
 * JSON inside card files), which may not import the wire.
 *
 * @module
 */

/** Deepest nesting of arrays and objects accepted in one message, envelope included. */
export const MAX_JSON_DEPTH = 64;

/** Char code of `"`, which opens and closes a JSON string. */
export const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Char code of `[`, which opens a JSON array. */
export const OPEN_ARRAY = 0x5b;
/** Char code of `{`, which opens a JSON object. */
export const OPEN_OBJECT = 0x7b;
/** Char code of `]`, which closes a JSON array. */
export const CLOSE_ARRAY = 0x5d;
/** Char code of `}`, which closes a JSON object. */
export const CLOSE_OBJECT = 0x7d;

/** The index just past the string whose opening quote is at `start` (or the text's length). */
export function skipString(text: string, start: number): number {
  let at = start + 1;
  while (true) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** True when `text` holds more than `limit` opening brackets (`[` and `{`, strings included). */
function hasMoreOpenings(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ["{", "["]) {
    for (let at = text.indexOf(bracket); at >= 0; at = text.indexOf(bracket, at + 1)) {
      if (++count > limit) return true;
    }
  }
  return false;
}

/**
 * True when the JSON text nests arrays and objects deeper than `limit`. Strings are skipped
 * (brackets inside them do not count); the text need not be valid JSON.
 */
export function textDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  // Depth past the limit needs more than `limit` opening brackets (any, in strings too): counted
  // by the native search first, the walk is only for a message that has that many.
  if (text.length <= limit || !hasMoreOpenings(text, limit)) return false;
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = skipString(text, at) - 1;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/** True when `value` nests arrays and objects deeper than `limit` (without recursion). */
export function valueDepthExceeds(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  // Most values (a request's params) hold no object: no walk, no allocation.
  if (limit >= 1 && isFlat(value)) return false;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** True when `value` is a primitive, or an array or object of primitives only (depth ≤ 1). */
function isFlat(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item !== null && typeof item === "object") return false;
    }
    return true;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === "object") return false;
  }
  return true;
}
