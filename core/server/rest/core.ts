/**
 * REST routes of the server itself: health, system status and settings, personas, sessions and
 * `POST /api/rpc` (mounted by `app.ts`).
 *
 * @module
 */
import type { Hono } from "hono";
import type { Services } from "../../services.ts";
import type { HandlerContext } from "../define_handler.ts";
import type { Dispatcher } from "../rpc/dispatcher.ts";
import { failure } from "../rpc/envelope.ts";
import { decodeUtf8 } from "../rpc/utf8.ts";
import { RpcError, toWireError } from "../rpc/wire_errors.ts";
import type { SessionOpenings } from "../security/session_openings.ts";
import { clientSignal } from "../transport/client_gone.ts";
import type { MemoryPressure } from "../transport/ws_memory_guard.ts";
import { clientAddress } from "./access.ts";
import { sharedDatabaseHealth } from "./health.ts";
import type { RestEnv, RestTools } from "./tools.ts";
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

/** What the core routes are built from. */
export interface CoreRouteDeps {
  tools: RestTools;
  services: Services;
  dispatcher: Dispatcher<HandlerContext>;
  /** Each client's allowance of new sessions; none: unlimited. */
  openings?: SessionOpenings;
  /** Whether the WebSocket memory guard is shedding sockets (health `degraded`); none: never. */
  pressure?: MemoryPressure;
}

/**
 * Mounts the core routes: `/health`, `/system/...`, `/personas`, `/sessions` and `/rpc` (a
 * JSON-RPC message answered exactly as over the WebSocket).
 */
export function mountCoreRoutes(
  api: Hono<RestEnv>,
  { tools, services, dispatcher, openings, pressure }: CoreRouteDeps,
): void {
  const call = tools.callIn;

  api.get("/health", async (c) => {
    const { database, storage } = await sharedDatabaseHealth(services.db);
    const shedding = pressure?.shedding === true;
    const status = database !== "ok"
      ? "unhealthy"
      : storage.status === "degraded" || shedding
      ? "degraded"
      : "healthy";
    // Without the token AUTH_TOKEN asks for: whether the node is up, and nothing else.
    if (c.get("anonymous")) return c.json({ status }, database === "ok" ? 200 : 503);
    return c.json({
      status,
      version: services.version,
      uptime_s: Math.floor((services.clock.now() - services.startedAt) / 1000),
      // `memory` only while the memory guard closes silent WebSockets (ws_memory_guard.ts).
      components: shedding ? { database, memory: "shedding" } : { database },
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
