/**
 * Running one handler for a request: method lookup, params validation, the request's tracking in
 * its session (so it can be cancelled), its scope (notifications, progress, nested calls) and the
 * mapping of what a cancelled handler throws. The dispatcher above it deals in JSON-RPC messages.
 *
 * @module
 */
import type { z } from "zod";
import { AppError, Cancelled } from "../../errors.ts";
import { CancelRequest, type RequestId, type Session } from "../../sessions/session.ts";
import type { JsonRpcNotification } from "./envelope.ts";
import type { Handler, NestedCallOptions, ProgressUpdate, RequestScope } from "./handler.ts";
import { progressToken, splitParams, validateParams } from "./params.ts";
import type { HandlerRegistry } from "./registry.ts";
import { RunningRequests } from "./running_requests.ts";
import { abortWith, Tracked } from "./tracked.ts";
import { RpcCode, RpcError, ServerShutdown, shuttingDown } from "./wire_errors.ts";
import { echoed } from "../../text_cut.ts";

/** Receives the notifications a handler sends while it runs. */
export type NotificationSink = (message: JsonRpcNotification) => void;

/** A sink that drops every notification. */
export const dropNotification: NotificationSink = () => {};

/** A handler whose params are valid, ready to run with a context. */
export interface Prepared<C, R> {
  /** Runs the handler with its bound params. */
  run(ctx: C): R | Promise<R>;
  /** The request's `_meta`, if it had one. */
  meta: Record<string, unknown> | undefined;
  /** True when its handler is `instant` (`Handler.instant`). */
  readonly instant?: boolean;
}

/** A handler bound to its valid params (a class: no closure made per request). */
class BoundHandler<C, P extends z.ZodType, R> implements Prepared<C, R> {
  constructor(
    readonly handler: Handler<C, P, R>,
    readonly params: z.infer<P>,
    readonly meta: Record<string, unknown> | undefined,
  ) {}

  run(ctx: C): R | Promise<R> {
    return this.handler.handle(this.params, ctx);
  }

  get instant(): boolean {
    return this.handler.instant === true;
  }
}

/** What a {@linkcode HandlerInvoker} is built from. */
export interface HandlerInvokerOptions<C> {
  /** The methods it serves. */
  registry: HandlerRegistry<C>;
  /** Builds the context a handler runs with from its request scope (adds the services). */
  context(scope: RequestScope<C>): C;
  /** Aborted when the server stops: every call in flight is cancelled with it. */
  lifetime?: AbortSignal;
}

/** What a handler invocation runs with (one shape for every call: V8 keeps it monomorphic). */
class Invocation {
  constructor(
    readonly session: Session,
    readonly requestId: RequestId | undefined,
    readonly signal: AbortSignal,
    readonly notify: NotificationSink,
    readonly replyBytes: number | undefined,
  ) {}
}

const ignoreProgress = (_update: ProgressUpdate): void => {};

const NEVER = new AbortController().signal;

/** Looks up, validates and runs handlers whose context is `C`; cancels them all at shutdown. */
export class HandlerInvoker<C> {
  readonly registry: HandlerRegistry<C>;
  readonly #context: (scope: RequestScope<C>) => C;
  readonly #lifetime: AbortSignal;
  /** The requests running now, aborted when the server's lifetime ends. */
  readonly #running = new RunningRequests();

  /** Creates an invoker over `options.registry`. */
  constructor(options: HandlerInvokerOptions<C>) {
    this.registry = options.registry;
    this.#context = options.context;
    this.#lifetime = options.lifetime ?? NEVER;
    // One listener for every request, rather than one added and removed per request.
    options.lifetime?.addEventListener("abort", () => {
      this.#running.abortAll(this.#lifetime.reason);
    }, { once: true });
  }

  /**
   * A request from the client: tracked in its session so that it can be cancelled. Its result at
   * once when the handler answers at once (the tracking ends with it), else a promise of it.
   */
  invoke<R>(
    prepared: Prepared<C, R>,
    session: Session,
    requestId: RequestId | undefined,
    notify: NotificationSink,
    outer: AbortSignal | undefined,
  ): R | Promise<R> {
    if (prepared.instant && outer === undefined && !session.closed && !this.#lifetime.aborted) {
      return this.#invokeInstant(prepared, session, requestId, notify);
    }
    const controller = session.track(requestId);
    // The server's lifetime (through #running) and the caller's signal (a REST client gone)
    // both cancel the call.
    const abortFromOutside = outer === undefined ? undefined : abortWith(controller, outer);
    if (this.#lifetime.aborted) controller.abort(this.#lifetime.reason);
    const tracked = new Tracked(
      this.#running,
      this.#running.add(controller),
      session,
      controller,
      outer,
      abortFromOutside,
    );
    session.requestCount++;
    let result: R | Promise<R>;
    try {
      result = this.#run(
        prepared,
        new Invocation(session, requestId, controller.signal, notify, undefined),
      );
    } catch (error) {
      tracked.end();
      throw error;
    }
    if (!(result instanceof Promise)) {
      tracked.end();
      return result;
    }
    return tracked.endAfter(result);
  }

  /**
   * An instant handler's request (`Handler.instant`), tracked only once its handler returns a
   * promise: while it runs synchronously nothing can cancel it (a cancel, the session's close and
   * the server's stop all come as other events), so an answer made at once is never tracked (the
   * tracking was a tenth of a kept `persona.get`'s path), and one that waits is tracked then, like
   * any request, its signal following the tracking's.
   */
  #invokeInstant<R>(
    prepared: Prepared<C, R>,
    session: Session,
    requestId: RequestId | undefined,
    notify: NotificationSink,
  ): R | Promise<R> {
    const controller = new AbortController();
    session.requestCount++;
    const result = this.#run(
      prepared,
      new Invocation(session, requestId, controller.signal, notify, undefined),
    );
    if (!(result instanceof Promise)) return result;
    const tracking = session.track(requestId);
    abortWith(controller, tracking.signal);
    const entry = this.#running.add(tracking);
    return new Tracked(this.#running, entry, session, tracking, undefined, undefined)
      .endAfter(result);
  }

  /** The handler of `method`; -32601 before anything else (params are not looked at yet). */
  lookup(method: string): Handler<C> {
    const handler = this.registry.get(method);
    if (!handler) {
      const named = echoed(method);
      throw new RpcError(RpcCode.MethodNotFound, `Method not found: ${named}`, { method: named });
    }
    return handler;
  }

  /** Validates the params (-32602) and binds them to the handler. */
  prepare<P extends z.ZodType, R>(handler: Handler<C, P, R>, params: unknown): Prepared<C, R> {
    const { named, meta } = splitParams(params ?? {});
    return new BoundHandler(handler, validateParams(handler.params, named, handler), meta);
  }

  /** Runs the handler: its result at once when it answers at once, else a promise of it. */
  #run<R>(prepared: Prepared<C, R>, invocation: Invocation): R | Promise<R> {
    const { signal } = invocation;
    // A call (often a nested one, after its caller awaited the database) whose request was
    // cancelled meanwhile never starts.
    if (signal.aborted) throw cancellation(signal.reason, invocation.requestId);
    let result: R | Promise<R>;
    try {
      result = prepared.run(this.#context(this.#scope(prepared.meta, invocation)));
    } catch (error) {
      throw failureOf(error, invocation);
    }
    return result instanceof Promise
      ? result.catch((error) => {
        throw failureOf(error, invocation);
      })
      : result;
  }

  /** The request scope of one handler run; a nested call shares the request's id and signal. */
  #scope(meta: Record<string, unknown> | undefined, invocation: Invocation): RequestScope<C> {
    const { session, requestId, signal, notify, replyBytes } = invocation;
    const send = (method: string, params: Record<string, unknown>) => {
      if (!signal.aborted) notify({ jsonrpc: "2.0", method, params });
    };
    const token = progressToken(meta);
    const call =
      ((target: string | Handler<C>, params: unknown, options?: NestedCallOptions) =>
        this.#nested(target, params, invocation, options)) as RequestScope<C>["call"];
    return {
      session,
      requestId,
      signal,
      meta,
      replyBytes,
      registry: this.registry,
      notify: send,
      progress: token === null
        ? ignoreProgress
        : (update: ProgressUpdate) => send("notifications/progress", progressParams(token, update)),
      call,
    };
  }

  /** A nested call: same session, id, signal and reply share unless `options` says otherwise. */
  async #nested(
    target: string | Handler<C>,
    params: unknown,
    invocation: Invocation,
    options: NestedCallOptions = {},
  ): Promise<unknown> {
    // Async: a lookup or validation failure rejects like any other failure of the call.
    const handler = typeof target === "string" ? this.lookup(target) : target;
    const relay = options.notify;
    const sink: NotificationSink = relay
      ? (message) => relay(message.method, message.params ?? {})
      : invocation.notify;
    const nested = new Invocation(
      invocation.session,
      invocation.requestId,
      options.signal ?? invocation.signal,
      sink,
      options.replyBytes ?? invocation.replyBytes,
    );
    return await this.#run(this.prepare(handler, params), nested);
  }
}

/** `notifications/progress` params, fields in the order MCP's examples use. */
function progressParams(token: string | number, update: ProgressUpdate): Record<string, unknown> {
  return {
    progressToken: token,
    progress: update.progress,
    ...(update.total === undefined ? {} : { total: update.total }),
    ...(update.message === undefined ? {} : { message: update.message }),
  };
}

/** What a handler's failure is: whatever a cancelled handler throws (an AbortError, a closed stream) is its cancellation. */
function failureOf(error: unknown, invocation: Invocation): unknown {
  const { signal } = invocation;
  if (signal.aborted && (!(error instanceof AppError) || error instanceof Cancelled)) {
    return cancellation(signal.reason, invocation.requestId);
  }
  return error;
}

function cancellation(reason: unknown, requestId: RequestId | undefined): Cancelled | RpcError {
  if (reason instanceof ServerShutdown) return shuttingDown(requestId);
  return new Cancelled(
    `Request cancelled: ${describeReason(reason)}`,
    { request_id: requestId ?? null },
    { reply: !(reason instanceof CancelRequest) || reason.reply },
  );
}

function describeReason(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason ?? "cancelled");
}
