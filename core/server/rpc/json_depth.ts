/**
 * Nesting depth of JSON on the wire (the checks are `core/json_depth.ts`'s). A message nested
 * deeper than {@linkcode MAX_JSON_DEPTH} is refused with -32602 (HTTP 400) before it is parsed or validated;
 * the refusal carries the message's top-level `"id"` when a cheap scan finds it.
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
  textDepthExceeds,
} from "../../json_depth.ts";
import { textValuesExceed } from "../../json_keys.ts";
import { RpcCode, RpcError } from "./wire_errors.ts";
import {
  LONG_TEXT,
  REPEAT_OR_ESCAPE,
  repeatedEnvelopeMember,
  withRepeatedItems,
} from "./envelope_members.ts";

export { MAX_JSON_DEPTH, textDepthExceeds, valueDepthExceeds } from "../../json_depth.ts";

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
 * Most values one message may hold (200,000), counted as uploads count them (`core/json_keys.ts`:
 * its `{`, `[` and `,` outside strings). A 1 MiB frame of `{}` holds 340,000 and stalled the
 * server for half a second before any method could refuse them (attack28 F1); real messages hold
 * far fewer (a 2,500-entry book in `lorebook.create` about 150,000). Larger books and bundles go
 * through the upload routes (up to `MAX_TOTAL_VALUES`).
 */
export const MAX_MESSAGE_VALUES = 200_000;

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
 * Parses JSON text after checking its depth: throws -32602 when it nests too deep, -32700 (with
 * the parser's detail) when it is not JSON, and -32600 when a message holds an envelope member
 * twice (`envelope_members.ts`); a batch item that does is put in its place as a `RepeatedItem`,
 * which the batch refuses alone.
 */
export function parseJson(text: string, limit = MAX_JSON_DEPTH): unknown {
  // One leading BOM is dropped, as decoding UTF-8 bytes does (`decodeUtf8`): a text WebSocket
  // frame with one is read like a binary frame, an HTTP body or a stdio line with one.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (textDepthExceeds(text, limit)) throw new TooDeep(limit, scanTopLevelId(text));
  if (textValuesExceed(text, MAX_MESSAGE_VALUES)) {
    throw new TooManyValues(MAX_MESSAGE_VALUES, scanTopLevelId(text));
  }
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

/**
 * An `"id"` (or a cancel's `"requestId"`) member whose value starts with 16 digits or more
 * (2^53 has 16).
 */
const LONG_NUMBER_ID = /"(?:id|requestId)"\s*:\s*-?\d{16}/;

/** A member whose value starts with 16 digits or more, whatever its name. */
const LONG_NUMBER = /:\s*-?\d{16}/;

/**
 * Whether `text` may hold a long integer id: {@linkcode LONG_NUMBER_ID}, or any long number in a
 * text with a `\u` escape, which may spell the name (`"\u0069d"`: review34 F11).
 */
function mayHoldLongId(text: string): boolean {
  return LONG_NUMBER_ID.test(text) || (text.includes("\\u") && LONG_NUMBER.test(text));
}

/** {@linkcode LONG_NUMBER_ID} or {@linkcode REPEAT_OR_ESCAPE}: one regex call for both. */
const LONG_ID_OR_REPEAT = new RegExp(`${LONG_NUMBER_ID.source}|${REPEAT_OR_ESCAPE.source}`);

/** `JSON.rawJSON` and the reviver's source text (ES2026 JSON.parse source text access). */
const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/** Raw ids by their digits, while any holds one (see {@linkcode rawId}). */
const RAW_IDS = new Map<string, WeakRef<object>>();
const FORGET_RAW_ID = new FinalizationRegistry<string>((digits) => {
  if (RAW_IDS.get(digits)?.deref() === undefined) RAW_IDS.delete(digits);
});

/** How many raw ids are interned now (for tests: those no longer held are forgotten). */
export function rawIdCount(): number {
  return RAW_IDS.size;
}

/**
 * The raw id of the integer `digits` (a raw JSON value that serializes to the same digits): one
 * value per number while it is in use, so ids compare with `===` as other ids do. A request and
 * the `notifications/cancelled` naming it, or two requests sharing an id, hold the same value.
 */
export function rawId(digits: string): unknown {
  const known = RAW_IDS.get(digits)?.deref();
  if (known !== undefined) return known;
  const raw = rawJson(digits) as object;
  RAW_IDS.set(digits, new WeakRef(raw));
  FORGET_RAW_ID.register(raw, digits);
  return raw;
}

/** The integer digits a reviver's `value` was written with, when it is an integer past 2^53. */
function longIntegerSource(value: unknown, context?: { source?: string }): string | undefined {
  if (typeof value !== "number" || Number.isSafeInteger(value)) return undefined;
  const source = context?.source;
  return typeof source === "string" && /^-?\d+$/.test(source) ? source : undefined;
}

/**
 * Parses `text` keeping a JSON-RPC message's integer id beyond 2^53 exactly as the client wrote
 * it ({@linkcode rawId}): JSON-RPC wants the reply's id to be the request's, and a 64-bit
 * counter's id would otherwise come back rounded. So is the `params.requestId` of an MCP
 * `notifications/cancelled` (a message of `text`, or of its batch), which must name the very
 * request; a `requestId` anywhere else (a memory's metadata, a tool's arguments) stays a number.
 */
function parseKeepingLongIds(text: string): unknown {
  // The reviver sees a member's holder, not the holder's holder: a `requestId`'s digits are noted
  // by holder, and put back only into a cancel's params once the messages are whole.
  const requestIds = new Map<object, string>();
  const parsed: unknown = JSON.parse(
    text,
    function (this: unknown, key: string, value: unknown, context?: { source?: string }) {
      if ((key !== "id" && key !== "requestId") || this === null || typeof this !== "object") {
        return value;
      }
      const digits = longIntegerSource(value, context);
      if (digits === undefined) return value;
      if (key === "id") return "jsonrpc" in this ? rawId(digits) : value;
      requestIds.set(this, digits);
      return value;
    },
  );
  if (requestIds.size === 0) return parsed;
  for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
    if (message === null || typeof message !== "object") continue;
    const { method, params } = message as { method?: unknown; params?: unknown };
    if (method !== "notifications/cancelled" || params === null || typeof params !== "object") {
      continue;
    }
    const digits = requestIds.get(params);
    if (digits !== undefined) (params as Record<string, unknown>).requestId = rawId(digits);
  }
  return parsed;
}

/** True for an id kept as its raw digits (see {@linkcode parseJson}). */
export function isRawId(value: unknown): boolean {
  return (JSON as unknown as { isRawJSON(value: unknown): boolean }).isRawJSON(value);
}
