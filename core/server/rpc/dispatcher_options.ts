/**
 * What a {@linkcode Dispatcher} is built from and the shapes it hands out: its options, the
 * observation it reports per answered request, the options of a direct call, and the reply of one
 * decoded message.
 *
 * @module
 */
import type { Logger } from "../../log.ts";
import type { Session } from "../../sessions/session.ts";
import type { JsonRpcResponse } from "./envelope.ts";
import type { RequestScope } from "./handler.ts";
import type { NotificationSink } from "./handler_invoker.ts";
import type { HandlerRegistry } from "./registry.ts";

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
  /**
   * Most values one message may hold (`messageValueLimit(MAX_FRAME_BYTES)`, `json_depth.ts`);
   * `MAX_MESSAGE_VALUES` when absent.
   */
  maxMessageValues?: number;
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
