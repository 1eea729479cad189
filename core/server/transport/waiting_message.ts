/**
 * A message admitted past its connection's turns, waiting for one (`turns.ts`): what it runs
 * once its turn comes, and how a `notifications/cancelled` takes one of its requests out before
 * it runs. A cancelled request never runs; over the WebSocket and stdio it gets no answer (MCP),
 * over Streamable HTTP its POST is answered -32800 (`mcp_http_reply.ts`), as for a running one.
 *
 * @module
 */
import type { DispatchReply } from "../rpc/dispatcher_options.ts";
import { shuttingDown, toWireError } from "../rpc/wire_errors.ts";
import { refuseAll, requestIds } from "./admission.ts";
import type { Claim } from "./claim.ts";
import { Turns, type Waiting } from "./turns.ts";

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

/** What {@linkcode MessageTurns} tells its connection. */
export interface MessageTurnsHost {
  /** A message of `cost` requests ended unrun (it took no turn). */
  endUnrun(cost: number): void;
  /** `requests` of a waiting batch were cancelled: no longer in flight. */
  uncount(requests: number): void;
  /** True once the server is shutting down. */
  stopping(): boolean;
  /** A request went on past the connection's turns after `TURN_STALL_MS`. */
  stalled(): void;
}

/** What runs a queued message, and what is told when it never runs. */
export interface QueuedRoutes {
  /** Runs `value` (less any request cancelled meanwhile, costing `cost`), holding `claim`. */
  start(value: unknown, cost: number, claim: Claim): void;
  /** It never runs: with the -32008 answer at a shutdown, else none (cancelled: MCP answers nothing). */
  dropped(answer: DispatchReply): void;
}

/** A connection's {@linkcode Turns} with its messages: queued, cancelled by id, dropped. */
export class MessageTurns extends Turns {
  readonly #host: MessageTurnsHost;

  /** Turns for the connection `host`. */
  constructor(host: MessageTurnsHost) {
    super();
    this.#host = host;
  }

  protected override stalled(): void {
    this.#host.stalled();
  }

  /** Queues a message that could not `enter`: `routes.start` runs it once its turn comes. */
  queue(value: unknown, cost: number, routes: QueuedRoutes): void {
    this.wait(
      new WaitingMessage(value, cost, {
        start: (waiting, claim) => routes.start(waiting.value, waiting.cost, claim),
        drop: (waiting, why) => {
          this.#host.endUnrun(waiting.cost);
          const stopping = why === "closed" && this.#host.stopping();
          routes.dropped(
            stopping ? refuseAll(waiting.value, toWireError(shuttingDown()).error) : undefined,
          );
        },
      }),
    );
  }

  /** The ids of `inflight` requests and of the messages waiting here: a new request takes none. */
  idsInUse(inflight: Iterable<unknown>): Set<unknown> {
    const inUse = new Set<unknown>(inflight);
    if (this.waiting > 0) { for (const id of this.waitingIds()) inUse.add(id); }
    return inUse;
  }

  /** Takes request `id` out of the waiting messages: it never runs. False when none holds it. */
  cancel(id: unknown): boolean {
    const waiting = this.waitingWith(id) as WaitingMessage | undefined;
    if (waiting === undefined) return false;
    const cost = waiting.cost;
    waiting.without(id);
    this.#host.uncount(cost - waiting.cost);
    if (waiting.empty && this.remove(waiting)) waiting.dropCancelled();
    return true;
  }
}
