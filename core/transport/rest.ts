/**
 * The REST PersonaAPI (Hono): resource routes over the same handlers as JSON-RPC, plus
 * `POST /api/rpc`, which answers exactly as the WebSocket does.
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Services } from "../app.ts";
import { NotFound } from "../errors.ts";
import type { Plugin } from "../plugin.ts";
import type { CallOptions, Dispatcher } from "../rpc/dispatcher.ts";
import { validateParams } from "../rpc/params.ts";
import { RpcCode, RpcError, toWireError } from "../rpc/wire_errors.ts";
import { Session } from "../sessions/mod.ts";
import { createOriginGuard } from "./origin_guard.ts";
import { mountChatRoutes } from "./rest_chat.ts";
import { mountMemoryRoutes } from "./rest_memory.ts";
import { mountSocialRoutes } from "./rest_social.ts";

/** Hono environment of the REST app: each request carries its session. */
export interface RestEnv {
  Variables: { session: Session };
}

/** Helpers routes (including plugin routes) use to reach the handlers. */
export interface RestTools {
  /** Runs a JSON-RPC method as `session`; errors propagate and become JSON error bodies. */
  call(method: string, params: unknown, session: Session, options?: CallOptions): Promise<object>;
  /** Runs a JSON-RPC method in the request's session (`X-Session-Id`, or a throw-away one). */
  callIn(c: Context<RestEnv>, method: string, params?: unknown): Promise<object>;
  /**
   * The query parameters named in `spec`, numbers converted when they look like numbers (a
   * value that does not is passed on as text, so the method's schema names the bad field).
   */
  query(c: Context, spec: Record<string, "string" | "number">): Record<string, unknown>;
  /** Checks params against `method`'s schema now (before a stream starts); throws -32602. */
  validate(method: string, params: unknown): void;
  /** The REST session with `id`; unknown ids are a 404. */
  restSession(id: string): Session;
  /** The JSON body, `{}` when empty; malformed JSON is a 400. */
  body(c: Context): Promise<Record<string, unknown>>;
}

/** What the REST app is built from. */
export interface RestDeps {
  services: Services;
  dispatcher: Dispatcher;
  plugins: readonly Plugin[];
}

/** Header that binds a request to a REST session created with `POST /api/sessions`. */
export const SESSION_HEADER = "X-Session-Id";

function restTools(services: Services, dispatcher: Dispatcher): RestTools {
  return {
    call: (method, params, session, options) => dispatcher.call(method, params, session, options),
    callIn: (c, method, params = {}) => dispatcher.call(method, params, c.get("session")),
    query(c, spec) {
      const values: Record<string, unknown> = {};
      for (const [name, kind] of Object.entries(spec)) {
        const text = c.req.query(name);
        if (text === undefined) continue;
        const number = Number(text);
        values[name] = kind === "number" && text.trim() !== "" && Number.isFinite(number)
          ? number
          : text;
      }
      return values;
    },
    validate(method, params) {
      const handler = dispatcher.registry.get(method);
      if (handler) validateParams(handler.params, params);
    },
    restSession(id) {
      const session = services.sessions.get(id);
      if (!session || session.kind !== "rest") {
        throw new NotFound(`Unknown session "${id}"; create one with POST /api/sessions`, {
          session_id: id,
        });
      }
      session.lastSeen = services.clock.now();
      return session;
    },
    async body(c) {
      const text = await c.req.text();
      if (text.trim() === "") return {};
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new RpcError(RpcCode.ParseError, "Parse error: the body is not valid JSON", {
          detail: (error as Error).message,
        });
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new RpcError(
          RpcCode.InvalidRequest,
          "Invalid Request: the body must be a JSON object",
        );
      }
      return value as Record<string, unknown>;
    },
  };
}

/** Builds the REST app: `/api/...` routes, CORS, body limit and JSON errors. */
export function createRestApp(deps: RestDeps): Hono<RestEnv> {
  const { services, dispatcher } = deps;
  const tools = restTools(services, dispatcher);
  const app = new Hono<RestEnv>();
  const guard = createOriginGuard(services.config);
  // DNS-rebinding and cross-site protection: see origin_guard.ts.
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
  app.use(
    "*",
    bodyLimit({
      maxSize: services.config.MAX_FRAME_BYTES,
      onError: (c) =>
        c.json({ error: { code: RpcCode.InvalidRequest, message: "Request body too large" } }, 413),
    }),
  );
  app.use("/api/*", async (c, next) => {
    const id = c.req.header(SESSION_HEADER);
    c.set("session", id ? tools.restSession(id) : new Session("rest", services.clock.now()));
    await next();
  });
  app.onError((thrown, c) => {
    const mapped = toWireError(thrown);
    if (mapped.internal) {
      services.log.error("Internal error", {
        route: `${c.req.method} ${c.req.path}`,
        error: thrown,
      });
    }
    return c.json({ error: mapped.error }, mapped.status as ContentfulStatusCode);
  });
  app.notFound((c) =>
    c.json({
      error: {
        code: RpcCode.MethodNotFound,
        message: `No route for ${c.req.method} ${c.req.path}`,
      },
    }, 404)
  );

  const api = new Hono<RestEnv>();
  mountCoreRoutes(api, tools, services, dispatcher);
  mountChatRoutes(api, tools, services);
  mountSocialRoutes(api, tools);
  mountMemoryRoutes(api, tools);
  for (const plugin of deps.plugins) plugin.routes?.(api, tools);
  app.route("/api", api);
  return app;
}

function mountCoreRoutes(
  api: Hono<RestEnv>,
  tools: RestTools,
  services: Services,
  dispatcher: Dispatcher,
): void {
  const call = tools.callIn;

  api.get("/health", (c) =>
    c.json({
      status: "healthy",
      version: services.version,
      uptime_s: Math.floor((services.clock.now() - services.startedAt) / 1000),
      components: { database: services.db.raw.isOpen ? "ok" : "closed" },
    }));
  api.get("/system/status", async (c) => c.json(await call(c, "system.status")));

  api.get("/personas", async (c) => c.json(await call(c, "persona.list")));
  api.post(
    "/personas",
    async (c) => c.json(await call(c, "persona.create", await tools.body(c)), 201),
  );
  api.get(
    "/personas/:id",
    async (c) => c.json(await call(c, "persona.get", { persona_id: c.req.param("id") })),
  );
  api.patch("/personas/:id", async (c) =>
    c.json(
      await call(c, "persona.update", { ...(await tools.body(c)), persona_id: c.req.param("id") }),
    ));
  api.delete(
    "/personas/:id",
    async (c) => c.json(await call(c, "persona.delete", { persona_id: c.req.param("id") })),
  );

  api.post("/sessions", async (c) => {
    const session = services.sessions.open("rest");
    return c.json(await tools.call("session.get_info", {}, session), 201);
  });
  api.get(
    "/sessions/:id",
    async (c) =>
      c.json(await tools.call("session.get_info", {}, tools.restSession(c.req.param("id")))),
  );
  api.delete("/sessions/:id", (c) => {
    const session = tools.restSession(c.req.param("id"));
    services.sessions.close(session, "closed by the client");
    return c.json({ message: "Session closed", session_id: session.id });
  });

  api.post("/rpc", async (c) => {
    const text = await c.req.text();
    const reply = await dispatcher.handleText(text, c.get("session"));
    if (reply === undefined) return c.body(null, 204);
    return c.body(reply, 200, { "Content-Type": "application/json" });
  });
}
