/**
 * What MCP asks of a message beyond JSON-RPC 2.0, checked before it is dispatched (MCP
 * `basic` and `basic/lifecycle`):
 *
 * - A request id is a string or an integer; unlike JSON-RPC, never null (nor a fraction).
 * - `initialize` is never part of a batch (2025-03-26), and from 2025-06-18 on there are no
 *   batches at all: a batch in a session that negotiated such a revision, or one holding a
 *   modern (2026-07-28) request, is refused.
 *
 * Only MCP methods and MCP sessions are held to these rules: the custom JSON-RPC methods keep
 * plain JSON-RPC 2.0 (`../shared/spec/protocol-reference.md`).
 *
 * @module
 */
import { failure, isRecord, type JsonRpcResponse, readableId } from "../rpc/envelope.ts";
import type { DispatchReply } from "../rpc/dispatcher_options.ts";
import { RpcCode, type WireError } from "../rpc/wire_errors.ts";
import type { Session } from "../../sessions/mod.ts";
import { claimedRevision } from "./modern.ts";

/** The first revision without JSON-RPC batches (2025-06-18 changelog). */
export const FIRST_REVISION_WITHOUT_BATCHES = "2025-06-18";

/** True for a method MCP defines (`initialize`, `ping`, and the `a/b` names). */
export function isMcpMethod(method: string): boolean {
  return method === "initialize" || method === "ping" || method.includes("/");
}

/** The -32600 of an MCP request whose id is null or no integer; undefined when it is fine. */
export function mcpIdError(value: unknown): WireError | undefined {
  if (!isRecord(value) || typeof value.method !== "string" || !("id" in value)) return undefined;
  const id = value.id;
  const bad = id === null || (typeof id === "number" && !Number.isInteger(id));
  if (!bad || !isMcpMethod(value.method)) return undefined;
  return {
    code: RpcCode.InvalidRequest,
    message: `Invalid Request: an MCP request id must be a string or an integer, not ${
      id === null ? "null" : "a fraction"
    }`,
  };
}

/** The negotiated revision of `session` (null before `initialize`, or outside MCP). */
function negotiated(session: Session): string | null {
  const state = session.protocolState as { protocolVersion?: unknown } | null | undefined;
  return typeof state?.protocolVersion === "string" ? state.protocolVersion : null;
}

/** Why MCP refuses the batch `items` in `session`; undefined when it may run. */
export function batchError(
  items: readonly unknown[],
  session: Session | null,
): WireError | undefined {
  const requests = items.filter((item) => isRecord(item) && typeof item.method === "string");
  if (requests.some((item) => (item as { method: string }).method === "initialize")) {
    return {
      code: RpcCode.InvalidRequest,
      message: "Invalid Request: initialize must not be part of a JSON-RPC batch; send it alone",
    };
  }
  const version = session === null ? null : negotiated(session);
  if (version !== null && version >= FIRST_REVISION_WITHOUT_BATCHES) {
    return noBatches(`this session negotiated MCP ${version}`);
  }
  const modern = requests.map(claimedRevision).find((revision) => revision !== undefined);
  if (modern !== undefined) return noBatches(`a request of it names MCP ${modern}`);
  return undefined;
}

function noBatches(why: string): WireError {
  return {
    code: RpcCode.InvalidRequest,
    message:
      `Invalid Request: MCP has no JSON-RPC batches since ${FIRST_REVISION_WITHOUT_BATCHES} ` +
      `(${why}); send each message on its own`,
  };
}

/** Each request of `items` answered with `error` (notifications get nothing). */
export function refuseEach(items: readonly unknown[], error: WireError): DispatchReply {
  const replies: JsonRpcResponse[] = items
    .filter((item) => isRecord(item) && "id" in item)
    .map((item) => failure(readableId(item), error));
  return replies.length > 0 ? replies : undefined;
}
