/**
 * The modern era's request envelope (MCP 2026-07-28, `basic/index` "_meta" and
 * `basic/versioning`): every request carries its revision and the client's capabilities in
 * `params._meta`, every result carries `resultType` and the server's identity, and three error
 * codes of the MCP range (-32020..-32022) report what is wrong with the envelope.
 *
 * @module
 */
import { RpcCode, RpcError, type WireError } from "../rpc/wire_errors.ts";
import { keepJsonText, keptJson } from "../rpc/kept_json.ts";
import { cutText } from "../../text_cut.ts";
import {
  isModernVersion,
  LOGGING_LEVELS,
  MODERN_PROTOCOL_VERSIONS,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "./protocol.ts";

/** The reserved `_meta` keys this server reads and writes (2026-07-28 `basic/index`). */
export const META_KEYS = {
  protocolVersion: "io.modelcontextprotocol/protocolVersion",
  clientInfo: "io.modelcontextprotocol/clientInfo",
  clientCapabilities: "io.modelcontextprotocol/clientCapabilities",
  logLevel: "io.modelcontextprotocol/logLevel",
  serverInfo: "io.modelcontextprotocol/serverInfo",
  subscriptionId: "io.modelcontextprotocol/subscriptionId",
} as const;

/** The error codes 2026-07-28 defines (its schema's `HEADER_MISMATCH` ...). */
export const ModernCode = {
  HeaderMismatch: -32020,
  MissingRequiredClientCapability: -32021,
  UnsupportedProtocolVersion: -32022,
} as const;

/** The tasks extension's identifier (`io.modelcontextprotocol/tasks`, ext-tasks 2026-07-28). */
export const TASKS_EXTENSION = "io.modelcontextprotocol/tasks";

/** Methods the modern era removed: a modern request for one is -32601 (404 on HTTP). */
export const REMOVED_IN_MODERN: ReadonlySet<string> = new Set([
  "initialize",
  "notifications/initialized",
  "ping",
  "logging/setLevel",
  "resources/subscribe",
  "resources/unsubscribe",
]);

/** Methods only the modern era has: without the modern `_meta` they are malformed (-32602). */
export const MODERN_ONLY: ReadonlySet<string> = new Set([
  "server/discover",
  "subscriptions/listen",
  "tasks/get",
  "tasks/update",
  "tasks/cancel",
]);

/** The validated modern `_meta` of a request. */
export interface ModernMeta {
  protocolVersion: string;
  clientCapabilities: Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The revision a message claims in `params._meta`, when it claims one (a string). */
export function claimedRevision(message: unknown): string | undefined {
  if (!isObject(message) || !isObject(message.params)) return undefined;
  const meta = message.params._meta;
  if (!isObject(meta)) return undefined;
  const version = meta[META_KEYS.protocolVersion];
  return typeof version === "string" ? version : undefined;
}

/** True when a handler runs for a modern-era request (its `_meta` names a revision). */
export function isModernMeta(meta: Record<string, unknown> | undefined): boolean {
  return typeof meta?.[META_KEYS.protocolVersion] === "string";
}

/** The most characters of a requested revision a -32022 error echoes (as -32020 quotes values). */
const ECHOED_VERSION_CHARS = 64;

/**
 * `requested` as a -32022 error's `data.requested` shows it: cut to {@linkcode ECHOED_VERSION_CHARS}
 * characters, then "…". A `_meta` revision may be a megabyte long: echoed whole, the error would
 * pass the reply limit (fix123's leftover of attack30 F2).
 */
function echoed(requested: string): string {
  return requested.length > ECHOED_VERSION_CHARS
    ? `${cutText(requested, ECHOED_VERSION_CHARS)}…`
    : requested;
}

/** The -32022 error of 2026-07-28 `basic/versioning`, listing what this server speaks. */
export function unsupportedVersion(requested: string): RpcError {
  return new RpcError(ModernCode.UnsupportedProtocolVersion, "Unsupported protocol version", {
    supported: SUPPORTED_PROTOCOL_VERSIONS,
    requested: echoed(requested),
  });
}

/**
 * The -32022 of a `_meta` naming a revision it cannot: only the revisions `_meta` can name are
 * listed (a client retrying with a listed one succeeds; a legacy revision is negotiated by
 * `initialize`, and listing it would send a dual-era client round in circles).
 */
function unsupportedInMeta(requested: string): RpcError {
  const legacy = SUPPORTED_PROTOCOL_VERSIONS.includes(requested);
  return new RpcError(
    ModernCode.UnsupportedProtocolVersion,
    legacy
      ? `Unsupported protocol version: ${requested} is negotiated by initialize, not named in _meta`
      : "Unsupported protocol version",
    { supported: [...MODERN_PROTOCOL_VERSIONS], requested: echoed(requested) },
  );
}

function malformed(field: string, message: string): RpcError {
  return new RpcError(RpcCode.InvalidParams, `Invalid params: _meta.${field} ${message}`, {
    fields: [{ field: `_meta.${field}`, message }],
  });
}

/**
 * Checks the per-request fields of a modern request's `_meta`: a revision this server speaks
 * (-32022 otherwise), the client's capabilities as an object and, when present, a known log level
 * (-32602 otherwise: "a request missing any required field is malformed").
 */
export function checkModernMeta(meta: unknown): ModernMeta {
  if (!isObject(meta)) throw malformed(META_KEYS.protocolVersion, "is required");
  const version = meta[META_KEYS.protocolVersion];
  if (typeof version !== "string") throw malformed(META_KEYS.protocolVersion, "is required");
  if (!isModernVersion(version)) {
    throw unsupportedInMeta(version);
  }
  const capabilities = meta[META_KEYS.clientCapabilities];
  if (!isObject(capabilities)) {
    throw malformed(META_KEYS.clientCapabilities, "is required (an object; {} for none)");
  }
  const level = meta[META_KEYS.logLevel];
  if (level !== undefined && !(LOGGING_LEVELS as readonly unknown[]).includes(level)) {
    throw malformed(META_KEYS.logLevel, `must be one of ${LOGGING_LEVELS.join(", ")}`);
  }
  return { protocolVersion: version, clientCapabilities: capabilities };
}

/** True for the -32602 of a malformed `_meta` (HTTP answers it with 400). */
export function isEnvelopeError(error: WireError): boolean {
  const fields = (error.data as { fields?: Array<{ field?: unknown }> } | undefined)?.fields;
  const field = fields?.[0]?.field;
  return error.code === RpcCode.InvalidParams && typeof field === "string" &&
    field.startsWith("_meta.");
}

/** The error for a modern-only method reached without the modern `_meta`. */
export function modernOnly(method: string): RpcError {
  return malformed(
    META_KEYS.protocolVersion,
    `is required: ${method} belongs to MCP ${MODERN_PROTOCOL_VERSIONS[0]}`,
  );
}

/** True when the request's client declared the extension `id` in its capabilities. */
export function declaresExtension(meta: Record<string, unknown> | undefined, id: string): boolean {
  const capabilities = meta?.[META_KEYS.clientCapabilities];
  if (!isObject(capabilities) || !isObject(capabilities.extensions)) return false;
  return isObject(capabilities.extensions[id]);
}

/** The server's identity, as results carry it. */
export interface ServerInfo {
  name: string;
  title: string;
  version: string;
}

/**
 * A result as the modern era sends it: `resultType` (kept when the handler chose one, e.g.
 * `"task"`), and the server's identity in `_meta`.
 */
export function modernResult(result: unknown, serverInfo: ServerInfo): Record<string, unknown> {
  const body = isObject(result) ? result : {};
  const kept = keptJson(body);
  if (kept !== undefined && !("_meta" in body) && !("resultType" in body)) {
    return keptModernResult(body, kept.text, serverInfo);
  }
  const meta = isObject(body._meta) ? body._meta : {};
  return {
    resultType: typeof body.resultType === "string" ? body.resultType : "complete",
    ...body,
    _meta: { ...meta, [META_KEYS.serverInfo]: serverInfo },
  };
}

/**
 * {@linkcode modernResult} of a kept result (its JSON held, e.g. a finished task's): the same
 * object, its properties copied as they are (a getter is not called), and its JSON spliced around
 * the kept text, so that a large result is neither parsed nor serialized again per reply.
 */
function keptModernResult(
  body: Record<string, unknown>,
  text: string,
  serverInfo: ServerInfo,
): Record<string, unknown> {
  const meta = { [META_KEYS.serverInfo]: serverInfo };
  const modern: Record<string, unknown> = { resultType: "complete" };
  for (const [key, property] of Object.entries(Object.getOwnPropertyDescriptors(body))) {
    if (property.enumerable) {
      Object.defineProperty(modern, key, { ...property, configurable: true });
    }
  }
  modern._meta = meta;
  const inner = text.slice(1, -1);
  return keepJsonText(
    modern,
    `{"resultType":"complete",${inner}${inner === "" ? "" : ","}"_meta":${JSON.stringify(meta)}}`,
  );
}

/**
 * An error as the modern era sends it. 2026-07-28 forbids emitting -32002 (once "resource not
 * found"); this server's "Memory error" carries that code in the legacy era and becomes -32603
 * here, its message and data kept (it is an expected failure, not an internal one).
 */
export function modernError(error: WireError): WireError {
  if (error.code !== RpcCode.MemoryError) return error;
  return { ...error, code: RpcCode.InternalError };
}
