/**
 * The REST PersonaAPI (Hono): resource routes over the same handlers as JSON-RPC, plus
 * `POST /api/rpc`, which answers exactly as the WebSocket does.
 *
 * @module
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Services } from "../../services.ts";
import type { Plugin } from "../plugin.ts";
import type { HandlerContext } from "../define_handler.ts";
import type { Dispatcher } from "../rpc/dispatcher.ts";
import { RpcCode, toWireError } from "../rpc/wire_errors.ts";
import { Session } from "../../sessions/mod.ts";
import { createOriginGuard } from "../transport/origin_guard.ts";
import { AtCapacity, Busy, StorageUnavailable } from "../../errors.ts";
import { HEALTH_PATH } from "./health.ts";
import { echoed } from "../../text_cut.ts";
import { createAuthGate } from "../security/auth.ts";
import { AuthFailures } from "../security/auth_failures.ts";
import { retryAfterSeconds } from "../security/refusals.ts";
import { RateLimiter, rateLimitOf } from "../security/rate_limit.ts";
import { limitRate, requireToken } from "./access.ts";
import type { SessionOpenings } from "../security/session_openings.ts";
import { mountCharacterRoutes } from "./characters.ts";
import { mountCoreRoutes } from "./core.ts";
import { mountChatRoutes } from "./chat.ts";
import { jsonBodiesOnly, uploadBodiesOf } from "./json_only.ts";
import { decodableUrlsOnly } from "./url_escapes.ts";
import { mountLoreRoutes } from "./lore.ts";
import { mountRoomRoutes } from "./rooms.ts";
import { UPLOAD_TYPES, uploadLimit, uploadRoute, uploadSlots } from "./upload.ts";
import { mountMemoryRoutes } from "./memory.ts";
import { mountMindRoutes } from "./mind.ts";
import { mountSimulationRoutes } from "./simulation.ts";
import { mountSocialRoutes } from "./social.ts";
import { documentRoutes, routeDocTables } from "../docs/document_routes.ts";
import type { EdgeServices } from "../define_handler.ts";
import type { ServerMetrics } from "../metrics/metrics.ts";
import type { MemoryPressure } from "../transport/ws_memory_guard.ts";
import { httpRouteLabel } from "../metrics/labels.ts";
import { LINKED_DOCUMENTS, mountWebRoutes, PUBLIC_PATHS } from "../web/mod.ts";
import { methodsFinder, noRoute, withHeadLength } from "./methods.ts";
import { NODE_HEADER, type RestEnv, type RestTools, restTools, SESSION_HEADER } from "./tools.ts";
export { NODE_HEADER, type RestEnv, type RestTools, SESSION_HEADER };

/** What the REST app is built from. */
export interface RestDeps {
  services: Services;
  dispatcher: Dispatcher<HandlerContext>;
  plugins: readonly Plugin[];
  edge: EdgeServices;
  metrics: ServerMetrics;
  /** Where the WebSocket listens once it does (the dashboard's chat connects there). */
  endpoints: { wsPort: number | null; apiPort?: number | null };
  /** Each client's allowance of new sessions (MAX_SESSIONS_PER_CLIENT_PER_MIN); none: unlimited. */
  openings?: SessionOpenings;
  /** Each client's failed token checks, shared with `/mcp`; none: a count of the app's own. */
  failures?: AuthFailures;
  /** Whether the WebSocket memory guard is shedding sockets; none: never. */
  pressure?: MemoryPressure;
}

/** Builds the REST app: `/api/...` routes, CORS, body limit and JSON errors. */
export function createRestApp(deps: RestDeps): Hono<RestEnv> {
  const { services, dispatcher } = deps;
  const tools = restTools(services, dispatcher);
  const app = new Hono<RestEnv>();
  const guard = createOriginGuard(services.config, {
    ports: () => [deps.endpoints.apiPort, deps.endpoints.wsPort],
  });
  // First, so that refused and failed requests are counted too.
  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    deps.metrics.observeHttp({
      port: "api",
      route: httpRouteLabel({ routePath: c.req.routePath, status: c.res.status }),
      method: c.req.method,
      status: c.res.status,
      seconds: (performance.now() - started) / 1000,
    });
  });
  // DNS-rebinding and cross-site protection: see origin_guard.ts.
  // Which node answered: behind a load balancer, what an operator (or a test) looks for first.
  app.use("*", async (c, next) => {
    await next();
    c.header(NODE_HEADER, services.node);
  });
  app.use("*", async (c, next) => {
    const refusal = guard.refusal(c.req.raw);
    if (refusal === null) return await next();
    return c.json(
      { error: { code: RpcCode.InvalidRequest, message: `Forbidden: ${refusal}` } },
      403,
    );
  });
  // The same origins the guard lets through (localhost pages and CORS_ORIGINS) get CORS headers.
  app.use("*", cors({ origin: (origin) => (guard.allowsOrigin(origin) ? origin : null) }));
  // Then each client's request rate (refused requests count too) and the credential
  // (AUTH_TOKEN, failures counted per client network, one count with /mcp): see
  // core/server/SECURITY.md.
  // The dashboard's shell and the API reference load without it; their data calls need it.
  app.use("*", limitRate(new RateLimiter(rateLimitOf(services.config))));
  app.use(
    "*",
    requireToken(createAuthGate(services.config), {
      publicPaths: PUBLIC_PATHS,
      linkedPaths: LINKED_DOCUMENTS,
      failures: deps.failures ?? new AuthFailures({ log: services.log }),
      anonymousPaths: new Set([HEALTH_PATH]),
    }),
  );
  app.use("/api/*", decodableUrlsOnly());
  const frameLimit = bodyLimit({
    maxSize: services.config.MAX_FRAME_BYTES,
    onError: (c) =>
      c.json({ error: { code: RpcCode.InvalidRequest, message: "Request body too large" } }, 413),
  });
  // Uploads (cards, bundles, lorebooks, avatars) are files, bounded by CARD_MAX_BYTES instead,
  // and a few at a time.
  const fileLimit = uploadLimit(services.config.CARD_MAX_BYTES);
  const slots = uploadSlots();
  app.use("*", (c, next) => (uploadRoute(c.req.path) ? slots(c, next) : next()));
  app.use(
    "*",
    (c, next) => (uploadRoute(c.req.path) ? fileLimit(c, next) : frameLimit(c, next)),
  );
  // Every other body is JSON; uploads are files of the types their route reads (415 otherwise).
  const jsonOnly = jsonBodiesOnly();
  const uploadTypes = new Map(
    [...UPLOAD_TYPES].map(([path, types]) => [path, uploadBodiesOf(types)]),
  );
  app.use("*", (c, next) => (uploadTypes.get(uploadRoute(c.req.path) ?? "") ?? jsonOnly)(c, next));
  app.use("/api/*", async (c, next) => {
    // A request without the token (a health check) reaches no session of anybody's.
    const id = c.get("anonymous") ? undefined : c.req.header(SESSION_HEADER);
    const session = id ? await tools.restSession(id) : new Session("rest", services.clock.now());
    c.set("session", session);
    await next();
    // What the request changed (active persona, scene, counters) goes back to the shared store.
    if (id) await services.sessions.persist(session);
  });
  app.onError((thrown, c) => {
    const mapped = toWireError(thrown);
    if (mapped.internal) {
      services.log.error("Internal error", {
        route: `${echoed(c.req.method)} ${echoed(c.req.path)}`,
        error: thrown,
      });
    }
    if (thrown instanceof AtCapacity || thrown instanceof StorageUnavailable) {
      c.header("Retry-After", String(retryAfterSeconds(thrown.retryAfterMs)));
    }
    // A busy database (a SQLite lock held too long, a full PostgreSQL pool queue) says when.
    const busyWait = thrown instanceof Busy
      ? (thrown.data as { retry_after_ms?: unknown } | undefined)?.retry_after_ms
      : undefined;
    if (typeof busyWait === "number") c.header("Retry-After", String(retryAfterSeconds(busyWait)));
    // A busy model server's own Retry-After (an upstream 429), passed on.
    const upstreamWait = thrown instanceof Busy
      ? (thrown.data as { retry_after_s?: unknown } | undefined)?.retry_after_s
      : undefined;
    if (typeof upstreamWait === "number") c.header("Retry-After", String(upstreamWait));
    return c.json({ error: mapped.error }, mapped.status as ContentfulStatusCode);
  });
  const methodsAt = methodsFinder(() => app.routes);
  app.notFound((c) => noRoute(c, methodsAt(c.req.path)));

  const api = new Hono<RestEnv>();
  mountCoreRoutes(api, {
    tools,
    services,
    dispatcher,
    openings: deps.openings,
    pressure: deps.pressure,
  });
  mountChatRoutes(api, { tools, personas: services.personas, log: services.log });
  mountSocialRoutes(api, tools);
  mountMemoryRoutes(api, tools);
  mountSimulationRoutes(api, tools, deps.edge.simulations);
  mountCharacterRoutes(api, {
    tools,
    personas: services.personas,
    characters: services.characters,
  });
  mountLoreRoutes(api, tools);
  mountRoomRoutes(api, { tools, rooms: services.rooms, log: services.log });
  mountMindRoutes(api, tools);
  for (const plugin of deps.plugins) plugin.routes?.(api, tools);
  app.route("/api", api);
  mountWebRoutes(app, {
    routes: () => documentRoutes(app.routes, routeDocTables(deps.plugins)),
    registry: dispatcher.registry,
    version: services.version,
    metrics: deps.metrics,
    wsPort: () => deps.endpoints.wsPort,
  });
  // HEAD as GET with its Content-Length (Hono's would claim an empty body).
  app.fetch = withHeadLength(app.fetch.bind(app)) as typeof app.fetch;
  return app;
}
