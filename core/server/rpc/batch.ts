/**
 * JSON-RPC batches (§6): the size limit, and running a batch's messages a few at a time within
 * its reply budget.
 *
 * @module
 */
import { RepeatedItem } from "./envelope_members.ts";
import {
  checkRequest,
  failure,
  isNotification,
  type JsonRpcId,
  type JsonRpcResponse,
  readableId,
} from "./envelope.ts";
import { RepeatedMember } from "./json_depth.ts";
import type { BatchReply } from "./reply_budget.ts";
import { RpcCode, toWireError } from "./wire_errors.ts";
import { SliceClock, TimeSlice } from "../../simulation/time_slice.ts";
import { sideBySide } from "../../turn_away.ts";
import type { RequestId, UnstartedRequests } from "../../sessions/session.ts";
import { Cancelled } from "../../errors.ts";

/**
 * Requests of one batch running at once. A batch saves a client round trips; it is no way to
 * take more of the server at once than a few requests: run a few at a time, a batch whose reply
 * budget is spent need not run the rest at all.
 */
export const BATCH_CONCURRENCY = 4;

/**
 * How long a batch runs its items before it lets the event loop read other sockets (between two
 * items; an item is never cut). A yield costs a timer (~1 ms), so a batch of quick requests,
 * done well within one slice, never pays it, while one of heavy requests (a memory search of
 * tens of ms each) yields after nearly every item.
 */
export const BATCH_SLICE_MS = 10;

/**
 * The slice every batch of the process shares: batches yield together once it is spent, so the
 * event loop goes idle and reads sockets (with a clock each, they yielded in turn and the runtime
 * kept running timers: core/simulation/time_slice.ts).
 */
const BATCH_SLICES = new SliceClock();

/** One batch item's response: at once, or a promise of it; undefined for none. */
export type HandleItem = (
  item: unknown,
) => JsonRpcResponse | undefined | Promise<JsonRpcResponse | undefined>;

/** The -32600 answer to a batch over MAX_BATCH: refused whole (a client can always split it). */
export function batchTooLarge(size: number, limit: number): JsonRpcResponse {
  return failure(null, {
    code: RpcCode.InvalidRequest,
    message: `Invalid Request: a batch of ${size} requests; at most ${limit} (MAX_BATCH)`,
    data: { max_batch: limit, batch_size: size },
  });
}

/** The -32600 answer to a batch refused whole: empty, or over `maxBatch`; undefined when allowed. */
export function refusedBatch(size: number, maxBatch: number): JsonRpcResponse | undefined {
  if (size === 0) {
    return failure(null, { code: RpcCode.InvalidRequest, message: "Invalid Request: empty batch" });
  }
  return size > maxBatch ? batchTooLarge(size, maxBatch) : undefined;
}

/**
 * Runs a batch's messages in order, at most {@linkcode BATCH_CONCURRENCY} at once, yielding to
 * the event loop between items once the batch has run {@linkcode BATCH_SLICE_MS}, each reply
 * placed in `batch` as it comes (and its result then let go). Once the batch's reply budget is
 * spent, the requests not started yet do not run: each is answered -32005 with `ran: false`
 * (notifications, which are never answered, still run). An item holding an envelope member twice
 * ({@linkcode RepeatedItem}) runs nothing and is answered -32600, as a lone message would be.
 * A request that `options.session` cancels before a worker takes it never runs either.
 */
export async function runBatch(
  items: unknown[],
  batch: BatchReply,
  handleItem: HandleItem,
  options: BatchOptions = {},
): Promise<void> {
  const queue = new BatchQueue(items);
  const slice = new TimeSlice(BATCH_SLICE_MS, BATCH_SLICES);
  const began = performance.now();
  const worker = async () => {
    while (queue.next < items.length) {
      // A batch that has run a slice itself yields with the others between items: a batch of
      // quick requests never waits, one of heavy requests lets other connections be served.
      if (queue.next > 0 && performance.now() - began >= BATCH_SLICE_MS) {
        const yielding = slice.pass();
        if (yielding !== undefined) await yielding;
        if (queue.next >= items.length) break;
      }
      const index = queue.next++;
      const item = items[index];
      const cancelled = queue.cancelOf(item);
      const unrun = batch.spent ? requestIdIfValid(item) : undefined;
      // Cancelled before it started: it never runs and, as MCP wants, gets no answer (unless
      // the cancel asked for one: -32800, as a running request would get).
      if (cancelled !== undefined) {
        if (cancelled.reply) await batch.place(index, failure(cancelled.id, CANCELLED));
      } else if (unrun !== undefined) batch.placeUnrun(index, unrun.id);
      else if (item instanceof RepeatedItem) await batch.place(index, refusal(item));
      else await batch.place(index, await handleItem(item));
    }
  };
  // The session's cancels reach the requests not started yet (they are not tracked in flight).
  const started = options.session?.waitingInBatch(queue);
  try {
    // Side by side, not Promise.all: one item waiting on the model must not give the batch's
    // turn back while its siblings run on the CPU (core/turn_away.ts).
    await sideBySide(Math.min(BATCH_CONCURRENCY, items.length), worker);
  } finally {
    started?.();
  }
}

/** What {@linkcode runBatch} needs of the session it runs for. */
export interface BatchOptions {
  /** Gives the batch the cancels of its requests not started yet, until it calls the result. */
  session?: { waitingInBatch(batch: UnstartedRequests): () => void };
}

/** The error of a request cancelled before it started, when it is answered at all. */
const CANCELLED = toWireError(new Cancelled()).error;

/** A batch's items in order: where its workers are, and the requests cancelled before they start. */
class BatchQueue implements UnstartedRequests {
  /** The next item a worker takes. */
  next = 0;
  readonly #items: readonly unknown[];
  /** The ids cancelled before their request started, each with whether it is still answered. */
  #cancelled: Map<RequestId, boolean> | undefined;

  constructor(items: readonly unknown[]) {
    this.#items = items;
  }

  cancel(requestId: RequestId, reply: boolean): boolean {
    // Bounded by MAX_BATCH; only the items no worker has taken yet.
    for (let at = this.next; at < this.#items.length; at++) {
      if (requestIdIfValid(this.#items[at])?.id !== requestId) continue;
      (this.#cancelled ??= new Map()).set(requestId, reply);
      return true;
    }
    return false;
  }

  ids(): RequestId[] {
    const ids: RequestId[] = [];
    // Bounded by MAX_BATCH; only the items no worker has taken yet.
    for (let at = this.next; at < this.#items.length; at++) {
      const id = requestIdIfValid(this.#items[at])?.id;
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  /** The cancel of `item` if it came before the item started (free while none came). */
  cancelOf(item: unknown): { id: JsonRpcId; reply: boolean } | undefined {
    if (this.#cancelled === undefined) return undefined;
    const id = requestIdIfValid(item)?.id;
    const reply = id === undefined ? undefined : this.#cancelled.get(id);
    return reply === undefined || id === undefined ? undefined : { id, reply };
  }
}

/** The -32600 answer to a batch item holding `member` twice: with its id when that is known. */
function refusal(item: RepeatedItem): JsonRpcResponse {
  const { code, message, data } = new RepeatedMember(item.member);
  return failure(readableId(item), { code, message, data });
}

/** The id of `item` when it is a valid request (not a notification); undefined otherwise. */
function requestIdIfValid(item: unknown): { id: JsonRpcId } | undefined {
  try {
    const request = checkRequest(item);
    return isNotification(request) ? undefined : { id: request.id ?? null };
  } catch {
    return undefined;
  }
}
