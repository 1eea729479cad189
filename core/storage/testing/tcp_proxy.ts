/**
 * A TCP proxy in front of the test PostgreSQL (`Deno.listen`, real sockets), for tests of a
 * network or a relay that misbehaves: the one proxy of the storage's and the task store's
 * tests. {@linkcode ProxyMode} says how it treats connections; it can change at any time.
 *
 * @module
 */

/** How the proxy treats connections from now on. */
export type ProxyMode =
  /** Forwards everything (and lifts a `cut` on open connections). */
  | "pass"
  /** Cuts every open connection; accepts new ones and closes them at once (a database down). */
  | "down"
  /** Forwards half of the server's next chunk, then nothing more, keeping both sockets open. */
  | "stall"
  /** Forwards a new connection's handshake up to its first ReadyForQuery, then closes it. */
  | "close-after-handshake"
  /** Every connection, open or new, forwards at most `cut` more bytes of replies, then closes. */
  | { cut: number };

/** A running proxy. */
export interface TcpProxy {
  /** The port it listens on (127.0.0.1). */
  readonly port: number;
  /** The URL it was started with, reaching the server through the proxy. */
  readonly url: string;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Changes the mode (a stalled connection stays stalled). */
  set(mode: ProxyMode): void;
  /** Cuts every open connection; new ones are treated as the mode says. */
  drop(): void;
  /** Cuts everything and stops listening. */
  stop(): void;
}

/** ReadyForQuery ('Z', length 5, then a status byte). */
const READY = [0x5a, 0, 0, 0, 5];

/** Where `bytes` hold a whole ReadyForQuery: the index just past it, else -1. */
function pastReady(bytes: Uint8Array): number {
  for (let i = 0; i + READY.length < bytes.length; i++) {
    if (READY.every((byte, k) => bytes[i + k] === byte)) return i + READY.length + 1;
  }
  return -1;
}

/** One proxied connection. */
interface Link {
  client: Deno.Conn;
  server: Deno.Conn;
  /** Bytes of replies it may still forward. */
  left: number;
  stalled: boolean;
  handshakeOnly: boolean;
}

/** Starts a proxy (mode "pass") to the host and port of `url`, a `postgres://` URL. */
export function tcpProxy(url: string | URL): TcpProxy {
  const real = new URL(url);
  const target = { hostname: real.hostname, port: Number(real.port || 5432) };
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const links = new Set<Link>();
  let mode = "pass" as ProxyMode;
  let accepted = 0;
  const close = (conn: Deno.Conn) => {
    try {
      conn.close();
    } catch { /* closed */ }
  };
  const end = (link: Link) => {
    links.delete(link);
    close(link.client);
    close(link.server);
  };
  const drop = () => {
    for (const link of [...links]) end(link);
  };
  const forward = async (link: Link) => {
    const writer = link.client.writable.getWriter();
    for await (const chunk of link.server.readable) {
      if (link.stalled) continue;
      let part = chunk;
      if (link.handshakeOnly) {
        const at = pastReady(chunk);
        if (at >= 0) link.left = at;
      } else if (mode === "stall" && chunk.length > 1) {
        part = chunk.subarray(0, Math.floor(chunk.length / 2));
        link.stalled = true;
      }
      part = part.subarray(0, Math.min(part.length, link.left));
      link.left -= part.length;
      if (part.length > 0) await writer.write(part);
      if (link.left <= 0) break;
    }
  };
  const relay = (link: Link) => {
    links.add(link);
    link.client.readable.pipeTo(link.server.writable, { preventClose: true }).catch(() => {})
      .finally(() => end(link));
    // A stalled connection stays open (as a black hole would); the others end with the server.
    forward(link).catch(() => {}).finally(() => link.stalled || end(link));
  };
  (async () => {
    for await (const client of listener) {
      accepted++;
      if (mode === "down") {
        close(client);
        continue;
      }
      const left = typeof mode === "object" ? mode.cut : Infinity;
      const handshakeOnly = mode === "close-after-handshake";
      Deno.connect(target).then(
        (server) => relay({ client, server, left, stalled: false, handshakeOnly }),
        () => close(client),
      );
    }
  })().catch(() => {});
  const port = (listener.addr as Deno.NetAddr).port;
  return {
    port,
    url: throughProxy(real, { port }),
    get accepted() {
      return accepted;
    },
    set(next: ProxyMode) {
      mode = next;
      if (next === "down") drop();
      const left = typeof next === "object" ? next.cut : next === "pass" ? Infinity : undefined;
      if (left !== undefined) { for (const link of links) link.left = left; }
    },
    drop,
    stop() {
      listener.close();
      drop();
    },
  };
}

/** `url` (a `postgres://` URL) reaching its server through `proxy` instead. */
export function throughProxy(url: string | URL, proxy: { port: number }): string {
  const proxied = new URL(url);
  proxied.host = `127.0.0.1:${proxy.port}`;
  return proxied.toString();
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
