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
 * ended the connection before sending a single byte) as the error a refused connection gives:
 * postgres.js then fails the call with `ECONNRESET` (a connection failure: `outage.ts` answers
 * StorageUnavailable) and puts the connection back in its pool with its backoff.
 *
 * @module
 */
import net from "node:net";

/** What postgres.js passes its `socket` option (parsed connection settings). */
interface SocketOptions {
  host: string[];
  port: number[];
  path?: string | false;
}

/** A socket as postgres.js reads its address for error messages. */
type AddressedSocket = net.Socket & { host?: string; port?: number };

/** The error a handshake closed by the peer before any answer gives. */
function closedBeforeAnswer(socket: AddressedSocket): Error {
  const where = socket.host === undefined ? "the database" : `${socket.host}:${socket.port}`;
  return Object.assign(
    new Error(`read ECONNRESET: ${where} closed the connection before answering`),
    { code: "ECONNRESET", errno: "ECONNRESET" },
  );
}

/**
 * Makes `socket` emit `error` (then `close` with `hadError`) instead of a bare `close` when the
 * peer ends the connection before sending anything. A connection that got any answer is left
 * as it is (a server closing an open connection, an error response during the handshake).
 */
export function failUnansweredClose(socket: AddressedSocket): AddressedSocket {
  let received = 0;
  let peerEnded = false;
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event === "data") {
      received += (args[0] as { length?: number } | undefined)?.length ?? 0;
    } else if (event === "end") {
      peerEnded = true;
    } else if (
      event === "close" && args[0] !== true && peerEnded && received === 0 &&
      socket.listenerCount("error") > 0
    ) {
      emit("error", closedBeforeAnswer(socket));
      return emit("close", true);
    }
    return emit(event, ...args);
  }) as typeof socket.emit;
  return socket;
}

/**
 * postgres.js's `socket` option: a connecting socket to the next of the settings' hosts (or
 * their Unix socket), guarded by {@linkcode failUnansweredClose}.
 */
export function guardedSocketFactory(): (options: SocketOptions) => net.Socket {
  let next = 0;
  return (options) => {
    const socket = failUnansweredClose(new net.Socket());
    if (options.path) {
      socket.connect(options.path);
      return socket;
    }
    const index = next++ % Math.max(options.host.length, 1);
    const host = options.host[index] ?? "localhost";
    const port = options.port[index] ?? options.port[0] ?? 5432;
    socket.host = host;
    socket.port = port;
    socket.connect(port, host);
    return socket;
  };
}
