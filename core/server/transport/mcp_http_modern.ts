/**
 * A modern (MCP 2026-07-28, stateless) POST to `/mcp`: see `mcp_http.ts`.
 *
 * @module
 */
import { checkModernMeta, isEnvelopeError } from "../mcp/mod.ts";
import {
  checkRequest,
  failure,
  isEchoableId,
  type JsonRpcId,
  readableId,
} from "../rpc/envelope.ts";
import { RpcCode, RpcError, toWireError, type WireError } from "../rpc/wire_errors.ts";
import { Session } from "../../sessions/mod.ts";
import { checkModernHeaders } from "./mcp_headers.ts";
import { Connection } from "./connection.ts";
import type { ConnectionDeps } from "./connection_options.ts";
import {
  corsHeaders,
  isClientResponse,
  isObject,
  isRequest,
  MODERN_STATUS,
} from "./mcp_http_parts.ts";
import { answer } from "./mcp_http_reply.ts";

/**
 * A modern (stateless) POST: one message, headers that agree with it, served in a session of
 * its own that no registry holds. Notifications are accepted and need no headers (2026-07-28
 * defines none on HTTP; a cancel there is closing the response stream).
 */
export async function answerModern(
  { deps, request, value, version, principal, client }: {
    deps: ConnectionDeps;
    request: Request;
    value: unknown;
    version: string;
    principal: string | null;
    /** The client's network (`clientNetwork`), what its listens count against. */
    client: string;
  },
): Promise<Response> {
  const refuse = (error: RpcError, id: JsonRpcId = null) =>
    Response.json(failure(id, toWireError(error).error), {
      status: MODERN_STATUS[error.code] ?? 400,
      headers: corsHeaders(request),
    });
  if (!isObject(value)) {
    return refuse(
      new RpcError(RpcCode.InvalidRequest, "Invalid Request: send one JSON-RPC message"),
    );
  }
  if (isClientResponse(value)) {
    return new Response(null, { status: 202, headers: corsHeaders(request) });
  }
  // A message that is neither a request nor a notification (a method that is no string, a
  // wrong "jsonrpc") is refused: accepting it with 202 would hide the client's mistake.
  try {
    checkRequest(value);
  } catch (error) {
    return refuse(error as RpcError, readableId(value));
  }
  if (!isRequest(value)) {
    return new Response(null, { status: 202, headers: corsHeaders(request) });
  }
  const id = isEchoableId(value.id) ? value.id : null;
  try {
    checkModernHeaders(request, value, version);
    // Checked here too (not only by the era dispatcher): without its _meta the request would
    // be served as a legacy one.
    checkModernMeta((value.params as Record<string, unknown> | undefined)?._meta);
  } catch (error) {
    return refuse(error as RpcError, id);
  }
  // No session outlives the request: its tasks belong to the client's principal, if any.
  const session = new Session("stateless", undefined, undefined, { owner: principal, client });
  const connection = new Connection(deps, session);
  return await answer({ request, message: value, connection, log: deps.log }, (reply) => {
    const error = (reply as { error?: WireError }).error;
    if (error === undefined) return 200;
    // A malformed _meta (-32602 before the method ran) is a bad request too.
    return MODERN_STATUS[error.code] ?? (isEnvelopeError(error) ? 400 : 200);
  });
}
