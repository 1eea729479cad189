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
import { failure } from "../rpc/envelope.ts";
import { decodeUtf8 } from "../rpc/utf8.ts";
import { RpcCode, RpcError, toWireError } from "../rpc/wire_errors.ts";
import { Session } from "../../sessions/mod.ts";
import { createOriginGuard } from "../transport/origin_guard.ts";
import { clientSignal } from "../transport/client_gone.ts";
import { AtCapacity, Busy, StorageUnavailable } from "../../errors.ts";
import { HEALTH_PATH, sharedDatabaseHealth } from "./health.ts";
import { echoed } from "../../text_cut.ts";
import { createAuthGate } from "../security/auth.ts";
import { AuthFailures } from "../security/auth_failures.ts";
import { retryAfterSeconds } from "../security/refusals.ts";
import { RateLimiter, rateLimitOf } from "../security/rate_limit.ts";
import { clientAddress, limitRate, requireToken } from "./access.ts";
import type { SessionOpenings } from "../security/session_openings.ts";
import { mountCharacterRoutes } from "./characters.ts";
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
import { httpRouteLabel } from "../metrics/labels.ts";
import { LINKED_DOCUMENTS, mountWebRoutes, PUBLIC_PATHS } from "../web/mod.ts";
import { methodsFinder, noRoute, withHeadLength } from "./methods.ts";
import { NODE_HEADER, type RestEnv, type RestTools, restTools, SESSION_HEADER } from "./tools.ts";
import personaCreate from "../../../handlers/persona/create.ts";
import personaDelete from "../../../handlers/persona/delete.ts";
import personaGet from "../../../handlers/persona/get.ts";
import personaList from "../../../handlers/persona/list.ts";
import personaUpdate from "../../../handlers/persona/update.ts";
import sessionGetInfo from "../../../handlers/session/get_info.ts";
import systemModels from "../../../handlers/system/models.ts";
import systemSetLogLevel from "../../../handlers/system/set_log_level.ts";
import systemSettings from "../../../handlers/system/settings.ts";
import systemStatus from "../../../handlers/system/status.ts";

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
  mountCoreRoutes(api, { tools, services, dispatcher, openings: deps.openings });
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

function mountCoreRoutes(
  api: Hono<RestEnv>,
  { tools, services, dispatcher, openings }:
    & Pick<RestDeps, "services" | "dispatcher" | "openings">
    & { tools: RestTools },
): void {
  const call = tools.callIn;

  api.get("/health", async (c) => {
    const { database, storage } = await sharedDatabaseHealth(services.db);
    const status = database !== "ok"
      ? "unhealthy"
      : storage.status === "degraded"
      ? "degraded"
      : "healthy";
    // Without the token AUTH_TOKEN asks for: whether the node is up, and nothing else.
    if (c.get("anonymous")) return c.json({ status }, database === "ok" ? 200 : 503);
    return c.json({
      status,
      version: services.version,
      uptime_s: Math.floor((services.clock.now() - services.startedAt) / 1000),
      components: { database },
      storage,
    }, database === "ok" ? 200 : 503);
  });
  api.get("/system/status", async (c) => c.json(await call(c, systemStatus)));
  api.get("/system/settings", async (c) => c.json(await call(c, systemSettings)));
  api.get("/system/models", async (c) => c.json(await call(c, systemModels)));
  api.put(
    "/system/log-level",
    async (c) => c.json(await call(c, systemSetLogLevel, await tools.body(c))),
  );

  api.get(
    "/personas",
    async (c) =>
      c.json(await call(c, personaList, tools.query(c, { limit: "number", cursor: "string" }))),
  );
  api.post(
    "/personas",
    async (c) => c.json(await call(c, personaCreate, await tools.body(c)), 201),
  );
  api.get(
    "/personas/:id",
    async (c) => c.json(await call(c, personaGet, { persona_id: c.req.param("id") })),
  );
  api.patch("/personas/:id", async (c) =>
    c.json(
      await call(c, personaUpdate, { ...(await tools.body(c)), persona_id: c.req.param("id") }),
    ));
  api.delete(
    "/personas/:id",
    async (c) => c.json(await call(c, personaDelete, { persona_id: c.req.param("id") })),
  );

  api.post("/sessions", async (c) => {
    // One client opening sessions without end would take every place (MAX_SESSIONS).
    const admission = openings?.take(clientAddress(c));
    if (admission && !admission.ok) return openings!.refusal("rest", admission.retryAfterMs);
    const session = await services.sessions.openShared("rest");
    return c.json(await tools.call(sessionGetInfo, {}, { session }), 201);
  });
  api.get(
    "/sessions/:id",
    async (c) =>
      c.json(
        await tools.call(sessionGetInfo, {}, {
          session: await tools.restSession(c.req.param("id")),
        }),
      ),
  );
  api.delete("/sessions/:id", async (c) => {
    const session = await tools.restSession(c.req.param("id"));
    await services.sessions.end(session, "closed by the client");
    return c.json({ message: "Session closed", session_id: session.id });
  });

  api.post("/rpc", async (c) => {
    let text: string;
    try {
      text = decodeUtf8(await c.req.arrayBuffer());
    } catch (error) {
      if (!(error instanceof RpcError)) throw error;
      // Not UTF-8: the -32700 any unreadable JSON-RPC message gets.
      return c.json(failure(null, toWireError(error).error));
    }
    const reply = await dispatcher.handleText(text, c.get("session"), undefined, {
      signal: clientSignal(c.req.raw),
    });
    if (reply === undefined) return c.body(null, 204);
    return c.body(reply, 200, { "Content-Type": "application/json" });
  });
}
