/**
 * Nesting depth of JSON, checked before anything walks it. Deep nesting is cheap to send and
 * costly to take: V8's JSON.parse needs about a second for a 1 MiB frame of `[[[[...`, and
 * recursive validators (zod) overflow the stack. A message nested deeper than
 * {@linkcode MAX_JSON_DEPTH} is refused with -32602 (HTTP 400) before it is parsed or validated;
 * the refusal carries the message's top-level `"id"` when a cheap scan finds it.
 *
 * @module
 */
import { RpcCode, RpcError } from "./wire_errors.ts";

/** Deepest nesting of arrays and objects accepted in one message, envelope included. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const COLON = 0x3a;
/** A JSON-RPC id that is a number, as JSON writes it. */
const NUMBER_ID = /-?\d{1,20}(\.\d{1,20})?([eE][+-]?\d{1,3})?/y;
/** Longest string id recovered from a frame that is not parsed (the text of the string). */
const MAX_ID_CHARS = 256;

/** The index just past the string whose opening quote is at `start` (or the text's length). */
function skipString(text: string, start: number): number {
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

/** The -32602 error for a message nested too deep; carries the request's id when found. */
export class TooDeep extends RpcError {
  /** The message's top-level `"id"` (see {@linkcode scanTopLevelId}), or null. */
  readonly requestId: string | number | null;

  constructor(limit: number, requestId: string | number | null = null) {
    super(RpcCode.InvalidParams, `Invalid params: JSON nested deeper than ${limit} levels`, {
      max_depth: limit,
    });
    this.requestId = requestId;
  }
}

/** The -32602 error for a message nested too deep. */
export function tooDeep(limit = MAX_JSON_DEPTH): RpcError {
  return new TooDeep(limit);
}

/** The id to answer a frame that could not be parsed with: the one found, if too deep; else null. */
export function unparsedFrameId(error: unknown): string | number | null {
  return error instanceof TooDeep ? error.requestId : null;
}

function skipSpace(text: string, start: number): number {
  let at = start;
  while (at < text.length && " \t\n\r".includes(text.charAt(at))) at++;
  return at;
}

/**
 * The top-level `"id"` of a message too deep to parse (a string or a number), found by one pass
 * that skips strings and nested values, so that the client can match the error to its request;
 * null for a batch, an id that is neither, or none.
 */
export function scanTopLevelId(text: string): string | number | null {
  let at = skipSpace(text, 0);
  if (text.charCodeAt(at) !== OPEN_OBJECT) return null;
  let depth = 0;
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      const end = skipString(text, at);
      if (depth === 1 && end - at === 4 && text.startsWith('"id"', at)) {
        const colon = skipSpace(text, end);
        if (text.charCodeAt(colon) === COLON) return readId(text, skipSpace(text, colon + 1));
      }
      at = end - 1;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      depth++;
    } else if ((code === CLOSE_ARRAY || code === CLOSE_OBJECT) && --depth === 0) {
      return null;
    }
  }
  return null;
}

/** The string or number id that starts at `at`; null for anything else. */
function readId(text: string, at: number): string | number | null {
  if (text.charCodeAt(at) === QUOTE) {
    const end = skipString(text, at);
    if (end - at > MAX_ID_CHARS + 2) return null;
    try {
      const id: unknown = JSON.parse(text.slice(at, end));
      return typeof id === "string" ? id : null;
    } catch {
      return null;
    }
  }
  NUMBER_ID.lastIndex = at;
  const match = NUMBER_ID.exec(text);
  if (!match) return null;
  const next = text.charAt(skipSpace(text, at + match[0].length));
  const id = Number(match[0]);
  return (next === "," || next === "}") && Number.isFinite(id) ? id : null;
}

/**
 * Parses JSON text after checking its depth: throws -32602 when it nests too deep, and -32700
 * (with the parser's detail) when it is not JSON.
 */
export function parseJson(text: string, limit = MAX_JSON_DEPTH): unknown {
  if (textDepthExceeds(text, limit)) throw new TooDeep(limit, scanTopLevelId(text));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RpcError(RpcCode.ParseError, "Parse error", {
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}
