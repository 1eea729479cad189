/**
 * What one finished call of the dispatcher (`dispatcher.ts`) turns into: an observation for the
 * metrics, and for a request its response (a result with the reply-size hint of the method that
 * ran, or its error mapped to the wire, an unexpected one logged and never echoed).
 *
 * @module
 */
import { Cancelled } from "../../errors.ts";
import type { Logger } from "../../log.ts";
import type { Session } from "../../sessions/session.ts";
import { echoed } from "../../text_cut.ts";
import {
  failure,
  isNotification,
  type JsonRpcId,
  type JsonRpcRequest,
  type JsonRpcResponse,
  success,
} from "./envelope.ts";
import type { DispatcherOptions, RpcObservation } from "./dispatcher_options.ts";
import type { Handler } from "./handler.ts";
import { hintWhenTooLarge } from "./reply_budget.ts";
import type { HandlerRegistry } from "./registry.ts";
import { toWireError } from "./wire_errors.ts";

/**
 * The start time of a call answered at once whose clock was not read (an `instant` handler's, an
 * unknown method's refusal): reported as taking 0 s.
 */
export const UNTIMED = -1;

/** The method label of an observation: a registered name or `(unknown)`. */
export const UNKNOWN_METHOD = "(unknown)";

/**
 * Reports finished calls and makes their responses. The methods take their arguments one by
 * one, not in an options object: they run for every request, and the dispatcher's hot path
 * allocates nothing it can avoid.
 */
export class CallOutcomes<C> {
  readonly #registry: HandlerRegistry<C>;
  readonly #log: Logger;
  readonly #observe: (observation: RpcObservation) => void;

  /** Reports to `options.observe`, logs to `options.log`, looks methods up in the registry. */
  constructor(options: Pick<DispatcherOptions<C>, "registry" | "log" | "observe">) {
    this.#registry = options.registry;
    this.#log = options.log;
    this.#observe = options.observe ?? (() => {});
  }

  /**
   * Reports one answered request: its method (if `known`: looked up unless the caller already
   * did), transport, outcome and duration.
   */
  report(
    method: string,
    session: Session,
    started: number,
    error?: unknown,
    known = this.#registry.get(method) !== undefined,
  ): void {
    this.#observe({
      method: known ? method : UNKNOWN_METHOD,
      transport: session.kind,
      outcome: error === undefined ? "ok" : error instanceof Cancelled ? "cancelled" : "error",
      seconds: started === UNTIMED ? 0 : (performance.now() - started) / 1000,
    });
  }

  /** A call that returned `result`: reported; its response unless it was a notification. */
  succeeded(
    request: JsonRpcRequest,
    handler: Handler<C>,
    session: Session,
    started: number,
    result: unknown,
  ): JsonRpcResponse | undefined {
    this.report(request.method, session, started, undefined, true);
    if (isNotification(request)) return undefined;
    const response = success(request.id ?? null, result);
    // A call run in another's stead (MCP tools/call) gets the hint of the method it ran.
    const ran = handler.runs?.(request.params);
    const hint = (ran === undefined ? handler : this.#registry.get(ran))?.tooLarge;
    return hint === undefined ? response : hintWhenTooLarge(response, hint);
  }

  /**
   * A call that threw `thrown` (`handler` undefined when its method is unknown): reported; its
   * error response unless it was a notification or a request the client cancelled.
   */
  failed(
    request: JsonRpcRequest,
    handler: Handler<C> | undefined,
    session: Session,
    started: number,
    thrown: unknown,
  ): JsonRpcResponse | undefined {
    this.report(request.method, session, started, thrown, handler !== undefined);
    // MCP: a request the client cancelled with notifications/cancelled gets no answer at all.
    if (thrown instanceof Cancelled && !thrown.reply) return undefined;
    const notification = isNotification(request);
    const id: JsonRpcId = notification ? null : request.id ?? null;
    const mapped = toWireError(thrown);
    if (mapped.internal) {
      this.#log.error("Internal error", {
        // The client's id, cut (the method is one of ours: unknown ones never get here).
        request_id: echoedId(id),
        method: request.method,
        session: session.id,
        error: thrown,
      });
    }
    return notification ? undefined : failure(id, mapped.error);
  }
}

/** An id as logged: a string one cut to a readable length. */
export function echoedId(id: JsonRpcId): JsonRpcId {
  return typeof id === "string" ? echoed(id) : id;
}
