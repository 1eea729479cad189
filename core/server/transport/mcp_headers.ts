/**
 * The request metadata headers of Streamable HTTP in MCP 2026-07-28 (`basic/transports/
 * streamable-http`, "Request Metadata" and "Server Validation"): `MCP-Protocol-Version` on every
 * POST, `Mcp-Method` mirroring the body's method, `Mcp-Name` mirroring `params.name` (tools/call,
 * prompts/get), `params.uri` (resources/read) or `params.taskId` (the tasks extension's methods).
 * A header that is missing, malformed or disagrees with the body is 400 with -32020
 * (`HeaderMismatch`): intermediaries may route on the headers, so the two must agree. So is a
 * POST sent as legacy (the header absent or a legacy revision, `Mcp-Session-Id` or not) whose
 * request's `_meta` names another revision ({@linkcode legacyHeaderMismatch}).
 *
 * @module
 */
import { RpcCode, RpcError, toWireError } from "../rpc/wire_errors.ts";
import { claimedRevision, ModernCode, unsupportedVersion } from "../mcp/mod.ts";
import { failure, isEchoableId, type JsonRpcId } from "../rpc/envelope.ts";
import { corsHeaders, isRequest } from "./mcp_http_parts.ts";
import { cutText } from "../../text_cut.ts";

/** Header carrying the request's method. */
export const METHOD_HEADER = "Mcp-Method";
/** Header carrying the request's tool, prompt, resource or task name. */
export const NAME_HEADER = "Mcp-Name";

/** Which param `Mcp-Name` mirrors, per method. */
const NAME_SOURCES: Record<string, string> = {
  "tools/call": "name",
  "prompts/get": "name",
  "resources/read": "uri",
  "tasks/get": "taskId",
  "tasks/update": "taskId",
  "tasks/cancel": "taskId",
};

const PREFIX = "=?base64?";
const SUFFIX = "?=";
const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * A header value as the body would have it: plain visible ASCII as it is, or the Base64 sentinel
 * (`=?base64?...?=`) decoded from UTF-8; undefined when a sentinel does not decode.
 */
export function decodeHeaderValue(value: string): string | undefined {
  if (!value.startsWith(PREFIX) || !value.endsWith(SUFFIX)) return value;
  try {
    const binary = atob(value.slice(PREFIX.length, value.length - SUFFIX.length));
    return decoder.decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** The most characters of a header's or the body's value a -32020 message quotes. */
const QUOTED_CHARS = 64;

/**
 * `value` as a -32020 message shows it: its first {@linkcode QUOTED_CHARS} characters, then "…".
 * Values come from the client and may be a megabyte long: quoted whole, the error would pass
 * `MAX_REPLY_BYTES` (attack30 F2).
 */
function shown(value: unknown): string {
  const text = String(value);
  return text.length > QUOTED_CHARS ? `${cutText(text, QUOTED_CHARS)}…` : text;
}

function mismatch(message: string): RpcError {
  return new RpcError(ModernCode.HeaderMismatch, `Header mismatch: ${message}`);
}

/**
 * The params field `Mcp-Name` mirrors for `method`, if any: an own-property lookup, since a method
 * named `constructor` or `toString` would otherwise find `Object.prototype`'s members (review42 R7).
 */
function sourceOf(method: unknown): string | undefined {
  const key = String(method);
  return Object.hasOwn(NAME_SOURCES, key) ? NAME_SOURCES[key] : undefined;
}

/** The body's value `Mcp-Name` must carry for `message`, when its method has one. */
function nameOf(message: Record<string, unknown>): string | undefined {
  const source = sourceOf(message.method);
  if (source === undefined) return undefined;
  const params = message.params as Record<string, unknown> | undefined;
  const value = params?.[source];
  return typeof value === "string" ? value : undefined;
}

/**
 * Checks a modern request's headers against its body (`version` is the `MCP-Protocol-Version`
 * header); throws -32020 on the first disagreement. A request whose `_meta` lacks the revision is
 * left to the envelope check (-32602: a required field is missing).
 */
export function checkModernHeaders(
  request: Request,
  message: Record<string, unknown>,
  version: string,
): void {
  const claimed = claimedRevision(message);
  if (claimed !== undefined && claimed !== version) {
    throw mismatch(
      `MCP-Protocol-Version header value '${shown(version)}' does not match body value '${
        shown(claimed)
      }'`,
    );
  }
  const method = request.headers.get(METHOD_HEADER);
  if (method === null) throw mismatch(`${METHOD_HEADER} header is required`);
  if (method !== message.method) {
    throw mismatch(
      `${METHOD_HEADER} header value '${shown(method)}' does not match body value '${
        shown(message.method)
      }'`,
    );
  }
  const name = nameOf(message);
  const source = sourceOf(message.method);
  if (source === undefined) return;
  const given = (message.params as Record<string, unknown> | undefined)?.[source!];
  if (name === undefined && given !== undefined) {
    // A value of the wrong type (a numeric taskId) is the params' fault, not the headers'.
    throw new RpcError(
      RpcCode.InvalidParams,
      `Invalid params: ${source} must be a string (got ${given === null ? "null" : typeof given})`,
      { fields: [{ field: source, message: "must be a string" }] },
    );
  }
  const header = request.headers.get(NAME_HEADER);
  if (header === null) {
    throw mismatch(`${NAME_HEADER} header is required for ${shown(message.method)}`);
  }
  const decoded = decodeHeaderValue(header);
  if (decoded === undefined) throw mismatch(`${NAME_HEADER} header has a malformed base64 value`);
  if (decoded !== name) {
    throw mismatch(
      `${NAME_HEADER} header value '${shown(decoded)}' does not match body value '${shown(name)}'`,
    );
  }
}

/** The revision a POST without `MCP-Protocol-Version` speaks (2025-06-18 transports). */
const HEADERLESS_REVISION = "2025-03-26";

/**
 * The 400 -32020 of a legacy POST (`version`: its `MCP-Protocol-Version`, a legacy revision or
 * null) one of whose requests' `_meta` names another revision; undefined when none does. A
 * request with a modern `_meta` is served statelessly by 2026-07-28's rules (`basic/versioning`),
 * which want the header to equal the `_meta`'s revision and the request refused otherwise
 * (`streamable-http`, "Protocol Version Header"): neither wins, since a gateway may have routed
 * by the header and the server would act on the body. The request is not run, and the legacy
 * session it named (if any) is untouched.
 */
export function legacyHeaderMismatch(
  request: Request,
  value: unknown,
  version: string | null,
): Response | undefined {
  const sent = version ?? HEADERLESS_REVISION;
  for (const message of Array.isArray(value) ? value : [value]) {
    if (!isRequest(message)) continue;
    const claimed = claimedRevision(message);
    if (claimed === undefined || claimed === sent) continue;
    const header = version === null
      ? "MCP-Protocol-Version header is missing (so 2025-03-26)"
      : `MCP-Protocol-Version header value '${shown(version)}'`;
    const error = mismatch(
      `${header} does not match body value '${shown(claimed)}': send MCP-Protocol-Version: ${
        shown(claimed)
      }`,
    );
    const id = (message as { id: unknown }).id;
    return Response.json(failure(isEchoableId(id) ? id : null, toWireError(error).error), {
      status: 400,
      headers: corsHeaders(request),
    });
  }
  return undefined;
}

/**
 * The 400 of an `MCP-Protocol-Version` header naming a revision this server does not speak: a
 * modern error body (a dual-era client retries with a listed revision, a legacy one stops).
 */
export function unsupportedHeader(request: Request, version: string, id: JsonRpcId): Response {
  return Response.json(failure(id, toWireError(unsupportedVersion(version)).error), {
    status: 400,
    headers: corsHeaders(request),
  });
}
