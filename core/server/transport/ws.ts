/**
 * JSON-RPC 2.0 over WebSocket: one session per socket, one message per text frame, frames over
 * MAX_FRAME_BYTES closed with 1009, the `mcp` subprotocol echoed when offered.
 *
 * @module
 */
import { failure } from "../rpc/envelope.ts";
import { RpcCode } from "../rpc/wire_errors.ts";
import { Connection, type ConnectionDeps } from "./connection.ts";

/** Close code for a frame larger than the server accepts (RFC 6455 §7.4.1). */
export const CLOSE_TOO_BIG = 1009;

const decoder = new TextDecoder();

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

/** Creates the endpoint; each socket becomes one {@linkcode Connection}. */
export function createWebSocketEndpoint(deps: ConnectionDeps): WebSocketEndpoint {
  const sockets = new Set<WebSocket>();
  return {
    upgrade(request) {
      let socket: { socket: WebSocket; response: Response };
      try {
        socket = openJsonRpcSocket(request, deps);
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

/** The framing: one message per text (or UTF-8 binary) frame; a frame too large closes with 1009. */
function openJsonRpcSocket(
  request: Request,
  deps: ConnectionDeps,
): { socket: WebSocket; response: Response } {
  const { socket, response } = Deno.upgradeWebSocket(
    request,
    offersMcpProtocol(request) ? { protocol: "mcp" } : {},
  );
  const connection = Connection.open(deps, {
    kind: "websocket",
    outbound: (text) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
    },
  });
  const session = connection.session;

  socket.onmessage = (event) => {
    const text = typeof event.data === "string"
      ? event.data
      : decoder.decode(event.data as ArrayBuffer);
    if (!connection.fits(text)) {
      const limit = connection.options.maxMessageBytes;
      deps.log.warn("Frame too large; closing connection", { session: session.id, limit });
      socket.close(CLOSE_TOO_BIG, `Message larger than ${limit} bytes`);
      return;
    }
    connection.receive(text);
  };
  socket.onclose = () => connection.close("connection closed");
  socket.onerror = (event) =>
    deps.log.debug("WebSocket error", {
      session: session.id,
      error: (event as ErrorEvent).message,
    });
  return { socket, response };
}
