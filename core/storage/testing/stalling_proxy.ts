/**
 * A TCP proxy in front of the test PostgreSQL whose replies can stall or end early, for the
 * storage's tests of connections that misbehave (`Deno.listen`, real sockets).
 *
 * @module
 */

/** How the proxy treats the server's next bytes on each connection. */
export type ProxyMode =
  /** Forwards everything. */
  | "pass"
  /** Forwards half of the server's next chunk, then nothing more, keeping both sockets open. */
  | "stall"
  /** Forwards a new connection's handshake up to its first ReadyForQuery, then closes it. */
  | "close-after-handshake";

/** ReadyForQuery ('Z', length 5, a status byte). */
const READY = [0x5a, 0, 0, 0, 5];

/** Where `bytes` hold a whole ReadyForQuery: the index just past it, else -1. */
function pastReady(bytes: Uint8Array): number {
  for (let i = 0; i + READY.length < bytes.length; i++) {
    if (READY.every((byte, k) => bytes[i + k] === byte)) return i + READY.length + 1;
  }
  return -1;
}

/** A proxy to `target`; `mode` applies to open connections and new ones alike. */
export function stallingProxy(target: { hostname: string; port: number }) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let mode: ProxyMode = "pass";
  let accepted = 0;
  const conns = new Set<Deno.Conn>();
  const close = (conn: Deno.Conn) => {
    conns.delete(conn);
    try {
      conn.close();
    } catch { /* closed */ }
  };
  const relay = (client: Deno.Conn, server: Deno.Conn) => {
    const fresh = mode === "close-after-handshake";
    let stalled = false;
    client.readable.pipeTo(server.writable, { preventClose: true }).catch(() => {});
    (async () => {
      const writer = client.writable.getWriter();
      for await (const chunk of server.readable) {
        if (stalled) continue;
        if (fresh) {
          const end = pastReady(chunk);
          await writer.write(end < 0 ? chunk : chunk.subarray(0, end));
          if (end >= 0) break;
        } else if (mode === "stall" && chunk.length > 1) {
          await writer.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
          stalled = true;
        } else {
          await writer.write(chunk);
        }
      }
    })().catch(() => {}).finally(() => {
      // A stalled connection stays open (as a black hole would), the others end.
      if (!stalled) {
        close(client);
        close(server);
      }
    });
  };
  (async () => {
    for await (const client of listener) {
      accepted++;
      conns.add(client);
      Deno.connect(target).then((server) => {
        conns.add(server);
        relay(client, server);
      }, () => close(client));
    }
  })().catch(() => {});
  return {
    port: (listener.addr as Deno.NetAddr).port,
    /** Connections accepted so far. */
    get accepted(): number {
      return accepted;
    },
    /** Sets how replies are treated from now on (stalled connections stay stalled). */
    set(next: ProxyMode) {
      mode = next;
    },
    stop() {
      listener.close();
      for (const conn of [...conns]) close(conn);
    },
  };
}

/** `promise`, or a failure once `ms` have passed without it settling (a hang guard). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The URL of `real` with its host moved to the proxy's port. */
export function throughProxy(real: URL, port: number): string {
  const url = new URL(real);
  url.host = `127.0.0.1:${port}`;
  return url.toString();
}
