/**
 * A deadline on every PostgreSQL reply, kept by the socket: a connection that has a request
 * waiting (a query, a transaction's statement, postgres.js's own) and receives nothing for
 * `silenceMs` is destroyed, so the calls on it fail with a connection failure (`REPLY_TIMEOUT`:
 * -32009) and postgres.js opens a new connection in its place.
 *
 * Why the socket and not the query: a connection that stalls mid-reply (a proxy or PgBouncer
 * that forwards part of a reply and then nothing, a black-holed route, a frozen VM: the socket
 * stays open, no FIN ever comes) kept every call on it waiting forever, and the pooled
 * connection stayed stuck for good, so the node never healed after the network did (attack16
 * F2). postgres.js pipelines calls onto busy connections, so a call's own wait says little;
 * the connection's silence while a reply is due says it is stuck. The server's
 * `statement_timeout` (set to the same setting) ends a slow statement first, with an answer,
 * so only a connection that cannot answer at all reaches this deadline.
 *
 * The socket reads the protocol's framing only (a message's type and length, never its
 * contents): Sync and Query messages sent each wait for a ReadyForQuery; a Flush waits for
 * anything until the next Sync. Before the handshake's end the connect timeout bounds the wait;
 * a TLS connection (an SSLRequest first) is not watched, its bytes cannot be framed here.
 *
 * @module
 */
import type net from "node:net";

/** The error a silent connection is destroyed with (a connection failure, `errors.ts`). */
export function silentConnection(where: string, silenceMs: number): Error {
  return Object.assign(
    new Error(
      `no reply from ${where} for ${silenceMs} ms while a query waited; connection dropped`,
    ),
    { code: "REPLY_TIMEOUT", errno: "REPLY_TIMEOUT" },
  );
}

/** Reads message headers (type byte and length) from a byte stream, across chunk bounds. */
class Framer {
  /** Bytes of the current message still to skip. */
  #skip = 0;
  #header: number[] = [];
  #typed: boolean;

  /** `untypedFirst`: the first message has no type byte (the client's startup message). */
  constructor(untypedFirst: boolean) {
    this.#typed = !untypedFirst;
  }

  /**
   * Calls `onMessage` with each message's type as its header arrives (0 for the untyped first
   * message, with its protocol code).
   */
  feed(bytes: Uint8Array, onMessage: (type: number, code: number) => void): void {
    let at = 0;
    while (at < bytes.length) {
      if (this.#skip > 0) {
        const step = Math.min(this.#skip, bytes.length - at);
        this.#skip -= step;
        at += step;
        continue;
      }
      // A typed message: type and length (5 bytes); the untyped first: length and code (8).
      const need = this.#typed ? 5 : 8;
      while (this.#header.length < need && at < bytes.length) this.#header.push(bytes[at++]!);
      if (this.#header.length < need) return;
      const h = this.#header;
      const lengthAt = this.#typed ? 1 : 0;
      const length = int32(h, lengthAt);
      this.#skip = Math.max(length - (this.#typed ? 4 : 8), 0);
      onMessage(this.#typed ? h[0]! : 0, this.#typed ? 0 : int32(h, 4));
      this.#header = [];
      this.#typed = true;
    }
  }
}

function int32(bytes: number[], at: number): number {
  const at0 = (i: number) => bytes[at + i] ?? 0;
  return ((at0(0) << 24) | (at0(1) << 16) | (at0(2) << 8) | at0(3)) >>> 0;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const FLUSH = 0x48; // 'H'
const TERMINATE = 0x58; // 'X'
const READY = 0x5a; // 'Z'
/** A startup message's protocol code (3.0); anything else (SSLRequest, TLS at once) is not watched. */
const PROTOCOL_3 = 196608;

/**
 * Watches `socket` (a postgres.js connection's, right after `connect()` and before any byte is
 * written or read): destroys it with {@linkcode silentConnection} once a reply is due and
 * nothing has arrived for `silenceMs`, unless `paused()` (migrations running) says to wait.
 */
export function watchReplies(
  socket: net.Socket & { host?: string; port?: number },
  silenceMs: number,
  paused: () => boolean = () => false,
): void {
  const outgoing = new Framer(true);
  const incoming = new Framer(false);
  let off = false;
  let ready = false;
  let awaiting = 0;
  let flushed = false;
  let lastHeard = 0;
  let dueSince = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const due = () => !off && ready && (awaiting > 0 || flushed);
  const check = () => {
    timer = undefined;
    if (!due()) return;
    const quiet = performance.now() - Math.max(lastHeard, dueSince);
    if (quiet >= silenceMs && !paused()) {
      off = true;
      const where = socket.host === undefined ? "the database" : `${socket.host}:${socket.port}`;
      socket.destroy(silentConnection(where, silenceMs));
      return;
    }
    arm(quiet >= silenceMs ? silenceMs : silenceMs - quiet);
  };
  const arm = (ms: number) => {
    timer = setTimeout(check, Math.max(Math.ceil(ms), 1));
    Deno.unrefTimer(timer);
  };
  const update = (wasDue: boolean) => {
    if (!wasDue && due()) {
      dueSince = performance.now();
      if (timer === undefined) arm(silenceMs);
    }
  };

  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((...args: unknown[]) => {
    const chunk = args[0];
    if (!off && chunk instanceof Uint8Array) {
      const wasDue = due();
      outgoing.feed(chunk, (type, code) => {
        if (type === 0) {
          if (code !== PROTOCOL_3) off = true;
        } else if (type === SYNC || type === QUERY) {
          awaiting++;
          flushed = false;
        } else if (type === FLUSH) {
          flushed = true;
        } else if (type === TERMINATE) {
          off = true;
        }
      });
      update(wasDue);
    }
    return write(...args);
  }) as typeof socket.write;

  socket.on("data", (bytes: Uint8Array) => {
    if (off) return;
    lastHeard = performance.now();
    incoming.feed(bytes, (type) => {
      if (type !== READY) return;
      if (!ready) ready = true;
      else awaiting = Math.max(awaiting - 1, 0);
      flushed = false;
    });
  });
  socket.once("close", () => {
    off = true;
    if (timer !== undefined) clearTimeout(timer);
  });
}
