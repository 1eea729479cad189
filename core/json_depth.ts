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
  if (text.length <= limit) return false;
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
  return textBoundPast(text, { depth: limit }) === "depth";
}

/** Bounds of a JSON text checked before it is parsed (see {@linkcode textBoundPast}). */
export interface TextBounds {
  /** Deepest nesting of arrays and objects; not checked when absent. */
  depth?: number;
  /**
   * Most values, counted as `core/json_keys.ts` counts them: the `{`, `[` and `,` outside strings
   * (about one per value: each object and array, and each item or member past its first); not
   * checked when absent.
   */
  values?: number;
}

/**
 * The bound of `bounds` JSON `text` goes past: `"depth"` when it nests deeper (said first when
 * both are past), `"values"` when it holds more values; undefined when neither. The text need not
 * be valid JSON. At most one walk, which skips strings, and none for a text that can be past
 * neither (nearly every message).
 */
export function textBoundPast(text: string, bounds: TextBounds): "depth" | "values" | undefined {
  const { depth = Infinity, values = Infinity } = bounds;
  // Depth past the bound needs more opening brackets than it (in strings too), counted by the
  // native search, which stops at the first past it; more values need more characters.
  const mayNest = hasMoreOpenings(text, depth);
  const mayHoldMore = text.length > values;
  if (!mayNest && !mayHoldMore) return undefined;
  const past = walkToBound(text, {
    depth: mayNest ? depth : Infinity,
    values: mayHoldMore ? values : Infinity,
  });
  // The walk stopped at the value bound; the rest may still nest too deep, which is said first.
  if (past === "values" && mayNest && walkToBound(text, { depth, values: Infinity }) === "depth") {
    return "depth";
  }
  return past;
}

const COMMA = 0x2c;

/** {@linkcode textBoundPast}'s walk: the first bound past, strings skipped. */
function walkToBound(text: string, bounds: Required<TextBounds>): "depth" | "values" | undefined {
  const { depth: maxDepth, values: maxValues } = bounds;
  let depth = 0;
  let values = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    // Commas first, then the characters that matter to neither bound (digits, letters, `:`, space)
    // ruled out by range: the common characters of a long text of numbers cost fewer tests.
    if (code === COMMA) {
      if (++values > maxValues) return "values";
    } else if (
      code < QUOTE || (code > COMMA && code < OPEN_ARRAY) ||
      (code > CLOSE_ARRAY && code < OPEN_OBJECT)
    ) {
      continue;
    } else if (code === QUOTE) {
      at = skipString(text, at) - 1;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > maxDepth) return "depth";
      if (++values > maxValues) return "values";
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth--;
    }
  }
  return undefined;
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
