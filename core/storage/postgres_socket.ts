/**
 * The sockets postgres.js connects with (its `socket` option), so that a handshake the server
 * side closes without a word fails instead of being retried forever.
 *
 * postgres.js reconnects at once, without limit and without backoff, when a socket closes
 * before the server has answered the startup message (`closed()`: `if (initial) return
 * reconnect()`), and each attempt restarts its connect timeout. In front of a proxy that
 * accepts connections while PostgreSQL is down and closes them (HAProxy or a cloud load
 * balancer with no healthy backend, a TCP relay), the call that opened the connection waited
 * with no bound, and the node spun connecting. A socket here reports such a close (the peer
 * ended the connection before the handshake's end, its first ReadyForQuery: before a single
 * byte, or after part of the answer, as a relay dying mid-message sends) as the error a refused
 * connection gives: postgres.js then fails the call with `ECONNRESET` (a connection failure:
 * `outage.ts` answers StorageUnavailable) and puts the connection back in its pool with its
 * backoff. A close after the handshake is left to postgres.js (`CONNECTION_CLOSED` for the
 * queries under way).
 *
 * @module
 */
import net from "node:net";
import { watchReplies } from "./postgres_watchdog.ts";

/** What postgres.js passes its `socket` option (parsed connection settings). */
interface SocketOptions {
  host: string[];
  port: number[];
  path?: string | false;
}

/** A socket as postgres.js reads its address for error messages. */
type AddressedSocket = net.Socket & { host?: string; port?: number };

/** The error a handshake closed by the peer before its end gives. */
function closedBeforeAnswer(socket: AddressedSocket): Error {
  const where = socket.host === undefined ? "the database" : `${socket.host}:${socket.port}`;
  return Object.assign(
    new Error(`read ECONNRESET: ${where} closed the connection during the handshake`),
    { code: "ECONNRESET", errno: "ECONNRESET" },
  );
}

/** ReadyForQuery ('Z', length 5): the server's last message of a handshake. */
const READY_FOR_QUERY = [0x5a, 0, 0, 0, 5];

/** True when `bytes` (after `tail`, the previous chunk's last bytes) hold a ReadyForQuery. */
function holdsReady(tail: number[], bytes: Uint8Array): boolean {
  const seen = [...tail, ...bytes.subarray(0, READY_FOR_QUERY.length)];
  const look = (at: (i: number) => number | undefined, length: number) => {
    for (let start = 0; start + READY_FOR_QUERY.length <= length; start++) {
      if (READY_FOR_QUERY.every((byte, i) => at(start + i) === byte)) return true;
    }
    return false;
  };
  return look((i) => seen[i], seen.length) || look((i) => bytes[i], bytes.length);
}

/** An error response's SQLSTATE field for "too many connections": `C53300\0`. */
const TOO_MANY = [...new TextEncoder().encode("C53300"), 0];

/** True when `bytes` (after `tail`) hold {@linkcode TOO_MANY}. */
function holdsTooMany(tail: number[], bytes: Uint8Array): boolean {
  const seen = [...tail, ...bytes];
  for (let start = 0; start + TOO_MANY.length <= seen.length; start++) {
    if (TOO_MANY.every((byte, i) => seen[start + i] === byte)) return true;
  }
  return false;
}

/**
 * Makes `socket` emit `error` (then `close` with `hadError`) instead of a bare `close` when the
 * peer ends the connection before the handshake is over (no ReadyForQuery received: nothing at
 * all, or part of the answer). A connection past its handshake is left as it is (a server
 * closing an open connection), as is a close after "too many connections" (SQLSTATE 53300 in
 * the handshake's error response; postgres.js has failed the call with it): reported as an
 * error, the close made postgres.js back off every later connection of the pool, up to 20 s,
 * while the node's calls waited for one (`postgres_crowded_test.ts`).
 */
export function failUnansweredClose(
  socket: AddressedSocket,
  onReady: () => void = () => {},
): AddressedSocket {
  let ready = false;
  let tail: number[] = [];
  let peerEnded = false;
  let refused = false;
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event === "data" && !ready && args[0] instanceof Uint8Array) {
      const bytes = args[0];
      ready = holdsReady(tail, bytes);
      if (ready) onReady();
      refused ||= holdsTooMany(tail, bytes);
      tail = [...tail, ...bytes.subarray(Math.max(bytes.length - 4, 0))].slice(-4);
    } else if (event === "end") {
      peerEnded = true;
    } else if (
      event === "close" && args[0] !== true && peerEnded && !ready && !refused &&
      socket.listenerCount("error") > 0
    ) {
      emit("error", closedBeforeAnswer(socket));
      return emit("close", true);
    }
    return emit(event, ...args);
  }) as typeof socket.emit;
  return socket;
}

/** The connections past their handshake and not closed, of one socket factory. */
export class LiveSockets {
  #count = 0;

  /** How many there are now (the pool's and its LISTEN connection). */
  get count(): number {
    return this.#count;
  }

  /** Counts `socket` from its handshake's end until it closes. */
  track(socket: net.Socket): () => void {
    let counted = false;
    socket.once("close", () => {
      if (counted) this.#count--;
      counted = false;
    });
    return () => {
      if (counted || socket.destroyed) return;
      counted = true;
      this.#count++;
    };
  }
}

/** What {@linkcode guardedSocketFactory}'s sockets do beside the guard. */
export interface GuardOptions {
  /** Destroy a connection silent this long while a reply is due (`postgres_watchdog.ts`); 0: never. */
  silenceMs?: number;
  /** Counts the connections that finished their handshake. */
  live?: LiveSockets;
  /** True while no connection may be dropped for its silence (migrations running). */
  paused?: () => boolean;
}

/**
 * postgres.js's `socket` option: a connecting socket to the next of the settings' hosts (or
 * their Unix socket), guarded by {@linkcode failUnansweredClose}, watched by `watchReplies`
 * when `silenceMs` is given.
 */
export function guardedSocketFactory(
  guard: GuardOptions = {},
): (options: SocketOptions) => net.Socket {
  let next = 0;
  return (options) => {
    const raw = new net.Socket();
    const socket = failUnansweredClose(raw, guard.live?.track(raw));
    if (options.path) {
      socket.connect(options.path);
    } else {
      const index = next++ % Math.max(options.host.length, 1);
      const host = options.host[index] ?? "localhost";
      const port = options.port[index] ?? options.port[0] ?? 5432;
      socket.host = host;
      socket.port = port;
      socket.connect(port, host);
    }
    // After connect: Deno's `connect` sets the socket's own `write` (a hook set before is lost).
    if (guard.silenceMs) watchReplies(socket, guard.silenceMs, guard.paused);
    return socket;
  };
}
