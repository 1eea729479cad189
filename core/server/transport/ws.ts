/**
 * JSON-RPC 2.0 over WebSocket: one session per socket, one message per text frame, frames over
 * MAX_FRAME_BYTES closed with 1009, the `mcp` subprotocol echoed when offered.
 *
 * @module
 */
import type { Services } from "../../services.ts";
import type { Dispatcher } from "../rpc/dispatcher.ts";
import { failure } from "../rpc/envelope.ts";
import { RpcCode } from "../rpc/wire_errors.ts";
import { atCapacity } from "../security/refusals.ts";

/** Close code for a frame larger than the server accepts (RFC 6455 §7.4.1). */
export const CLOSE_TOO_BIG = 1009;

/**
 * Seconds a client may leave a ping unanswered. It also bounds a frame that trickles in: Deno
 * buffers a frame (up to 64 MiB) before this code sees it, and a client in the middle of one
 * cannot answer a ping. See core/server/SECURITY.md.
 */
export const IDLE_TIMEOUT_S = 30;

/** Seconds a client refused at MAX_CONNECTIONS is told to wait. */
const CONNECTION_RETRY_S = 5;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function utf8Length(text: string, limit: number): number {
  // UTF-8 needs 1-3 bytes per UTF-16 unit: skip the exact count when either bound decides.
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length;
  return encoder.encode(text).length;
}

/** True when the client offered the `mcp` subprotocol in `Sec-WebSocket-Protocol`. */
export function offersMcpProtocol(request: Request): boolean {
  const header = request.headers.get("sec-websocket-protocol") ?? "";
  return header.split(",").some((protocol) => protocol.trim() === "mcp");
}

/** The `/mcp` WebSocket endpoint: upgrades requests and can close every socket it opened. */
export interface WebSocketEndpoint {
  /** Upgrades `request` to a JSON-RPC WebSocket with its own session. */
  upgrade(request: Request): Response;
  /** Closes every open socket (server shutdown). */
  closeAll(code?: number, reason?: string): void;
}

/** Creates the endpoint over the shared services and dispatcher. */
export function createWebSocketEndpoint(
  services: Services,
  dispatcher: Dispatcher,
): WebSocketEndpoint {
  const sockets = new Set<WebSocket>();
  const maxConnections = services.config.MAX_CONNECTIONS;
  return {
    upgrade(request) {
      if (sockets.size >= maxConnections) {
        // Refused before the upgrade: a socket never opened costs no frame buffer.
        services.log.warn("Too many connections; upgrade refused", { limit: maxConnections });
        return atCapacity("jsonrpc", `${maxConnections} connections are open`, CONNECTION_RETRY_S);
      }
      let socket: { socket: WebSocket; response: Response };
      try {
        socket = openJsonRpcSocket(request, services, dispatcher);
      } catch (error) {
        // A malformed handshake (no Sec-WebSocket-Key, no "Connection: upgrade"): the client's fault.
        return Response.json(
          failure(null, {
            code: RpcCode.InvalidRequest,
            message: `Bad WebSocket handshake: ${(error as Error).message}`,
          }),
          { status: 400 },
        );
      }
      sockets.add(socket.socket);
      socket.socket.addEventListener("close", () => sockets.delete(socket.socket));
      return socket.response;
    },
    closeAll(code = 1001, reason = "Server shutting down") {
      for (const socket of sockets) socket.close(code, reason);
      sockets.clear();
    },
  };
}

function openJsonRpcSocket(
  request: Request,
  services: Services,
  dispatcher: Dispatcher,
): { socket: WebSocket; response: Response } {
  const { socket, response } = Deno.upgradeWebSocket(request, {
    idleTimeout: IDLE_TIMEOUT_S,
    ...(offersMcpProtocol(request) ? { protocol: "mcp" } : {}),
  });
  const session = services.sessions.open("websocket");
  const limit = services.config.MAX_FRAME_BYTES;
  const send = (text: string) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(text);
  };

  socket.onmessage = (event) => {
    const text = typeof event.data === "string"
      ? event.data
      : decoder.decode(event.data as ArrayBuffer);
    if (utf8Length(text, limit) > limit) {
      services.log.warn("Frame too large; closing connection", { session: session.id, limit });
      socket.close(CLOSE_TOO_BIG, `Message larger than ${limit} bytes`);
      return;
    }
    session.lastSeen = services.clock.now();
    dispatcher.handleText(text, session, (notification) => send(JSON.stringify(notification)))
      .then((reply) => reply !== undefined && send(reply))
      .catch((error) => services.log.error("Dispatch failed", { session: session.id, error }));
  };
  socket.onclose = () => services.sessions.close(session, "connection closed");
  socket.onerror = (event) =>
    services.log.debug("WebSocket error", {
      session: session.id,
      error: (event as ErrorEvent).message,
    });
  return { socket, response };
}
