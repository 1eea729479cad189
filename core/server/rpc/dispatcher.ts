/**
 * The JSON-RPC 2.0 dispatcher shared by every transport: envelope checks, batches,
 * notifications, method lookup before params validation, and error mapping. It is generic: it
 * takes a registry, a context factory and a logger, and never knows which services exist.
 *
 * @module
 */
import type { z } from "zod";
import { AppError, Cancelled } from "../../errors.ts";
import type { Logger } from "../../log.ts";
import { CancelRequest, type RequestId, type Session } from "../../sessions/session.ts";
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
import type { Handler, NestedCallOptions, ProgressUpdate, RequestScope } from "./handler.ts";
import { parseJson } from "./json_depth.ts";
import { progressToken, splitParams, validateParams } from "./params.ts";
import { BatchReply, type BudgetedReply, serializeOne, serializeWithin } from "./reply_budget.ts";
import type { HandlerRegistry } from "./registry.ts";
import { RpcCode, RpcError, ServerShutdown, shuttingDown, toWireError } from "./wire_errors.ts";

/** Receives the notifications a handler sends while it runs. */
export type NotificationSink = (message: JsonRpcNotification) => void;

const dropNotification: NotificationSink = () => {};

/** What a dispatcher is built from. */
export interface DispatcherOptions<C> {
  /** The methods it serves. */
  registry: HandlerRegistry<C>;
  /** Builds the context a handler runs with from its request scope (adds the services). */
  context(scope: RequestScope<C>): C;
  /** Where unexpected failures are logged (with the request id; never echoed to the client). */
  log: Logger;
  /** Aborted when the server stops: every call in flight is cancelled with it. */
  lifetime?: AbortSignal;
  /** Most requests in one batch (MAX_BATCH); a larger batch is -32600. Unlimited when absent. */
  maxBatch?: number;
  /** Largest reply or batch reply (MAX_REPLY_BYTES); see `reply_budget.ts`. */
  maxReplyBytes?: number;
  /** Told about every request once it is answered (the server's metrics). */
  observe?: (observation: RpcObservation) => void;
}

/** One request of a client, answered: for metrics. Nested calls are part of their request. */
export interface RpcObservation {
  /** The method, or `"(unknown)"` when no such method exists (keeps label values bounded). */
  method: string;
  /** The session's transport: `websocket`, `http`, `stdio`, `rest`, `internal`. */
  transport: string;
  outcome: "ok" | "error" | "cancelled";
  seconds: number;
}

/** The method label of an observation: a registered name or `(unknown)`. */
export const UNKNOWN_METHOD = "(unknown)";

/** Options of {@linkcode Dispatcher.call}. */
export interface CallOptions {
  /** The caller's session. */
  session: Session;
  /** Receives the handler's notifications (REST streams them as Server-Sent Events). */
  notify?: NotificationSink;
  /** Cancels the call (a REST client that went away). */
  signal?: AbortSignal;
}

/** What one decoded message (single or batch) produces: a response, an array, or nothing. */
export type DispatchReply = JsonRpcResponse | JsonRpcResponse[] | undefined;

/** A handler whose params are valid, ready to run with a context. */
interface Prepared<C, R> {
  run(ctx: C): R | Promise<R>;
  meta: Record<string, unknown> | undefined;
}

/** What a handler invocation runs with (one shape for every call: V8 keeps it monomorphic). */
class Invocation {
  constructor(
    readonly session: Session,
    readonly requestId: RequestId | undefined,
    readonly signal: AbortSignal,
    readonly notify: NotificationSink,
  ) {}
}

const ignoreProgress = (_update: ProgressUpdate): void => {};

/** One running request's place in {@linkcode RunningRequests}. */
interface RunningEntry {
  readonly controller: AbortController;
  previous: RunningEntry | null;
  next: RunningEntry | null;
}

/**
 * The requests running now, as a linked list: added and removed without hashing. A set keyed by
 * the controllers cost a few percent of a request's CPU in profiles of the real server.
 */
class RunningRequests {
  #first: RunningEntry | null = null;

  add(controller: AbortController): RunningEntry {
    const entry: RunningEntry = { controller, previous: null, next: this.#first };
    if (this.#first !== null) this.#first.previous = entry;
    this.#first = entry;
    return entry;
  }

  delete(entry: RunningEntry): void {
    if (entry.previous !== null) entry.previous.next = entry.next;
    else if (this.#first === entry) this.#first = entry.next;
    if (entry.next !== null) entry.next.previous = entry.previous;
    entry.previous = entry.next = null;
  }

  abortAll(reason: unknown): void {
    const controllers: AbortController[] = [];
    for (let entry = this.#first; entry !== null; entry = entry.next) {
      controllers.push(entry.controller);
    }
    for (const controller of controllers) controller.abort(reason);
  }
}

const NEVER = new AbortController().signal;

/**
 * Requests of one batch running at once. A batch saves a client round trips; it is no way to
 * take more of the server at once than a few requests: run a few at a time, a batch whose reply
 * budget is spent need not run the rest at all.
 */
export const BATCH_CONCURRENCY = 4;

/** The id of `item` when it is a valid request (not a notification); undefined otherwise. */
function requestIdIfValid(item: unknown): { id: JsonRpcId } | undefined {
  try {
    const request = checkRequest(item);
    return isNotification(request) ? undefined : { id: request.id ?? null };
  } catch {
    return undefined;
  }
}

/** Routes JSON-RPC messages to handlers whose context is `C`. */
export class Dispatcher<C> {
  readonly registry: HandlerRegistry<C>;
  readonly #context: (scope: RequestScope<C>) => C;
  readonly #log: Logger;
  readonly #lifetime: AbortSignal;
  readonly #maxBatch: number;
  readonly #maxReplyBytes: number;
  readonly #observe: (observation: RpcObservation) => void;
  /** The requests running now, aborted when the server's lifetime ends. */
  readonly #running = new RunningRequests();

  /** Creates a dispatcher over `options.registry`. */
  constructor(options: DispatcherOptions<C>) {
    this.registry = options.registry;
    this.#context = options.context;
    this.#log = options.log;
    this.#lifetime = options.lifetime ?? NEVER;
    this.#maxBatch = options.maxBatch ?? Infinity;
    this.#maxReplyBytes = options.maxReplyBytes ?? Infinity;
    this.#observe = options.observe ?? (() => {});
    // One listener for every request, rather than one added and removed per request.
    options.lifetime?.addEventListener("abort", () => {
      this.#running.abortAll(this.#lifetime.reason);
    }, { once: true });
  }

  /** Reports one answered request: its method (if known), transport, outcome and duration. */
  #report(method: unknown, session: Session, started: number, error?: unknown): void {
    const known = typeof method === "string" && this.registry.get(method) !== undefined;
    this.#observe({
      method: known ? method : UNKNOWN_METHOD,
      transport: session.kind,
      outcome: error === undefined ? "ok" : error instanceof Cancelled ? "cancelled" : "error",
      seconds: (performance.now() - started) / 1000,
    });
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
    return await this.answer(value, session, notify);
  }

  /** Handles one decoded message; resolves to its reply's text (within the budget), if any. */
  answer(
    value: unknown,
    session: Session,
    notify: NotificationSink = dropNotification,
  ): string | undefined | Promise<string | undefined> {
    // One request (nearly every message): its reply serialized in place, without a batch's work;
    // at once when its handler answered at once (no promise along the way).
    if (!Array.isArray(value)) {
      const reply = this.#handleOne(value, session, notify);
      return reply instanceof Promise
        ? reply.then((response) => serializeOne(response, this.#maxReplyBytes).text)
        : serializeOne(reply, this.#maxReplyBytes).text;
    }
    return this.#answer(value, session, notify, { keepReplies: false }).then((batch) => batch.text);
  }

  /**
   * Handles one decoded message: a request, a notification or a batch. The reply keeps within
   * the reply budget: a result too large to send is a -32005 error in its place.
   */
  async handleValue(
    value: unknown,
    session: Session,
    notify: NotificationSink = dropNotification,
  ): Promise<DispatchReply> {
    return (await this.#answer(value, session, notify, { keepReplies: true })).reply;
  }

  /** Handles one decoded message and serializes its reply within the budget. */
  async #answer(
    value: unknown,
    session: Session,
    notify: NotificationSink,
    options: { keepReplies: boolean },
  ): Promise<BudgetedReply> {
    if (!Array.isArray(value)) {
      return await serializeWithin(
        await this.#handleOne(value, session, notify),
        this.#maxReplyBytes,
      );
    }
    if (value.length === 0 || value.length > this.#maxBatch) {
      const refused = value.length === 0
        ? failure(null, { code: RpcCode.InvalidRequest, message: "Invalid Request: empty batch" })
        : batchTooLarge(value.length, this.#maxBatch);
      return { reply: refused, text: JSON.stringify(refused) };
    }
    const batch = new BatchReply(value.length, this.#maxReplyBytes, options);
    await this.#runBatch(value, batch, session, notify);
    return batch;
  }

  /**
   * Runs a batch's messages in order, at most {@linkcode BATCH_CONCURRENCY} at once, each reply
   * placed in `batch` as it comes (and its result then let go). Once the batch's reply budget is
   * spent, the requests not started yet do not run: each is answered -32005 with `ran: false`
   * (notifications, which are never answered, still run).
   */
  async #runBatch(
    items: unknown[],
    batch: BatchReply,
    session: Session,
    notify: NotificationSink,
  ): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        const item = items[index];
        const unrun = batch.spent ? requestIdIfValid(item) : undefined;
        if (unrun !== undefined) batch.placeUnrun(index, unrun.id);
        else await batch.place(index, await this.#handleOne(item, session, notify));
      }
    };
    const workers = Math.min(BATCH_CONCURRENCY, items.length);
    await Promise.all(Array.from({ length: workers }, worker));
  }

  /**
   * Runs `handler` with `params` for `options.session` and resolves to its typed result; throws
   * on failure (REST turns the error into its JSON body). A method named by a string is looked
   * up first (-32601 when unknown) and its result is `unknown`.
   */
  call<P extends z.ZodType, R>(
    handler: Handler<C, P, R>,
    params: unknown,
    options: CallOptions,
  ): Promise<R>;
  call(method: string, params: unknown, options: CallOptions): Promise<unknown>;
  async call(target: string | Handler<C>, params: unknown, options: CallOptions): Promise<unknown> {
    const started = performance.now();
    const method = typeof target === "string" ? target : target.method;
    try {
      const handler = typeof target === "string" ? this.#lookup(target) : target;
      const prepared = this.#prepare(handler, params);
      const notify = options.notify ?? dropNotification;
      const result = await this.#invoke(
        prepared,
        options.session,
        undefined,
        notify,
        options.signal,
      );
      this.#report(method, options.session, started);
      return result;
    } catch (error) {
      this.#report(method, options.session, started, error);
      throw error;
    }
  }

  /** One request's response: at once when its handler answers at once, else a promise of it. */
  #handleOne(
    value: unknown,
    session: Session,
    notify: NotificationSink,
  ): JsonRpcResponse | undefined | Promise<JsonRpcResponse | undefined> {
    let request: JsonRpcRequest;
    try {
      request = checkRequest(value);
    } catch (error) {
      return failure(readableId(value), toWireError(error).error);
    }
    const started = performance.now();
    let result: unknown;
    try {
      const prepared = this.#prepare(this.#lookup(request.method), request.params);
      const requestId = isNotification(request) ? undefined : request.id;
      result = this.#invoke(prepared, session, requestId, notify, undefined);
    } catch (thrown) {
      return this.#failed(request, session, started, thrown);
    }
    if (!(result instanceof Promise)) return this.#succeeded(request, session, started, result);
    return result.then(
      (value) => this.#succeeded(request, session, started, value),
      (thrown) => this.#failed(request, session, started, thrown),
    );
  }

  #succeeded(
    request: JsonRpcRequest,
    session: Session,
    started: number,
    result: unknown,
  ): JsonRpcResponse | undefined {
    this.#report(request.method, session, started);
    return isNotification(request) ? undefined : success(request.id ?? null, result);
  }

  #failed(
    request: JsonRpcRequest,
    session: Session,
    started: number,
    thrown: unknown,
  ): JsonRpcResponse | undefined {
    this.#report(request.method, session, started, thrown);
    // MCP: a request the client cancelled with notifications/cancelled gets no answer at all.
    if (thrown instanceof Cancelled && !thrown.reply) return undefined;
    const notification = isNotification(request);
    const id: JsonRpcId = notification ? null : request.id ?? null;
    const mapped = toWireError(thrown);
    if (mapped.internal) {
      this.#log.error("Internal error", {
        request_id: id,
        method: request.method,
        session: session.id,
        error: thrown,
      });
    }
    return notification ? undefined : failure(id, mapped.error);
  }

  /**
   * A request from the client: tracked in its session so that it can be cancelled. Its result at
   * once when the handler answers at once (the tracking ends with it), else a promise of it.
   */
  #invoke<R>(
    prepared: Prepared<C, R>,
    session: Session,
    requestId: RequestId | undefined,
    notify: NotificationSink,
    outer: AbortSignal | undefined,
  ): R | Promise<R> {
    const controller = session.track(requestId);
    // The server's lifetime (through #running) and the caller's signal (a REST client gone)
    // both cancel the call.
    const abortFromOutside = outer && (() => controller.abort(outer.reason));
    if (outer !== undefined) {
      outer.addEventListener("abort", abortFromOutside!, { once: true });
      if (outer.aborted) abortFromOutside!();
    }
    if (this.#lifetime.aborted) controller.abort(this.#lifetime.reason);
    const running = this.#running.add(controller);
    session.requestCount++;
    const untrack = () => {
      if (outer !== undefined) outer.removeEventListener("abort", abortFromOutside!);
      this.#running.delete(running);
      session.untrack(controller);
    };
    let result: R | Promise<R>;
    try {
      result = this.#run(
        prepared,
        new Invocation(session, requestId, controller.signal, notify),
      );
    } catch (error) {
      untrack();
      throw error;
    }
    if (!(result instanceof Promise)) {
      untrack();
      return result;
    }
    return result.then((value) => {
      untrack();
      return value;
    }, (error) => {
      untrack();
      throw error;
    });
  }

  /** The handler of `method`; -32601 before anything else (params are not looked at yet). */
  #lookup(method: string): Handler<C> {
    const handler = this.registry.get(method);
    if (!handler) {
      throw new RpcError(RpcCode.MethodNotFound, `Method not found: ${method}`, { method });
    }
    return handler;
  }

  /** Validates the params (-32602) and binds them to the handler. */
  #prepare<P extends z.ZodType, R>(handler: Handler<C, P, R>, params: unknown): Prepared<C, R> {
    const { named, meta } = splitParams(params ?? {});
    const valid = validateParams(handler.params, named);
    return { run: (ctx) => handler.handle(valid, ctx), meta };
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
    const { session, requestId, signal, notify } = invocation;
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
      registry: this.registry,
      notify: send,
      progress: token === null
        ? ignoreProgress
        : (update: ProgressUpdate) => send("notifications/progress", progressParams(token, update)),
      call,
    };
  }

  /** A nested call: same session, id and signal unless `options` says otherwise. */
  async #nested(
    target: string | Handler<C>,
    params: unknown,
    invocation: Invocation,
    options: NestedCallOptions = {},
  ): Promise<unknown> {
    // Async: a lookup or validation failure rejects like any other failure of the call.
    const handler = typeof target === "string" ? this.#lookup(target) : target;
    const relay = options.notify;
    const sink: NotificationSink = relay
      ? (message) => relay(message.method, message.params ?? {})
      : invocation.notify;
    const nested = new Invocation(
      invocation.session,
      invocation.requestId,
      options.signal ?? invocation.signal,
      sink,
    );
    return await this.#run(this.#prepare(handler, params), nested);
  }
}

/** The -32600 answer to a batch over MAX_BATCH: refused whole (a client can always split it). */
export function batchTooLarge(size: number, limit: number): JsonRpcResponse {
  return failure(null, {
    code: RpcCode.InvalidRequest,
    message: `Invalid Request: a batch of ${size} requests; at most ${limit} (MAX_BATCH)`,
    data: { max_batch: limit, batch_size: size },
  });
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
