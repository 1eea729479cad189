/**
 * MCP Streamable HTTP on the WebSocket port's `/mcp`, in both eras. `POST` carries one message
 * (or, legacy only, a batch); requests are answered with JSON, or with an SSE stream when the
 * handler sends notifications first (a chat's progress); notifications get 202; `GET` is 405.
 *
 * - Legacy (2025-11-25 and earlier): `initialize` opens a session whose id (`Mcp-Session-Id`)
 *   every later request must carry; `DELETE` ends it.
 * - Modern (`MCP-Protocol-Version: 2026-07-28`): stateless. Each POST is served on its own, in a
 *   session no registry holds (no `Mcp-Session-Id` is needed, issued, or read); its headers must
 *   agree with its body (`mcp_headers.ts`); envelope errors are 400, an unknown method 404.
 *
 * @module
 */
import { batchError, isModernVersion, isSupportedVersion } from "../mcp/mod.ts";
import { readableId } from "../rpc/envelope.ts";
import { parseJson, unparsedFrameId } from "../rpc/json_depth.ts";
import { RpcCode, RpcError, toWireError } from "../rpc/wire_errors.ts";
import {
  legacyHeaderMismatch,
  METHOD_HEADER,
  NAME_HEADER,
  unsupportedHeader,
} from "./mcp_headers.ts";
import type { ConnectionDeps } from "./connection_options.ts";
import { acceptedTypes, BodyTooLarge, mediaType, readBoundedText } from "./http_body.ts";
import { BodyNotReceived, bodyReadFailure } from "./body_deadline.ts";
import { answerModern } from "./mcp_http_modern.ts";
import { drainingRefusalOf } from "./mcp_http_drain.ts";
import {
  corsHeaders,
  httpError,
  isClientResponse,
  isRequest,
  type Message,
  PROTOCOL_VERSION_HEADER,
  SESSION_ID_HEADER,
} from "./mcp_http_parts.ts";
import { answer, answerBatch } from "./mcp_http_reply.ts";
import { HttpSessions } from "./mcp_http_sessions.ts";
import { StorageUnavailable } from "../../errors.ts";
import { retryAfterSeconds } from "../security/refusals.ts";
import { clientNetwork } from "../../cluster/client_address.ts";
import type { SessionOpenings } from "../security/session_openings.ts";

export { PROTOCOL_VERSION_HEADER, SESSION_ID_HEADER } from "./mcp_http_parts.ts";

const ALLOWED_METHODS = "POST, DELETE, OPTIONS";

/** The Streamable HTTP endpoint. */
export interface McpHttpEndpoint {
  /**
   * Answers one HTTP request to `/mcp` (the caller has checked Host and Origin); `client` (its
   * address) is what MAX_SESSIONS_PER_CLIENT_PER_MIN counts an `initialize` against;
   * `principal`, who the client authenticated as, owns the MCP tasks a stateless request starts.
   */
  handle(
    request: Request,
    client?: string,
    options?: { principal?: string | null },
  ): Promise<Response>;
}

/**
 * Creates the endpoint. The framing: one HTTP request carries one message (or batch) and gets
 * its answer in place; an MCP session (`Mcp-Session-Id`) is one `Connection` that lives across
 * requests until `DELETE` or expiry (`mcp_http_sessions.ts`). While `options.draining()`, only
 * notifications are served (`mcp_http_drain.ts`).
 */
export function createMcpHttpEndpoint(
  deps: ConnectionDeps,
  options: { openings?: SessionOpenings; draining?: () => boolean } = {},
): McpHttpEndpoint {
  const { log } = deps;
  const limit = deps.options.maxMessageBytes;
  const legacy = new HttpSessions(deps, options);

  async function readMessage(request: Request): Promise<unknown | Response> {
    if (mediaType(request.headers.get("content-type")) !== "application/json") {
      return httpError(request, 415, "Unsupported Media Type: send Content-Type: application/json");
    }
    let text: string;
    try {
      text = await readBoundedText(request, limit);
    } catch (error) {
      // A body that never arrived is the client's leaving, answered (and logged) by `handle`.
      if (error instanceof RpcError && !(error instanceof BodyNotReceived)) {
        return httpError(request, 400, error.message, { code: error.code });
      }
      if (!(error instanceof BodyTooLarge)) throw error;
      return httpError(request, 413, `Request body larger than ${limit} bytes`);
    }
    try {
      return parseJson(text, deps.options.maxMessageValues);
    } catch (error) {
      const { code, message, data } = error as RpcError;
      const detail = (data as { detail?: string }).detail;
      // A message nested too deep, or holding a member twice, still names its request's id and
      // carries its data (as on a WebSocket); a parse error's detail is in its message.
      return httpError(request, 400, detail ? `${message}: ${detail}` : message, {
        code,
        id: unparsedFrameId(error),
        data: detail ? undefined : data,
      });
    }
  }

  async function post(
    request: Request,
    client: string,
    principal: string | null,
  ): Promise<Response> {
    const accepts = acceptedTypes(request);
    if (!accepts.json && !accepts.sse) {
      return httpError(
        request,
        406,
        "Not Acceptable: accept application/json or text/event-stream",
      );
    }
    const value = await readMessage(request);
    if (value instanceof Response) return value;
    // Shutting down: a cancel still takes effect, a new call is refused (mcp_http_drain.ts).
    const draining = options.draining?.() ? drainingRefusalOf(request, value) : null;
    if (draining !== null) return draining;
    const version = request.headers.get(PROTOCOL_VERSION_HEADER);
    // What the client's listens count against (MAX_LISTENS_PER_CLIENT): its network.
    const network = clientNetwork(client);
    if (version !== null && isModernVersion(version)) {
      return await answerModern({ deps, request, value, version, principal, client: network });
    }
    if (version !== null && !isSupportedVersion(version)) {
      return unsupportedHeader(request, version, readableId(value));
    }
    // A modern `_meta` sent as legacy: header and body disagree (400 -32020, nothing runs).
    const mismatched = legacyHeaderMismatch(request, value, version);
    if (mismatched) return mismatched;
    const messages = Array.isArray(value) ? value : [value];
    if (messages.length === 0) return httpError(request, 400, "Invalid Request: empty batch");
    const isInitialize = messages.some((item) => isRequest(item) && item.method === "initialize");
    if (isInitialize && Array.isArray(value)) {
      // Not even a batch of one: the session it opened could not be told (MCP lifecycle).
      return httpError(request, 400, batchError(value, null)!.message);
    }
    if (isInitialize) return await legacy.initialize(request, { message: value, client });
    const connection = await legacy.find(request);
    if (connection instanceof Response) return connection;
    connection.session.client = network;
    const batchRefused = Array.isArray(value) ? batchError(value, connection.session) : undefined;
    if (batchRefused !== undefined) return httpError(request, 400, batchRefused.message);
    const inbound = messages.filter((item) => !isClientResponse(item));
    if (!inbound.some(isRequest)) {
      // Notifications only: accepted (202) unless one is malformed (400 with its error).
      const reply = inbound.length === 0
        ? undefined
        : await connection.exchange(Array.isArray(value) ? inbound : inbound[0]);
      if (reply === undefined) {
        return new Response(null, { status: 202, headers: corsHeaders(request) });
      }
      return Response.json(reply, { status: 400, headers: corsHeaders(request) });
    }
    if (Array.isArray(value)) return await answerBatch({ request, inbound, connection });
    return await answer({ request, message: value as Message, connection, log });
  }

  async function route(
    request: Request,
    client: string,
    principal: string | null,
  ): Promise<Response> {
    switch (request.method) {
      case "POST":
        return await post(request, client, principal);
      case "DELETE": {
        // Checked on every request after initialize, as on POST (MCP transports, 2025-06-18).
        const version = request.headers.get(PROTOCOL_VERSION_HEADER);
        if (version !== null && !isSupportedVersion(version)) {
          return unsupportedHeader(request, version, null);
        }
        return await legacy.end(request);
      }
      case "OPTIONS":
        return new Response(null, {
          status: 204,
          headers: {
            ...corsHeaders(request),
            "Access-Control-Allow-Methods": ALLOWED_METHODS,
            // Authorization: AUTH_TOKEN's bearer token, which no wildcard would cover.
            "Access-Control-Allow-Headers": `Content-Type, Accept, Authorization, ` +
              `${SESSION_ID_HEADER}, ${PROTOCOL_VERSION_HEADER}, ${METHOD_HEADER}, ${NAME_HEADER}, ` +
              `Last-Event-ID`,
            "Access-Control-Max-Age": "600",
          },
        });
      default:
        // No server-initiated stream: this server never sends unrequested messages.
        return httpError(request, 405, `Method Not Allowed: use ${ALLOWED_METHODS}`, {
          headers: { Allow: ALLOWED_METHODS },
        });
    }
  }

  return {
    async handle(request, client = "unknown", options = {}) {
      try {
        return await route(request, client, options.principal ?? null);
      } catch (thrown) {
        const error = bodyReadFailure(thrown);
        if (error instanceof BodyNotReceived) {
          // The client went away mid-body, or sent it too slowly: its abort, not our error.
          log.debug("Streamable HTTP request body not received", { reason: error.reason });
          return httpError(request, 400, error.message, { code: error.code });
        }
        // An expected failure outside any one call (the database out of reach while the
        // session is looked up): answered as the dispatcher would, not logged as a bug.
        const mapped = toWireError(thrown);
        if (!mapped.internal) {
          return httpError(request, mapped.status, mapped.error.message, {
            code: mapped.error.code,
            headers: thrown instanceof StorageUnavailable
              ? { "Retry-After": String(retryAfterSeconds(thrown.retryAfterMs)) }
              : {},
          });
        }
        // A bug: logged, answered without its message.
        log.error("Streamable HTTP request failed", { error });
        return httpError(request, 500, "Internal error", { code: RpcCode.InternalError });
      }
    },
  };
}
