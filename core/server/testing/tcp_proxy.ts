/**
 * A TCP proxy in front of a real server, for tests of an outage the test controls: while up it
 * forwards; `down()` cuts every open connection and from then on accepts new ones and closes them
 * at once (what a node sees when PostgreSQL, or the network to it, goes away); `up()` forwards
 * again. The same behaviour as core/storage/postgres_proxy_test.ts's proxy, shared by the task
 * store's outage tests.
 *
 * @module
 */

/** A running proxy (see the module's doc). */
export interface TcpProxy {
  /** The port it listens on (127.0.0.1). */
  readonly port: number;
  /** Cuts open connections; new ones are closed at once until {@linkcode TcpProxy.up}. */
  down(): void;
  /** Forwards new connections again. */
  up(): void;
  /** Cuts everything and stops listening. */
  stop(): void;
}

/** Starts a proxy to `target` (forwarding). */
export function tcpProxy(target: { hostname: string; port: number }): TcpProxy {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const live = new Set<Deno.Conn>();
  let forwarding = true;
  const close = (conn: Deno.Conn) => {
    live.delete(conn);
    try {
      conn.close();
    } catch { /* closed already */ }
  };
  const pipe = async (from: Deno.Conn, to: Deno.Conn) => {
    try {
      await from.readable.pipeTo(to.writable, { preventClose: true });
    } catch { /* either side went away */ }
    close(from);
    close(to);
  };
  (async () => {
    for await (const client of listener) {
      if (!forwarding) {
        client.close();
        continue;
      }
      live.add(client);
      Deno.connect(target).then((server) => {
        live.add(server);
        void pipe(client, server);
        void pipe(server, client);
      }, () => close(client));
    }
  })().catch(() => {});
  const down = () => {
    forwarding = false;
    for (const conn of [...live]) close(conn);
  };
  return {
    port: (listener.addr as Deno.NetAddr).port,
    down,
    up: () => {
      forwarding = true;
    },
    stop: () => {
      down();
      listener.close();
    },
  };
}

/** `url` (a `postgres://` URL) reaching its server through `proxy` instead. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const proxied = new URL(url);
  proxied.host = `127.0.0.1:${proxy.port}`;
  return proxied.toString();
}
