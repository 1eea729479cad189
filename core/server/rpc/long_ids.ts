/**
 * Integer ids beyond 2^53, kept digit for digit: `JSON.parse` would round a 64-bit counter's id,
 * and JSON-RPC wants the reply's id to be the request's. `parseJson` (`json_depth.ts`) parses a
 * message that may hold one with {@linkcode parseKeepingLongIds}, and reads the id of a message it
 * refuses unparsed with {@linkcode longIntegerSource} and {@linkcode rawId}.
 *
 * @module
 */

/**
 * An `"id"` (or a cancel's `"requestId"`) member whose value starts with 16 digits or more
 * (2^53 has 16).
 */
export const LONG_NUMBER_ID = /"(?:id|requestId)"\s*:\s*-?\d{16}/;

/** A member whose value starts with 16 digits or more, whatever its name. */
const LONG_NUMBER = /:\s*-?\d{16}/;

/**
 * Whether `text` may hold a long integer id: {@linkcode LONG_NUMBER_ID}, or any long number in a
 * text with a `\u` escape, which may spell the name (`"\u0069d"`: review34 F11).
 */
export function mayHoldLongId(text: string): boolean {
  return LONG_NUMBER_ID.test(text) || (text.includes("\\u") && LONG_NUMBER.test(text));
}

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
export function longIntegerSource(
  value: unknown,
  context?: { source?: string },
): string | undefined {
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
export function parseKeepingLongIds(text: string): unknown {
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

/** True for an id kept as its raw digits (see {@linkcode parseKeepingLongIds}). */
export function isRawId(value: unknown): boolean {
  return (JSON as unknown as { isRawJSON(value: unknown): boolean }).isRawJSON(value);
}
