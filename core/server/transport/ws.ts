/**
 * JSON-RPC 2.0 over WebSocket: one session per socket, one message per text frame, frames over
 * MAX_FRAME_BYTES closed with 1009, the `mcp` subprotocol echoed when offered. At most
 * `maxConnections` sockets are open (MAX_CONNECTIONS, or fewer when the open-file limit holds
 * fewer): past it the socket silent longest is closed for the newcomer if it has sent nothing for
 * SILENT_GRACE_MS, otherwise the upgrade gets 503. A client that leaves more than MAX_QUEUED_BYTES of replies
 * unread is closed with 1008.
 *
 * @module
 */
import { failure } from "../rpc/envelope.ts";
import { decodeUtf8 } from "../rpc/utf8.ts";
import { toWireError } from "../rpc/wire_errors.ts";
import { atCapacity } from "../security/refusals.ts";
import type { SessionKind } from "../../sessions/mod.ts";
import { Connection } from "./connection.ts";
import type { ConnectionDeps, OpenOptions } from "./connection_options.ts";
import { CLOSE_GOING_AWAY, CLOSE_POLICY, CLOSE_TOO_BIG } from "./ws_close_codes.ts";
import { CLOSE_GRACE_MS, closeOrDrop } from "./ws_drop.ts";
import { closeWhenQuiet } from "./ws_overflow.ts";
import { badHandshake, handshakeFault, offersMcpProtocol } from "./ws_handshake.ts";
import type { BurstCollector } from "./burst_collect.ts";

export { CLOSE_GOING_AWAY, CLOSE_POLICY, CLOSE_TOO_BIG } from "./ws_close_codes.ts";

/**
 * Seconds a client may leave a ping unanswered. It also bounds a frame that trickles in: Deno
 * buffers a whole frame (up to 64 MiB) before this code sees it, and a client in the middle of
 * one cannot answer a ping. Not a fragmented message: pings may come between its frames
 * (ws_memory_guard.ts bounds those). See core/server/SECURITY.md.
 */
export const IDLE_TIMEOUT_S = 30;

/**
 * At the connection limit, a socket that has sent no message for this long is closed (1008) to let
 * a newcomer in. Pings are answered by any WebSocket library on its own, so the idle timeout never
 * ends a silent socket: without this, MAX_CONNECTIONS silent sockets locked every other client
 * out for as long as they stayed open (attack4 #2). Silence is sampled at refused upgrades, not
 * timed per message (a clock read per frame costs more than the framing), so a socket counts as
 * silent only when no message came between two samples this far apart (or since it opened).
 */
export const SILENT_GRACE_MS = 5 * 60_000;

/** Seconds a client refused at the connection limit is told to wait. */
const CONNECTION_RETRY_S = 5;
/** A refusal is logged at most this often (a storm of refusals must not flood the log). */
const REFUSAL_LOG_MS = 10_000;

/** The `/mcp` WebSocket endpoint: upgrades requests and can close every socket it opened. */
export interface WebSocketEndpoint {
  /**
   * Upgrades `request` to a JSON-RPC WebSocket with its own session; `client` (the client's
   * network, `clientNetwork`) is the session's `client`.
   */
  upgrade(request: Request, client?: string): Response;
  /** Open sockets. */
  readonly size: number;
  /**
   * Server shutdown: every call in flight gets its reply (or -32008) within `graceMs`, then
   * every socket closes with 1001.
   */
  drain(graceMs: number): Promise<void>;
  /** Closes every open socket at once. */
  closeAll(code?: number, reason?: string): void;
  /**
   * The sockets not yet closed (those closed to make room too, until they end) and their counts
   * of messages received: the memory guard watches them.
   */
  sockets(): Iterable<
    { readonly inbound: number; readonly socket: WebSocket; readonly busy: boolean }
  >;
}

/** Options of {@linkcode createWebSocketEndpoint}. */
export interface WebSocketOptions {
  /** Most sockets open at once; past it an upgrade gets 503 and Retry-After. */
  maxConnections: number;
  /** Why that is the limit, for the log and the refusal (e.g. the open-file limit). */
  limitReason?: string;
  /** Told of each socket opened, stopped with the endpoint (burst_collect.ts). */
  collector?: Pick<BurstCollector, "noteUpgrade" | "stop">;
}

/**
 * Samples every socket's silence at `now` and returns the one silent longest if it has been
 * silent for {@linkcode SILENT_GRACE_MS}. A socket whose session has a request running counts as
 * in use, not silent: a `subscriptions/listen` stream or a long chat sends nothing while it waits
 * (review13 #1).
 */
function silentLongest(sockets: Set<JsonRpcSocket>, now: number): JsonRpcSocket | undefined {
  let longest: JsonRpcSocket | undefined;
  for (const open of sockets) {
    if (open.inbound !== open.seen || open.connection.session.busy) {
      open.seen = open.inbound;
      open.quietSince = now;
    } else if (longest === undefined || open.quietSince < longest.quietSince) longest = open;
  }
  return longest && now - longest.quietSince >= SILENT_GRACE_MS ? longest : undefined;
}

/** Creates the endpoint; each socket becomes one {@linkcode Connection}. */
export function createWebSocketEndpoint(
  deps: ConnectionDeps,
  options: WebSocketOptions,
): WebSocketEndpoint {
  const sockets = new Set<JsonRpcSocket>();
  const leaving = new Set<JsonRpcSocket>();
  const shared: EndpointState = { deps, sockets, leaving };
  let loggedAt = -Infinity;
  return {
    upgrade(request, client) {
      // A malformed handshake is refused before any socket is closed to make room for it.
      const bad = handshakeFault(request);
      if (bad !== undefined) return badHandshake(bad);
      const silent = sockets.size >= options.maxConnections
        ? silentLongest(sockets, deps.clock.now())
        : undefined;
      if (silent) {
        sockets.delete(silent);
        leaving.add(silent);
        // A client that ignores the close would keep its connection (and fd) for good.
        closeOrDrop(silent.socket, {
          code: CLOSE_POLICY,
          reason: "Silent too long while the server is full",
          graceMs: CLOSE_GRACE_MS,
        });
      }
      if (sockets.size >= options.maxConnections) {
        const reason = `${options.maxConnections} connections are open` +
          (options.limitReason ? ` (${options.limitReason})` : "");
        const now = performance.now();
        if (now - loggedAt >= REFUSAL_LOG_MS) {
          loggedAt = now;
          deps.log.warn("Too many connections; WebSocket upgrades refused with 503", { reason });
        }
        // Refused before the upgrade: a socket never opened costs no frame buffer.
        return atCapacity("jsonrpc", reason, CONNECTION_RETRY_S);
      }
      let upgraded: { socket: WebSocket; response: Response };
      try {
        upgraded = Deno.upgradeWebSocket(request, {
          idleTimeout: IDLE_TIMEOUT_S,
          ...(offersMcpProtocol(request) ? { protocol: "mcp" } : {}),
        });
      } catch (error) {
        // A handshake Deno refuses past the checks of handshakeFault: still the client's fault.
        return badHandshake((error as Error).message);
      }
      const open = new JsonRpcSocket(upgraded.socket, shared);
      open.connection.session.client = client;
      sockets.add(open);
      options.collector?.noteUpgrade(sockets.size);
      return upgraded.response;
    },
    get size() {
      return sockets.size;
    },
    async drain(graceMs) {
      options.collector?.stop();
      await Promise.all([...sockets].map(async ({ socket, connection }) => {
        await connection.stop(graceMs);
        // A client that ignores the close is dropped, as at every close (review35 R3).
        closeOrDrop(socket, { ...GOING_AWAY, graceMs: CLOSE_GRACE_MS });
      }));
      sockets.clear();
    },
    closeAll(code = GOING_AWAY.code, reason = GOING_AWAY.reason) {
      options.collector?.stop();
      for (const { socket } of sockets) {
        closeOrDrop(socket, { code, reason, graceMs: CLOSE_GRACE_MS });
      }
      sockets.clear();
    },
    // The open set itself while none is leaving (nearly always): the memory guard asks every
    // second, and a copy of 10,000 sockets each time was most of an idle server's allocation.
    sockets: () => leaving.size === 0 ? sockets : [...sockets, ...leaving],
  };
}

/** The close of a server shutting down. */
const GOING_AWAY = { code: CLOSE_GOING_AWAY, reason: "Server shutting down" };

/** What every socket of one endpoint shares. */
interface EndpointState {
  deps: ConnectionDeps;
  /** The open sockets: a socket leaves in its own `close` event. */
  sockets: Set<JsonRpcSocket>;
  /**
   * Sockets closed to make room for a newcomer, until their `close` event: the memory guard
   * watches them too (a client may ignore the close and keep sending).
   */
  leaving: Set<JsonRpcSocket>;
}

/**
 * One open socket: its framing (one message per text, or UTF-8 binary, frame; a frame too large
 * closes with 1009), its connection's channel, and what is known of its silence. This object is
 * the socket's one event listener (`handleEvent`) and its connection's channel (methods on the
 * prototype): an idle socket holds no closure of its own. Each closure or `on*` handler cost every
 * idle socket 100-500 bytes (see core/server/README.md).
 */
class JsonRpcSocket implements OpenOptions {
  readonly socket: WebSocket;
  readonly connection: Connection;
  readonly #endpoint: EndpointState;
  /** Messages received so far. */
  inbound = 0;
  /** {@linkcode inbound} at the last silence sample, and since when (clock ms) it has not changed. */
  seen = 0;
  quietSince: number;

  constructor(socket: WebSocket, endpoint: EndpointState) {
    this.socket = socket;
    this.#endpoint = endpoint;
    this.quietSince = endpoint.deps.clock.now();
    this.connection = Connection.open(endpoint.deps, this);
    socket.addEventListener("message", this);
    socket.addEventListener("close", this);
    // No `error` listener: Deno follows a socket's `error` with its `close`, which does all the
    // ending, and each event type listened to costs an idle socket ~280 B (core/server/README.md).
  }

  /** Whether its session has a request running: the memory guard closes such sockets last. */
  get busy(): boolean {
    return this.connection.session.busy;
  }

  /** The session's kind (a getter: nothing stored per socket). */
  get kind(): SessionKind {
    return "websocket";
  }

  /** The connection's way out: dropped once the socket is no longer open. */
  outbound(text: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
  }

  /** What Deno holds for a client that does not read: its memory is what the bound protects. */
  queuedBytes(): number {
    return this.socket.bufferedAmount;
  }

  onOverflow(reason: string): void {
    closeWhenQuiet(this, reason);
  }

  /** The socket's `message` and `close` events. */
  handleEvent(event: Event): void {
    if (event.type === "message") this.#receive((event as MessageEvent).data);
    else if (event.type === "close") {
      this.#endpoint.sockets.delete(this);
      this.#endpoint.leaving.delete(this);
      this.connection.close("connection closed");
    }
  }

  #receive(data: string | ArrayBuffer): void {
    this.inbound++;
    const connection = this.connection;
    const limit = connection.options.maxMessageBytes;
    // A binary frame is measured before it is decoded; a text frame arrives as a string.
    let text: string | null;
    try {
      text = typeof data === "string" ? data : data.byteLength > limit ? null : decodeUtf8(data);
    } catch (error) {
      // Not UTF-8: -32700, as unreadable JSON is (the connection goes on).
      connection.send(failure(null, toWireError(error).error));
      return;
    }
    if (text === null || !connection.fits(text)) {
      this.#endpoint.deps.log.warn("Frame too large; closing connection", {
        session: connection.session.id,
        limit,
      });
      closeOrDrop(this.socket, {
        code: CLOSE_TOO_BIG,
        reason: `Message larger than ${limit} bytes`,
        graceMs: CLOSE_GRACE_MS,
      });
      return;
    }
    connection.receive(text);
  }
}
