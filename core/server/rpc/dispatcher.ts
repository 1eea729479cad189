/**
 * The JSON-RPC 2.0 dispatcher shared by every transport: envelope checks, batches,
 * notifications, method lookup before params validation, and error mapping. It is generic: it
 * takes a registry, a context factory and a logger, and never knows which services exist. What a
 * finished call turns into (its observation, its response or logged error) is `call_outcome.ts`.
 *
 * @module
 */
import type { z } from "zod";
import type { Logger } from "../../log.ts";
import type { Session } from "../../sessions/session.ts";
import { refusedBatch, runBatch } from "./batch.ts";
import { CallOutcomes, echoedId, UNTIMED } from "./call_outcome.ts";
import {
  checkRequest,
  failure,
  isNotification,
  isResponse,
  type JsonRpcRequest,
  type JsonRpcResponse,
  readableId,
} from "./envelope.ts";
import type { CallOptions, DispatcherOptions, DispatchReply } from "./dispatcher_options.ts";
import type { Handler } from "./handler.ts";
import { dropNotification, HandlerInvoker, type NotificationSink } from "./handler_invoker.ts";
import { MAX_MESSAGE_VALUES, parseJson, unparsedFrameId } from "./json_depth.ts";
import { BatchReply, type BudgetedReply, serializeOne, serializeWithin } from "./reply_budget.ts";
import type { HandlerRegistry } from "./registry.ts";
import { toWireError } from "./wire_errors.ts";

export { UNKNOWN_METHOD } from "./call_outcome.ts";

/** Routes JSON-RPC messages to handlers whose context is `C`. */
export class Dispatcher<C> {
  readonly registry: HandlerRegistry<C>;
  readonly #invoker: HandlerInvoker<C>;
  readonly #outcomes: CallOutcomes<C>;
  readonly #log: Logger;
  readonly #maxBatch: number;
  readonly #maxReplyBytes: number;
  readonly #maxMessageValues: number;

  /** Creates a dispatcher over `options.registry`. */
  constructor(options: DispatcherOptions<C>) {
    this.registry = options.registry;
    this.#invoker = new HandlerInvoker(options);
    this.#outcomes = new CallOutcomes(options);
    this.#log = options.log;
    this.#maxBatch = options.maxBatch ?? Infinity;
    this.#maxReplyBytes = options.maxReplyBytes ?? Infinity;
    this.#maxMessageValues = options.maxMessageValues ?? MAX_MESSAGE_VALUES;
  }

  /**
   * Handles one text frame; resolves to the text to send back, or undefined for none.
   * `options.signal` cancels every call of it (`POST /api/rpc`: the client went away).
   */
  async handleText(
    text: string,
    session: Session,
    notify: NotificationSink = dropNotification,
    options?: { signal?: AbortSignal },
  ): Promise<string | undefined> {
    let value: unknown;
    try {
      value = parseJson(text, this.#maxMessageValues);
    } catch (error) {
      // Not JSON (-32700), or nested too deep to parse safely (-32602).
      return JSON.stringify(failure(unparsedFrameId(error), toWireError(error).error));
    }
    return await this.answer(value, session, notify, options?.signal);
  }

  /**
   * Handles one decoded message; resolves to its reply's text (within the budget), if any.
   * `signal` cancels its calls.
   */
  answer(
    value: unknown,
    session: Session,
    notify: NotificationSink = dropNotification,
    signal?: AbortSignal,
  ): string | undefined | Promise<string | undefined> {
    // One request (nearly every message): its reply serialized in place, without a batch's work;
    // at once when its handler answered at once (no promise along the way).
    if (!Array.isArray(value)) {
      const reply = this.#handleOne(value, session, notify, signal);
      return reply instanceof Promise
        ? this.#serialized(reply)
        : serializeOne(reply, this.#maxReplyBytes).text;
    }
    return this.#answer(value, session, notify, { keepReplies: false, signal }).then((batch) =>
      batch.text
    );
  }

  /** A reply made later, serialized (a method: no closure made for replies made at once). */
  async #serialized(reply: Promise<JsonRpcResponse | undefined>): Promise<string | undefined> {
    return serializeOne(await reply, this.#maxReplyBytes).text;
  }

  /**
   * Handles one decoded message: a request, a notification or a batch. The reply keeps within
   * the reply budget: a result too large to send is a -32005 error in its place. `signal`
   * cancels its calls (an MCP HTTP client that went away).
   */
  async handleValue(
    value: unknown,
    session: Session,
    notify: NotificationSink = dropNotification,
    signal?: AbortSignal,
  ): Promise<DispatchReply> {
    return (await this.#answer(value, session, notify, { keepReplies: true, signal })).reply;
  }

  /** Handles one decoded message and serializes its reply within the budget. */
  async #answer(
    value: unknown,
    session: Session,
    notify: NotificationSink,
    options: { keepReplies: boolean; signal?: AbortSignal },
  ): Promise<BudgetedReply> {
    const { signal } = options;
    if (!Array.isArray(value)) {
      return await serializeWithin(
        await this.#handleOne(value, session, notify, signal),
        this.#maxReplyBytes,
      );
    }
    const refused = refusedBatch(value.length, this.#maxBatch);
    if (refused !== undefined) return { reply: refused, text: JSON.stringify(refused) };
    const batch = new BatchReply(value.length, this.#maxReplyBytes, options);
    await runBatch(value, batch, (item) => this.#handleOne(item, session, notify, signal), {
      session,
    });
    return batch;
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
      const handler = typeof target === "string" ? this.#invoker.lookup(target) : target;
      const prepared = this.#invoker.prepare(handler, params);
      const notify = options.notify ?? dropNotification;
      const result = await this.#invoker.invoke(
        prepared,
        options.session,
        undefined,
        notify,
        options.signal,
      );
      this.#outcomes.report(method, options.session, started);
      return result;
    } catch (error) {
      this.#outcomes.report(method, options.session, started, error);
      throw error;
    }
  }

  /** One request's response: at once when its handler answers at once, else a promise of it. */
  #handleOne(
    value: unknown,
    session: Session,
    notify: NotificationSink,
    signal?: AbortSignal,
  ): JsonRpcResponse | undefined | Promise<JsonRpcResponse | undefined> {
    if (isResponse(value)) {
      // This server sends no requests, so no response answers one of ours: dropped unanswered.
      this.#log.debug("Ignored a JSON-RPC response from the client", {
        session: session.id,
        id: echoedId(readableId(value)),
      });
      return undefined;
    }
    let request: JsonRpcRequest;
    try {
      request = checkRequest(value);
    } catch (error) {
      return failure(readableId(value), toWireError(error).error);
    }
    // Looked up once: the report and the reply's size hint take it from here.
    let handler: Handler<C> | undefined;
    let result: unknown;
    // Not read for an instant handler (nor before an unknown method's refusal): see `instant`.
    let started = UNTIMED;
    try {
      handler = this.#invoker.lookup(request.method);
      if (handler.instant !== true) started = performance.now();
      const prepared = this.#invoker.prepare(handler, request.params);
      const requestId = isNotification(request) ? undefined : request.id;
      result = this.#invoker.invoke(prepared, session, requestId, notify, signal);
    } catch (thrown) {
      return this.#outcomes.failed(request, handler, session, started, thrown);
    }
    if (!(result instanceof Promise)) {
      return this.#outcomes.succeeded(request, handler, session, started, result);
    }
    // An instant handler that must wait after all is timed from here.
    if (started === UNTIMED) started = performance.now();
    return this.#settled(result, request, handler, session, started);
  }

  /** A promised answer's response (a method: closures here cost every request a scope). */
  async #settled(
    result: Promise<unknown>,
    request: JsonRpcRequest,
    handler: Handler<C>,
    session: Session,
    started: number,
  ): Promise<JsonRpcResponse | undefined> {
    let value: unknown;
    try {
      value = await result;
    } catch (thrown) {
      return this.#outcomes.failed(request, handler, session, started, thrown);
    }
    return this.#outcomes.succeeded(request, handler, session, started, value);
  }
}
