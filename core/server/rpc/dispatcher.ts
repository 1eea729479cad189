/**
 * The JSON-RPC 2.0 dispatcher shared by every transport: envelope checks, batches,
 * notifications, method lookup before params validation, and error mapping.
 *
 * @module
 */
import type { Services } from "../../services.ts";
import { AppError, Cancelled } from "../../errors.ts";
import { CancelRequest, type Session } from "../../sessions/session.ts";
import type { Handler, HandlerContext, NestedCallOptions } from "../define_handler.ts";
import {
  checkRequest,
  failure,
  isNotification,
  type JsonRpcId,
  type JsonRpcNotification,
  type JsonRpcRequest,
  type JsonRpcResponse,
  readableId,
  success,
} from "./envelope.ts";
import { parseJson } from "./json_depth.ts";
import { splitParams, validateParams } from "./params.ts";
import type { HandlerRegistry } from "./registry.ts";
import { RpcCode, RpcError, toWireError } from "./wire_errors.ts";

/** Receives the notifications a handler sends while it runs. */
export type NotificationSink = (message: JsonRpcNotification) => void;

const dropNotification: NotificationSink = () => {};

/** Options of {@linkcode Dispatcher.call}. */
export interface CallOptions {
  notify?: NotificationSink;
  signal?: AbortSignal;
}

/** What one decoded message (single or batch) produces: a response, an array, or nothing. */
export type DispatchReply = JsonRpcResponse | JsonRpcResponse[] | undefined;

/** Routes JSON-RPC messages to handlers. */
export class Dispatcher {
  readonly registry: HandlerRegistry;
  readonly #services: Services;

  /** Creates a dispatcher over `registry` whose handlers get `services`. */
  constructor(registry: HandlerRegistry, services: Services) {
    this.registry = registry;
    this.#services = services;
  }

  /** Handles one text frame; resolves to the text to send back, or undefined for none. */
  async handleText(
    text: string,
    session: Session,
    notify: NotificationSink = dropNotification,
  ): Promise<string | undefined> {
    let value: unknown;
    try {
      value = parseJson(text);
    } catch (error) {
      // Not JSON (-32700), or nested too deep to parse safely (-32602).
      return JSON.stringify(failure(null, toWireError(error).error));
    }
    const reply = await this.handleValue(value, session, notify);
    return reply === undefined ? undefined : JSON.stringify(reply);
  }

  /** Handles one decoded message: a request, a notification or a batch. */
  async handleValue(
    value: unknown,
    session: Session,
    notify: NotificationSink = dropNotification,
  ): Promise<DispatchReply> {
    if (!Array.isArray(value)) return await this.#handleOne(value, session, notify);
    if (value.length === 0) {
      return failure(null, {
        code: RpcCode.InvalidRequest,
        message: "Invalid Request: empty batch",
      });
    }
    const replies = await Promise.all(value.map((item) => this.#handleOne(item, session, notify)));
    const answered = replies.filter((reply): reply is JsonRpcResponse => reply !== undefined);
    return answered.length > 0 ? answered : undefined;
  }

  /**
   * Runs `method` with `params` for `session` and returns its result; throws on failure.
   * `notify` receives the handler's notifications (REST streams them as Server-Sent Events);
   * `signal` cancels the call (a REST client that went away).
   */
  call(
    method: string,
    params: unknown,
    session: Session,
    options: CallOptions = {},
  ): Promise<object> {
    return this.#invoke(
      requestFor(method, params),
      session,
      options.notify ?? dropNotification,
      options.signal,
    );
  }

  async #handleOne(
    value: unknown,
    session: Session,
    notify: NotificationSink,
  ): Promise<JsonRpcResponse | undefined> {
    let request: JsonRpcRequest;
    try {
      request = checkRequest(value);
    } catch (error) {
      return failure(readableId(value), toWireError(error).error);
    }
    const notification = isNotification(request);
    const id: JsonRpcId = notification ? null : request.id ?? null;
    try {
      const result = await this.#invoke(request, session, notify);
      return notification ? undefined : success(id, result);
    } catch (thrown) {
      // MCP: a request the client cancelled with notifications/cancelled gets no answer at all.
      if (thrown instanceof Cancelled && !thrown.reply) return undefined;
      const mapped = toWireError(thrown);
      if (mapped.internal) {
        this.#services.log.error("Internal error", {
          request_id: id,
          method: request.method,
          session: session.id,
          error: thrown,
        });
      }
      return notification ? undefined : failure(id, mapped.error);
    }
  }

  /** A request from the client: tracked in its session so that it can be cancelled. */
  async #invoke(
    request: JsonRpcRequest,
    session: Session,
    notify: NotificationSink,
    outerSignal?: AbortSignal,
  ): Promise<object> {
    const prepared = this.#prepare(request);
    const requestId = isNotification(request) ? undefined : request.id;
    const controller = session.track(requestId);
    // The caller's signal (a REST client gone) and the server's lifetime both cancel the call.
    const outer = outerSignal
      ? AbortSignal.any([outerSignal, this.#services.lifetime.signal])
      : this.#services.lifetime.signal;
    const abortFromOutside = () => controller.abort(outer.reason);
    outer.addEventListener("abort", abortFromOutside, { once: true });
    if (outer.aborted) abortFromOutside();
    session.requestCount++;
    try {
      return await this.#run(prepared, session, { requestId, signal: controller.signal, notify });
    } finally {
      outer.removeEventListener("abort", abortFromOutside);
      session.untrack(controller);
    }
  }

  /** Finds the handler (-32601 before anything else) and validates the params (-32602). */
  #prepare(request: JsonRpcRequest): Prepared {
    const handler = this.registry.get(request.method);
    if (!handler) {
      throw new RpcError(RpcCode.MethodNotFound, `Method not found: ${request.method}`, {
        method: request.method,
      });
    }
    const { named, meta } = splitParams(request.params);
    return { handler, params: validateParams(handler.params, named), meta };
  }

  async #run(prepared: Prepared, session: Session, invocation: Invocation): Promise<object> {
    const { requestId, signal, notify } = invocation;
    const ctx: HandlerContext = Object.assign(Object.create(this.#services), {
      session,
      requestId,
      signal,
      meta: prepared.meta,
      registry: this.registry,
      notify: (method: string, params: Record<string, unknown>) => {
        if (!signal.aborted) notify({ jsonrpc: "2.0", method, params });
      },
      // A nested call shares the request's id and signal: cancelling the request cancels it.
      call: async (method: string, params: unknown, options: NestedCallOptions = {}) => {
        const sink: NotificationSink = options.notify
          ? (message) => options.notify!(message.method, message.params ?? {})
          : notify;
        const nested = this.#prepare(requestFor(method, params));
        return await this.#run(nested, session, { requestId, signal, notify: sink });
      },
    });
    try {
      return await prepared.handler.handle(prepared.params, ctx);
    } catch (error) {
      // Whatever a cancelled handler throws (an AbortError, a closed stream) is its cancellation.
      if (signal.aborted && (!(error instanceof AppError) || error instanceof Cancelled)) {
        throw cancellation(signal.reason, requestId);
      }
      throw error;
    }
  }
}

/** A request whose handler is found and whose params are valid. */
interface Prepared {
  handler: Handler;
  params: unknown;
  meta: Record<string, unknown> | undefined;
}

/** What a handler invocation runs with. */
interface Invocation {
  requestId: JsonRpcId | undefined;
  signal: AbortSignal;
  notify: NotificationSink;
}

function requestFor(method: string, params: unknown): JsonRpcRequest {
  return { jsonrpc: "2.0", method, params: (params ?? {}) as Record<string, unknown> };
}

function cancellation(reason: unknown, requestId: JsonRpcId | undefined): Cancelled {
  return new Cancelled(
    `Request cancelled: ${describeReason(reason)}`,
    { request_id: requestId ?? null },
    { reply: !(reason instanceof CancelRequest) || reason.reply },
  );
}

function describeReason(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason ?? "cancelled");
}
