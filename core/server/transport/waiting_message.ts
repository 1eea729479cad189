/**
 * A message admitted past its connection's turns, waiting for one (`turns.ts`): what it runs
 * once its turn comes, and how a `notifications/cancelled` takes one of its requests out before
 * it runs. A cancelled request never runs; over the WebSocket and stdio it gets no answer (MCP),
 * over Streamable HTTP its POST is answered -32800 (`mcp_http_reply.ts`), as for a running one.
 *
 * @module
 */
import { requestIds } from "./admission.ts";
import type { Claim, Waiting } from "./turns.ts";

/** What a waiting message does when its turn comes, or when it is dropped unrun. */
export interface WaitingRoutes {
  /** Runs `message` (its value as it is now), holding `claim`. */
  start(message: WaitingMessage, claim: Claim): void;
  /** Ends `message` unrun: the connection closed, or every request of it was cancelled. */
  drop(message: WaitingMessage, why: "closed" | "cancelled"): void;
}

/** The request id a `notifications/cancelled` names (undefined when it names none). */
export function cancelledRequestId(cancel: unknown): unknown {
  const params = (cancel as { params?: unknown }).params;
  if (params === null || typeof params !== "object") return undefined;
  return (params as Record<string, unknown>).requestId;
}

/** See the module documentation. */
export class WaitingMessage implements Waiting {
  /** The message: a request, a notification, or a batch (less its cancelled requests). */
  value: unknown;
  /** Its requests (a batch counts its items), as the connection counts them in flight. */
  cost: number;
  ids: readonly unknown[];
  readonly #routes: WaitingRoutes;

  /** `value` (costing `cost`), routed by `routes`. */
  constructor(value: unknown, cost: number, routes: WaitingRoutes) {
    this.value = value;
    this.cost = cost;
    this.ids = requestIds(value);
    this.#routes = routes;
  }

  /** Its turn came. */
  start(claim: Claim): void {
    this.#routes.start(this, claim);
  }

  /** Dropped unrun: the turns closed. */
  drop(): void {
    this.#routes.drop(this, "closed");
  }

  /**
   * Takes request `id` out (the client cancelled it); false when it holds no request of that id.
   * A batch keeps its other items and costs less; once nothing is left to run ({@linkcode empty}),
   * the caller takes the message out of the queue and ends it ({@linkcode dropCancelled}).
   */
  without(id: unknown): boolean {
    if (id === undefined || !this.ids.includes(id)) return false;
    if (!Array.isArray(this.value)) {
      this.value = undefined;
      this.ids = [];
      return true;
    }
    const kept = this.value.filter((item) => !requestIds(item).includes(id));
    this.cost -= this.value.length - kept.length;
    this.value = kept;
    this.ids = requestIds(kept);
    return true;
  }

  /** True once every item of it was cancelled: nothing is left to run. */
  get empty(): boolean {
    return this.value === undefined || (Array.isArray(this.value) && this.value.length === 0);
  }

  /** Ends it unrun, every request of it cancelled. */
  dropCancelled(): void {
    this.#routes.drop(this, "cancelled");
  }
}
