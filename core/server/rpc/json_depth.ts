/**
 * Nesting depth and values of JSON on the wire (the checks are `core/json_depth.ts`'s). A message
 * nested deeper than {@linkcode MAX_JSON_DEPTH}, or holding more values than
 * {@linkcode messageValueLimit} allows, is refused with -32602 (HTTP 400) before it is parsed or
 * validated; the refusal carries the message's top-level `"id"` when a cheap scan finds it.
 *
 * @module
 */
import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  MAX_JSON_DEPTH,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  skipString,
  textBoundPast,
} from "../../json_depth.ts";
import { RpcCode, RpcError } from "./wire_errors.ts";
import {
  LONG_TEXT,
  REPEAT_OR_ESCAPE,
  repeatedEnvelopeMember,
  withRepeatedItems,
} from "./envelope_members.ts";
import {
  LONG_NUMBER_ID,
  longIntegerSource,
  mayHoldLongId,
  parseKeepingLongIds,
  rawId,
} from "./long_ids.ts";

export { MAX_JSON_DEPTH, textDepthExceeds, valueDepthExceeds } from "../../json_depth.ts";
export { isRawId, rawId, rawIdCount } from "./long_ids.ts";

const COLON = 0x3a;
/** A JSON-RPC id that is a number, as JSON writes it. */
const NUMBER_ID = /-?\d{1,20}(\.\d{1,20})?([eE][+-]?\d{1,3})?/y;
/** Longest string id recovered from a frame that is not parsed (the text of the string). */
const MAX_ID_CHARS = 256;

/** The error for a message refused before it is read; carries the request's id when found. */
export class UnreadFrame extends RpcError {
  /** The message's top-level `"id"` (see {@linkcode scanTopLevelId}), or null. */
  readonly requestId: string | number | null;

  constructor(
    code: number,
    message: string,
    data: Record<string, unknown>,
    requestId: string | number | null,
  ) {
    super(code, message, data);
    this.requestId = requestId;
  }
}

/** The -32602 error for a message nested too deep; carries the request's id when found. */
export class TooDeep extends UnreadFrame {
  constructor(limit: number, requestId: string | number | null = null) {
    super(
      RpcCode.InvalidParams,
      `Invalid params: JSON nested deeper than ${limit} levels`,
      { max_depth: limit },
      requestId,
    );
  }
}

/**
 * The -32600 error for a message (or batch item) holding an envelope member twice
 * (`envelope_members.ts`); carries the request's id when that is not the member repeated.
 */
export class RepeatedMember extends UnreadFrame {
  constructor(member: string, requestId: string | number | null = null) {
    super(
      RpcCode.InvalidRequest,
      `Invalid Request: "${member}" appears twice in one message (jsonrpc, method, id and ` +
        "params must each appear once)",
      { member },
      requestId,
    );
  }
}

/**
 * Most values one message may hold at the default frame limit (`MAX_FRAME_BYTES`, 1 MiB):
 * 200,000, counted as uploads count them (`core/json_keys.ts`: its `{`, `[` and `,` outside
 * strings). A 1 MiB frame of `{}` holds 340,000 and stalled the server for half a second before
 * any method could refuse them (attack28 F1); real messages hold far fewer (a `lorebook.create`
 * of SillyTavern World Info entries that fills a 1 MiB frame, 890 entries, holds 52,000).
 * Larger books and bundles go through the upload routes (up to `MAX_TOTAL_VALUES`). With a
 * larger frame limit the bound grows with it: {@linkcode messageValueLimit}.
 */
export const MAX_MESSAGE_VALUES = 200_000;

const MIB = 1_048_576;

/**
 * Most values one message may hold when frames and bodies may be `frameBytes` long
 * (`MAX_FRAME_BYTES`): {@linkcode MAX_MESSAGE_VALUES} per MiB, and never fewer. A raised frame
 * limit lets larger messages through (a bundle of 10,000 memories in `persona.import`), whose
 * values grow with their size; a frame of `{}` as large stalls the parse for as much longer as it
 * is larger, which the setting accepts. A lowered one keeps 200,000: a smaller frame holds fewer.
 */
export function messageValueLimit(frameBytes: number): number {
  return Math.max(MAX_MESSAGE_VALUES, Math.floor((frameBytes / MIB) * MAX_MESSAGE_VALUES));
}

/** The -32602 error for a message of too many values; carries the request's id when found. */
export class TooManyValues extends UnreadFrame {
  constructor(limit: number, requestId: string | number | null = null) {
    super(
      RpcCode.InvalidParams,
      `Invalid params: JSON of more than ${limit} values (objects, arrays and items)`,
      { max_values: limit },
      requestId,
    );
  }
}

/** The -32602 error for a message nested too deep. */
export function tooDeep(limit = MAX_JSON_DEPTH): RpcError {
  return new TooDeep(limit);
}

/**
 * The id to answer a frame that could not be read with: the one found, if too deep or holding a
 * member twice; else null.
 */
export function unparsedFrameId(error: unknown): string | number | null {
  return error instanceof UnreadFrame ? error.requestId : null;
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
      if (depth === 1 && end - at <= ESCAPED_ID_CHARS && isIdName(text.slice(at, end))) {
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

/** Longest JSON string that can spell `id` (`"\u0069\u0064"`). */
const ESCAPED_ID_CHARS = 14;

/**
 * True when the JSON string `quoted` (quotes included) is `"id"`, as written or with escapes
 * (`"\u0069d"`), decoded as `envelope_members.ts` decodes an escaped name (review36 R36-5).
 */
function isIdName(quoted: string): boolean {
  if (quoted === '"id"') return true;
  if (!quoted.includes("\\")) return false;
  try {
    return JSON.parse(quoted) === "id";
  } catch {
    return false;
  }
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
  if ((next !== "," && next !== "}") || !Number.isFinite(id)) return null;
  // An integer past 2^53 keeps its digits, as a message that parses keeps them.
  const digits = longIntegerSource(id, { source: match[0] });
  return digits === undefined ? id : rawId(digits) as number;
}

/**
 * Parses JSON text after checking its depth and its values: throws -32602 when it nests deeper
 * than {@linkcode MAX_JSON_DEPTH} or holds more than `maxValues` values (the transport's
 * {@linkcode messageValueLimit}), -32700 (with the parser's detail) when it is not JSON, and
 * -32600 when a message holds an envelope member twice (`envelope_members.ts`); a batch item
 * that does is put in its place as a `RepeatedItem`, which the batch refuses alone.
 */
export function parseJson(text: string, maxValues = MAX_MESSAGE_VALUES): unknown {
  // One leading BOM is dropped, as decoding UTF-8 bytes does (`decodeUtf8`): a text WebSocket
  // frame with one is read like a binary frame, an HTTP body or a stdio line with one.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Depth and values in one walk, and only of a text that may be past either (review36 R36-1).
  const past = textBoundPast(text, { depth: MAX_JSON_DEPTH, values: maxValues });
  if (past === "depth") throw new TooDeep(MAX_JSON_DEPTH, scanTopLevelId(text));
  if (past === "values") throw new TooManyValues(maxValues, scanTopLevelId(text));
  // A short text (nearly every message) is searched for both concerns in one regex pass; one
  // that shows either (or a long text) is looked at for each on its own.
  const quiet = text.length <= LONG_TEXT && !LONG_ID_OR_REPEAT.test(text);
  let value: unknown;
  try {
    // Only a text that may hold a long integer id pays for the reviver.
    value = !quiet && mayHoldLongId(text) ? parseKeepingLongIds(text) : JSON.parse(text);
  } catch (error) {
    throw new RpcError(RpcCode.ParseError, "Parse error", {
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  const repeated = quiet ? undefined : repeatedEnvelopeMember(text);
  if (repeated !== undefined) {
    // A batch's other items still run: only the items holding a member twice are refused.
    if (Array.isArray(value)) return withRepeatedItems(value, text);
    const id = repeated === "id" ? null : scanTopLevelId(text);
    throw new RepeatedMember(repeated, id);
  }
  return value;
}

/** {@linkcode LONG_NUMBER_ID} or {@linkcode REPEAT_OR_ESCAPE}: one regex call for both. */
const LONG_ID_OR_REPEAT = new RegExp(`${LONG_NUMBER_ID.source}|${REPEAT_OR_ESCAPE.source}`);
