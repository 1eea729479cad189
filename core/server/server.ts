/**
 * Starts both services: the WebSocket JSON-RPC server (`/mcp`, also MCP Streamable HTTP) and the
 * REST PersonaAPI (`/api`).
 *
 * @module
 */
import { plugins as availablePlugins } from "../../plugins/_manifest.gen.ts";
import { createServices, type ServiceOptions, type Services, VERSION } from "../services.ts";
import type { Config } from "../config.ts";
import { IMPORT_SWEEP_MS } from "../personas/mod.ts";
import { assertShippedDataReadable } from "../memory/meaning/shipped_data.ts";
import { type EdgeServices, edgeServices, type HandlerContext } from "./define_handler.ts";
import { ServerMetrics } from "./metrics/metrics.ts";
import { type Plugin, selectPlugins } from "./plugin.ts";
import type { Dispatcher } from "./rpc/dispatcher.ts";
import { messageValueLimit } from "./rpc/json_depth.ts";
import { ServerShutdown } from "./rpc/wire_errors.ts";
import type { Hono } from "hono";
import { createRestApp, NODE_HEADER, type RestEnv } from "./rest/app.ts";
import { type ConnectionDeps, connectionOptions } from "./transport/connection_options.ts";
import { createMcpHttpEndpoint } from "./transport/mcp_http.ts";
import { passesDrain } from "./transport/mcp_http_drain.ts";
import { DualEraDispatcher, serverInfo } from "./mcp/mod.ts";
import { bracketed, createOriginGuard } from "./transport/origin_guard.ts";
import { createWebSocketEndpoint } from "./transport/ws.ts";
import { serverBurstCollector } from "./transport/burst_collect.ts";
import type { MemoryPressure } from "./transport/ws_memory_guard.ts";
import { startMemoryGuard } from "./transport/ws_memory_guard_start.ts";
import { connectionLimit, connectionLimitLine } from "./connection_limit.ts";
import { assertSafeExposure } from "./security/auth.ts";
import { AuthFailures } from "./security/auth_failures.ts";
import { createMcpAccess } from "./security/mcp_access.ts";
import { SessionOpenings } from "./security/session_openings.ts";
import { serverPortHandler } from "./server_port.ts";
import { Drain, stopGracefully } from "./drain.ts";
import { serverCalls } from "./server_calls.ts";
import { buildRegistry, createDispatcher } from "./server_dispatcher.ts";
import { minuteSweep } from "./sweep.ts";
import { type Listeners, openListeners } from "./listeners.ts";

export { expireIdleSessions, minuteSweep, removeCutRoomRounds } from "./sweep.ts";

/** A running server. */
export interface RunningServer {
  /** `ws://host:port/mcp` with the real port. */
  wsUrl: string;
  /** `http://host:port/api` with the real port. */
  apiUrl: string;
  /** `http://host:port/mcp`: MCP Streamable HTTP, on the WebSocket port. */
  mcpUrl: string;
  services: Services;
  dispatcher: Dispatcher<HandlerContext>;
  /** Stops both listeners, closes sessions and the database. */
  shutdown(): Promise<void>;
}

/** Cancels every call in flight, stops memory's schedule and closes the database. */
export async function closeServices(services: Services): Promise<void> {
  if (!services.lifetime.signal.aborted) services.lifetime.abort(new ServerShutdown());
  // The follow-up work of the last replies runs before the database closes: their exchanges
  // are stored, then what storing them queued (the mind's reaction).
  await services.memory.settleExchanges();
  await services.quiet.drain();
  await services.jobs.close();
  await services.memory.close();
  await services.db.close();
}

/** Everything a server is made of, before it listens. */
export interface ServerParts {
  services: Services;
  dispatcher: Dispatcher<HandlerContext>;
  plugins: Plugin[];
  /** What the connection loop of every transport (WebSocket, Streamable HTTP, stdio) needs. */
  connections: ConnectionDeps;
  /** The REST app; `rest.request()` serves tests without a socket. */
  rest: Hono<RestEnv>;
  /** The edge's own services (simulation runs). */
  edge: EdgeServices;
  /** The Prometheus metrics (`GET /metrics`). */
  metrics: ServerMetrics;
  /** Where the WebSocket listens, once it does (the dashboard's chat connects there). */
  endpoints: { wsPort: number | null; apiPort: number | null };
  /** Each client's allowance of new sessions (REST and MCP share it). */
  openings: SessionOpenings;
  /** Each client's failed token checks (REST and MCP share the count). */
  failures: AuthFailures;
  /** Whether the WebSocket memory guard is shedding sockets (`/api/health` says `degraded`). */
  pressure: MemoryPressure;
}

/** Builds services, plugins, the dispatcher and the REST app for `config`. */
export async function buildServer(
  config: Config,
  options: ServiceOptions = {},
): Promise<ServerParts> {
  // Before anything starts: a server that cannot read its word data must not report ready.
  assertShippedDataReadable();
  const plugins = selectPlugins(availablePlugins, config.PLUGINS);
  const models = [config.DEFAULT_MODEL, config.EMBED_MODEL, config.MIND_MODEL];
  const metrics = new ServerMetrics(VERSION, models.filter((model) => model !== ""));
  const services = await createServices(config, { telemetry: metrics.telemetry, ...options });
  for (const plugin of plugins) await plugin.setup?.(services);
  const edge = edgeServices(services);
  const dispatcher = createDispatcher(buildRegistry(plugins), services, {
    edge,
    observe: (observation) => metrics.observeRpc(observation),
  });
  const { sessions, clock, log } = services;
  metrics.bind({
    sessions: () => sessions.counts().by_kind,
    llmLoad: () => services.llm.load(),
    memoryCounts: async () => {
      const personas = await services.personas.list();
      let memories = 0;
      for (const persona of personas) memories += await services.memory.count(persona);
      return { personas: personas.length, memories };
    },
    tasks: edge.tasks,
    simulations: () => edge.simulations.counts(),
    jobs: { counts: () => services.jobs.figures(), gaveWay: () => services.jobs.giveWays.total },
  });
  // Connections speak both MCP eras; REST calls the dispatcher itself.
  const eras = new DualEraDispatcher(dispatcher, serverInfo(services.version), {
    maxReplyBytes: config.MAX_REPLY_BYTES,
    maxMessageValues: messageValueLimit(config.MAX_FRAME_BYTES),
  });
  const connections = {
    dispatcher: eras,
    sessions,
    clock,
    log,
    options: connectionOptions(config),
  };
  const endpoints = { wsPort: null as number | null, apiPort: null as number | null };
  // One allowance per client address for REST and MCP sessions alike.
  const openings = new SessionOpenings(config, () => clock.now());
  // One count of failed tokens too: guesses on either port use up the client's one allowance.
  const failures = new AuthFailures({ log });
  const pressure: MemoryPressure = { shedding: false };
  const parts = {
    services,
    dispatcher,
    plugins,
    edge,
    metrics,
    endpoints,
    openings,
    failures,
    pressure,
  };
  return { ...parts, connections, rest: createRestApp(parts) };
}

/** Options of {@linkcode startServer}: the services' and the server's own. */
export interface ServerOptions extends ServiceOptions {
  /**
   * Sockets that make a burst worth a collection (burst_collect.ts's `BURST_UPGRADES` when not
   * given): tests set a few, so that they need few open files.
   */
  burstUpgrades?: number;
}

/** Starts the server described by `config`. */
export async function startServer(
  config: Config,
  options: ServerOptions = {},
): Promise<RunningServer> {
  assertSafeExposure(config);
  const { burstUpgrades, ...serviceOptions } = options;
  // The warm-up reads the largest persona's indexes while the rest of the server is built.
  const parts = await buildServer(config, { ...serviceOptions, prefetchIndexes: true });
  const { services, dispatcher, connections, rest, edge, metrics, endpoints, openings, failures } =
    parts;
  const limit = connectionLimit(config.MAX_CONNECTIONS);
  // Refuses new work at shutdown while the calls in flight finish (drain.ts); a session's
  // cancel of one of them still reaches it.
  const drain = new Drain();
  const webSockets = createWebSocketEndpoint(connections, {
    ...limit,
    collector: serverBurstCollector({
      log: services.log,
      calls: () => serverCalls({ drain, metrics, sessions: services.sessions }),
      paused: (seconds) => metrics.observeBurstCollection(seconds),
      ...(burstUpgrades === undefined ? {} : { burst: burstUpgrades }),
    }),
  });
  metrics.bind({ sockets: () => webSockets.size });
  const mcpHttp = createMcpHttpEndpoint(connections, {
    openings,
    draining: () => drain.draining,
  });
  const guard = createOriginGuard(config, {
    ports: () => [endpoints.apiPort, endpoints.wsPort],
  });
  const access = createMcpAccess(config, { log: services.log, failures });

  let listeners: Listeners;
  try {
    listeners = await openListeners(config, {
      serverPort: serverPortHandler({
        guard,
        access,
        webSockets,
        mcpHttp,
        metrics,
        log: services.log,
        node: services.node,
        nodeHeader: NODE_HEADER,
      }),
      rest: rest.fetch,
      serverPortDraining: passesDrain,
    }, { drain, log: services.log });
  } catch (error) {
    await services.db.close();
    throw error;
  }
  // Started once the listeners are open: a start that fails leaves no timer behind (review34 F7).
  const memoryGuard = startMemoryGuard(config, {
    webSockets,
    log: services.log,
    pressure: parts.pressure,
  });
  const { server: wsServer, rest: apiServer } = listeners;
  endpoints.wsPort = wsServer.addr.port;
  endpoints.apiPort = apiServer.addr.port;
  // Said at start, so that a user sees it before any client is refused.
  const limitLine = connectionLimitLine(limit, config.MAX_CONNECTIONS);
  if (limitLine) services.log[limitLine.level](limitLine.message, limitLine.fields);
  if (config.MEMORY_DECAY_ENABLED) services.memory.decay.start();
  // Stale local vectors (an analyser change) are remade batch by batch when chats are quiet.
  if (config.MEMORY_REMAKE_ENABLED) {
    services.memory.remaker.start({
      later: (work) => services.quiet.add("remaking stale memory vectors", work),
      signal: services.lifetime.signal,
    });
  }
  services.memory.warm();
  services.jobs.start();
  // Temporary directories of simulations whose process was killed outright (core/simulation).
  void edge.simulations.removeLeftovers();
  const sweep = setInterval(() => void minuteSweep(services), 60_000);
  // PostgreSQL: imports cut off on any node (a restart with a random NODE_ID does not know its own).
  const stopImportSweep = services.db.dialect === "postgres"
    ? services.personas.startImportSweep(IMPORT_SWEEP_MS, {
      found: (persona) =>
        services.log.warn("Deleted a persona whose import was cut off", {
          persona_id: persona.id,
          name: persona.name,
        }),
      failed: (error) =>
        services.log.warn("Looking for cut off imports failed", {
          error: error instanceof Error ? error.message : String(error),
        }),
    })
    : () => Promise.resolve();

  const host = bracketed(config.SERVER_HOST);
  return {
    wsUrl: `ws://${host}:${wsServer.addr.port}/mcp`,
    apiUrl: `http://${host}:${apiServer.addr.port}/api`,
    mcpUrl: `http://${host}:${wsServer.addr.port}/mcp`,
    services,
    dispatcher,
    async shutdown() {
      clearInterval(sweep);
      await stopImportSweep();
      // New work refused, calls in flight finish (SHUTDOWN_GRACE_MS), the rest is cancelled.
      await stopGracefully({
        drain,
        graceMs: config.SHUTDOWN_GRACE_MS,
        rest: apiServer,
        server: wsServer,
        webSockets,
        cancel: () => services.lifetime.abort(new ServerShutdown()),
        finish: () => {
          for (const session of services.sessions.all()) {
            services.sessions.close(session, "shutdown");
          }
          return Promise.all([edge.simulations.close(), edge.tasks.close()]);
        },
      });
      // Stopped last: a client may send fragments while the calls in flight finish (review35 R3).
      memoryGuard?.stop();
      await closeServices(services);
    },
  };
}
