/**
 * The WebSocket handshake as the `/mcp` endpoint reads it: whether the client offered the `mcp`
 * subprotocol, and the checks Deno.upgradeWebSocket makes, run first so that a malformed
 * handshake is refused (400) before a silent socket is closed to make room for it.
 *
 * @module
 */
import { failure } from "../rpc/envelope.ts";
import { RpcCode } from "../rpc/wire_errors.ts";

/** True when the client offered the `mcp` subprotocol in `Sec-WebSocket-Protocol`. */
export function offersMcpProtocol(request: Request): boolean {
  const header = request.headers.get("sec-websocket-protocol") ?? "";
  return header.split(",").some((protocol) => protocol.trim() === "mcp");
}

/**
 * Why Deno.upgradeWebSocket would refuse `request` (the checks it makes), or undefined: checked
 * before a silent socket is closed for the newcomer.
 */
export function handshakeFault(request: Request): string | undefined {
  if (!hasToken(request.headers.get("upgrade"), "websocket")) {
    return "'upgrade' header must contain 'websocket'";
  }
  if (!hasToken(request.headers.get("connection"), "upgrade")) {
    return "'connection' header must contain 'Upgrade'";
  }
  if (!request.headers.get("sec-websocket-key")) return "'sec-websocket-key' header is missing";
  return undefined;
}

/** True when the comma-separated `header` lists `token` (case-insensitive). */
function hasToken(header: string | null, token: string): boolean {
  return (header ?? "").split(",").some((option) => option.trim().toLowerCase() === token);
}

/** The 400 of a malformed handshake (no Sec-WebSocket-Key, no "Connection: upgrade"). */
export function badHandshake(reason: string): Response {
  return Response.json(
    failure(null, { code: RpcCode.InvalidRequest, message: `Bad WebSocket handshake: ${reason}` }),
    { status: 400 },
  );
}
