/**
 * The server's two listeners: the WebSocket port (`/mcp`: WebSockets, MCP Streamable HTTP, the
 * dashboard's routes) and the REST port (`/api`). Both handlers are wrapped the same way: the
 * drain refuses new work at shutdown (`drain.ts`), and behind a trusted proxy every limit counts
 * by the client it forwards for (`TRUSTED_PROXIES`, `core/cluster/client_address.ts`).
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import { forClients, trustedProxies, trustsEveryone } from "../cluster/client_address.ts";
import type { Drain } from "./drain.ts";
import type { KeptListener } from "./transport/kept_listener.ts";
import { serveOn } from "./transport/listen.ts";

/** What {@linkcode openListeners} serves. */
export interface ListenerHandlers {
  /** The WebSocket port's handler (`server_port.ts`). */
  serverPort: Deno.ServeHandler<Deno.NetAddr>;
  /** The REST app's handler. */
  rest: Deno.ServeHandler<Deno.NetAddr>;
  /** SERVER_PORT's requests that still reach its handler while draining (`drain.ts`). */
  serverPortDraining?: (request: Request) => boolean;
}

/** The two open listeners. */
export interface Listeners {
  /** SERVER_PORT: WebSockets, Streamable HTTP and the dashboard. */
  server: KeptListener;
  /** API_PORT: the REST API. */
  rest: KeptListener;
}

/**
 * Opens SERVER_PORT and API_PORT with `handlers`, each behind `drain` and seeing the client
 * behind a trusted proxy as its peer; warns when TRUSTED_PROXIES trusts every address. When the
 * REST port cannot be opened the server port is closed again and the error thrown.
 */
export async function openListeners(
  config: Config,
  handlers: ListenerHandlers,
  deps: { drain: Drain; log: Logger },
): Promise<Listeners> {
  const { drain, log } = deps;
  const everyone = trustsEveryone(config.TRUSTED_PROXIES);
  if (everyone.length > 0) {
    log.warn(
      "TRUSTED_PROXIES trusts every address: any client can choose the address rate limits count it by (X-Forwarded-For)",
      { TRUSTED_PROXIES: everyone.join(",") },
    );
  }
  const trusted = trustedProxies(config.TRUSTED_PROXIES);
  const wrap = (handler: Deno.ServeHandler<Deno.NetAddr>, passes?: (r: Request) => boolean) =>
    drain.guard(forClients(handler, trusted), { passes });
  const serverPort = wrap(handlers.serverPort, handlers.serverPortDraining);
  const server = serveOn("SERVER_PORT", config, serverPort, { log });
  try {
    return { server, rest: serveOn("API_PORT", config, wrap(handlers.rest), { log }) };
  } catch (error) {
    await server.shutdown();
    throw error;
  }
}
