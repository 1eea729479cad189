/**
 * What a handler file of this server works with: `defineHandler` and the context handlers get —
 * the domain services plus the request scope (session, signal, notify, progress, nested calls).
 *
 * @module
 */
import type { z } from "zod";
import type { Services } from "../services.ts";
import { settingsEnv } from "../simulation/settings_env.ts";
import { SimulationRuns } from "../simulation/runs.ts";
import { type ListenHub, listenHubFor } from "./mcp/listen_hub.ts";
import { isRawId, rawId } from "./rpc/json_depth.ts";
import { SHARED_KINDS } from "../sessions/mod.ts";
import { type Relay, relayFor } from "../storage/mod.ts";
import { TaskRecords } from "../tasks/mod.ts";
import { TaskStore } from "./task_store.ts";
import type {
  Handler as RpcHandler,
  MethodTable as RpcMethodTable,
  RequestScope,
} from "./rpc/handler.ts";

export type { NestedCallOptions, ProgressUpdate } from "./rpc/handler.ts";

/**
 * The services a handler may use: the domain services and the server's facts, not the database
 * handle nor the server's lifetime (storage stays behind the services; shutdown reaches a
 * handler through its `signal`).
 */
export type HandlerServices = Omit<Services, "db" | "lifetime">;

/** What the edge adds to the domain services: state of its own that outlives one request. */
export interface EdgeServices {
  /** Work that outlives its request, polled by id (MCP's tasks extension). */
  readonly tasks: TaskStore;
  /** Simulations started from this server, run in the background. */
  readonly simulations: SimulationRuns;
  /** The poller every `subscriptions/listen` stream shares, and their cap. */
  readonly listens: ListenHub;
  /** Messages to the other nodes (PostgreSQL); undefined with one node. */
  readonly relay: Relay | undefined;
}

/** The relayed message that cancels a request another node serves (`notifications/cancelled`). */
export interface RequestCancel {
  [key: string]: unknown;
  kind: "request.cancel";
  session: string;
  requestId: string | number;
  /** True when `requestId` is the digits of an integer id beyond 2^53 (JSON would round it). */
  rawId?: true;
  reason: string;
}

/**
 * Cancels the request `requestId` of the caller's session, without an answer (MCP's
 * `notifications/cancelled`): here, or, when this node's copy of a session the nodes share (MCP
 * HTTP, REST on PostgreSQL) has no such request, on whichever node runs it (relayed). True when it
 * ran here.
 */
export async function cancelAnywhere(
  ctx: HandlerContext,
  requestId: string | number,
  reason: string,
): Promise<boolean> {
  if (ctx.session.cancel(requestId, reason, { reply: false })) return true;
  if (ctx.relay && ctx.sessions.shared && SHARED_KINDS.includes(ctx.session.kind)) {
    const message: RequestCancel = {
      kind: "request.cancel",
      session: ctx.session.id,
      ...(isRawId(requestId)
        ? { requestId: JSON.stringify(requestId), rawId: true }
        : { requestId }),
      reason,
    };
    await ctx.relay.send(message);
  }
  return false;
}

/** Cancels here the request a client cancelled through another node (no answer: MCP's way). */
function cancelRelayed(services: Services, message: Record<string, unknown>): void {
  const { session, requestId, reason, rawId: raw } = message as Partial<RequestCancel>;
  if (typeof session !== "string" || typeof reason !== "string") return;
  if (typeof requestId !== "string" && typeof requestId !== "number") return;
  // An id beyond 2^53 travels as its digits, and is the request's own raw id again here.
  const id = raw === true && /^-?\d+$/.test(String(requestId))
    ? rawId(String(requestId)) as number
    : requestId;
  services.sessions.get(session)?.cancel(id, reason, { reply: false });
}

/** The edge's services for `services` (a server builds them once). */
export function edgeServices(services: Services): EdgeServices {
  const relay = relayFor(services.db);
  relay?.on((message) => {
    if (message.kind === "request.cancel") cancelRelayed(services, message);
  });
  return {
    // Tasks stop with the server, so they get its lifetime (handlers never do).
    tasks: new TaskStore({
      clock: services.clock,
      lifetime: services.lifetime.signal,
      // Expiry judged by the database's clock on PostgreSQL, as heartbeats are.
      records: new TaskRecords(services.db, { databaseClock: () => services.clock.now() }),
      relay,
      // A result no reply could carry is not kept: the task fails with -32005 instead.
      maxResultBytes: services.config.MAX_REPLY_BYTES,
      onError: (error) => services.log.warn("Task state not written", { error: String(error) }),
    }),
    relay,
    simulations: new SimulationRuns({
      env: settingsEnv(services.config),
      log: services.log,
      now: () => services.clock.now(),
    }),
    listens: listenHubFor(services),
  };
}

/** What a handler gets besides its params: the services it may use and the request scope. */
export interface HandlerContext
  extends HandlerServices, EdgeServices, RequestScope<HandlerContext> {}

/**
 * A handler of this server. With its type arguments it keeps its params schema and result type
 * (a caller holding it is typed end to end); `Handler` alone is the erased form the manifest
 * and the registry hold.
 */
export type Handler<P extends z.ZodType = z.ZodType, R = unknown> = RpcHandler<
  HandlerContext,
  P,
  R
>;

/** The methods this server serves, as handlers see them. */
export type MethodTable = RpcMethodTable<HandlerContext>;

/**
 * Declares a handler; `export default defineHandler({...})` in a `handlers/` file. Returns its
 * input, typed: `ctx.call(handler, params)` and the REST routes get the handler's own result type.
 */
export function defineHandler<P extends z.ZodType, R extends object>(
  definition: Handler<P, R>,
): Handler<P, R> {
  return definition;
}

/** Builds each request's handler context: the services shared once, the scope per request. */
export function handlerContext(
  services: Services,
  edge: EdgeServices = edgeServices(services),
): (scope: RequestScope<HandlerContext>) => HandlerContext {
  const { db: _db, lifetime: _lifetime, ...domain } = services;
  const shared = { ...domain, ...edge };
  type Scope = RequestScope<HandlerContext>;
  /**
   * A request's context: its scope's fields on an object whose prototype holds the services. A
   * request copies its scope, not every service, into one object of one shape (copying the
   * scope onto `Object.create(shared)` cost a few percent of a `ping`).
   */
  class RequestContext implements Scope {
    session: Scope["session"];
    requestId: Scope["requestId"];
    signal: Scope["signal"];
    meta: Scope["meta"];
    replyBytes: Scope["replyBytes"];
    registry: Scope["registry"];
    notify: Scope["notify"];
    progress: Scope["progress"];
    call: Scope["call"];

    constructor(scope: Scope) {
      this.session = scope.session;
      this.requestId = scope.requestId;
      this.signal = scope.signal;
      this.meta = scope.meta;
      this.replyBytes = scope.replyBytes;
      this.registry = scope.registry;
      this.notify = scope.notify;
      this.progress = scope.progress;
      this.call = scope.call;
    }
  }
  Object.setPrototypeOf(RequestContext.prototype, shared);
  return (scope) => new RequestContext(scope) as unknown as HandlerContext;
}
