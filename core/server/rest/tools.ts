/**
 * What REST routes (core and plugin) use to reach the handlers: the Hono environment carrying the
 * request's session, and {@linkcode RestTools}.
 *
 * @module
 */
import type { Context } from "hono";
import type { z } from "zod";
import type { Services } from "../../services.ts";
import { NotFound } from "../../errors.ts";
import { echoed } from "../../text_cut.ts";
import type { Handler, HandlerContext } from "../define_handler.ts";
import type { Dispatcher } from "../rpc/dispatcher.ts";
import type { CallOptions } from "../rpc/dispatcher_options.ts";
import { messageValueLimit, parseJson } from "../rpc/json_depth.ts";
import { validateParams } from "../rpc/params.ts";
import { decodeUtf8 } from "../rpc/utf8.ts";
import { RpcCode, RpcError } from "../rpc/wire_errors.ts";
import type { Session } from "../../sessions/mod.ts";
import { queryNumber } from "./query_number.ts";
import { BodyNotReceived, bodyReadFailure } from "../transport/body_deadline.ts";
import { clientSignal } from "../transport/client_gone.ts";

/**
 * Hono environment of the REST app: each request carries its session, and `anonymous` when it
 * came without the token AUTH_TOKEN asks for to a path that answers anyone in short
 * (`/api/health`).
 */
export interface RestEnv {
  Variables: { session: Session; anonymous?: boolean };
}

/** Helpers routes (including plugin routes) use to reach the handlers. */
export interface RestTools {
  /**
   * Runs `handler` as `options.session` and resolves to its typed result; errors propagate and
   * become JSON error bodies.
   */
  call<P extends z.ZodType, R>(
    handler: Handler<P, R>,
    params: unknown,
    options: CallOptions,
  ): Promise<R>;
  /**
   * Runs `handler` in the request's session (`X-Session-Id`, or a throw-away one); the client
   * going away cancels it.
   */
  callIn<P extends z.ZodType, R>(
    c: Context<RestEnv>,
    handler: Handler<P, R>,
    params?: unknown,
  ): Promise<R>;
  /**
   * The query parameters named in `spec`, numbers converted when they look like numbers (a
   * value that does not is passed on as text, so the method's schema names the bad field).
   */
  query(c: Context, spec: Record<string, "string" | "number">): Record<string, unknown>;
  /** Checks params against `handler`'s schema now (before a stream starts); throws -32602. */
  validate(handler: Handler, params: unknown): void;
  /**
   * The REST session with `id` as it is now (resumed from the shared store when nodes share
   * sessions); unknown ids are a 404.
   */
  restSession(id: string): Promise<Session>;
  /** The JSON body, `{}` when empty; malformed JSON is a 400. */
  body(c: Context): Promise<Record<string, unknown>>;
}

/** Header that binds a request to a REST session created with `POST /api/sessions`. */
export const SESSION_HEADER = "X-Session-Id";

/** Header naming the node that answered (NODE_ID), on every REST and Streamable HTTP answer. */
export const NODE_HEADER = "X-Persona-Node";

/** The tools over `dispatcher`, for the REST app and its plugins. */
export function restTools(
  services: Services,
  dispatcher: Dispatcher<HandlerContext>,
): RestTools {
  return {
    async call(handler, params, options) {
      try {
        return await dispatcher.call(handler, params, options);
      } finally {
        // A session named by the path (not the header) is saved here: shared sessions.
        await services.sessions.persist(options.session);
      }
    },
    // A client that goes away cancels the call, queued or running (a closed WebSocket's way).
    callIn: (c, handler, params = {}) =>
      dispatcher.call(handler, params, {
        session: c.get("session"),
        signal: clientSignal(c.req.raw),
      }),
    query(c, spec) {
      const values: Record<string, unknown> = {};
      for (const [name, kind] of Object.entries(spec)) {
        const text = c.req.query(name);
        if (text === undefined) continue;
        values[name] = kind === "number" ? queryNumber(text) : text;
      }
      return values;
    },
    validate(handler, params) {
      validateParams(handler.params, params, handler);
    },
    async restSession(id) {
      const session = await services.sessions.resume(id, "rest");
      if (!session) {
        throw new NotFound(
          `Unknown session "${echoed(id)}"; create one with POST /api/sessions`,
          { session_id: echoed(id) },
        );
      }
      session.lastSeen = services.clock.now();
      return session;
    },
    async body(c) {
      let text: string;
      try {
        text = decodeUtf8(await c.req.arrayBuffer());
      } catch (error) {
        // A client that went away mid-body (or too slow: 408) is no server error: debug, 400.
        const failure = bodyReadFailure(error);
        if (failure instanceof BodyNotReceived) {
          services.log.debug("Request body not received", {
            // The client's own method and path: cut, as every log and message quotes them.
            route: `${echoed(c.req.method)} ${echoed(c.req.path)}`,
            reason: failure.reason,
          });
        }
        throw failure;
      }
      if (text.trim() === "") return {};
      let value: unknown;
      try {
        value = parseJson(text, messageValueLimit(services.config.MAX_FRAME_BYTES));
      } catch (error) {
        if (!(error instanceof RpcError) || error.code !== RpcCode.ParseError) throw error;
        throw new RpcError(
          RpcCode.ParseError,
          "Parse error: the body is not valid JSON",
          error.data,
        );
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
