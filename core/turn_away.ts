/**
 * A request's turn, given back while the request waits on something other than this process's
 * CPU. The server runs a few requests of one connection at a time (its turns,
 * `core/server/transport/turns.ts`), so that one client's heavy work cannot hold the event loop
 * from every other client. A request that waits on a model's answer or another request uses no
 * CPU meanwhile; holding its turn through that wait would make its connection's next request (a
 * `ping`) wait a whole model answer. So the places that wait so wrap the wait in
 * {@linkcode awayFromTurn}: the turn goes back, and the request takes one again before it goes
 * on. Marked today: the LLM queue, Chroma's HTTP calls, PostgreSQL calls outside a
 * transaction, a transaction's wait for a pooled connection and its advisory locks while another
 * transaction holds them (once it has what it waited for it goes on at once, past the turn limit:
 * {@linkcode AwayOptions}), the pauses of a SQLite call waiting for another process's lock on the
 * file, `KeyedLock` (the memory writer's lock), the dialogue's `TurnGate` and
 * an open subscription. Not marked: the calls inside a transaction (they hold its connection
 * and locks, so they go on at once). A message alone on an otherwise idle connection keeps its
 * turn through its waits: over WebSocket and stdio it runs with no claim at all (`connection.ts`);
 * over Streamable HTTP it takes a claim but runs outside this context. Background work a request
 * starts runs {@linkcode outsideTurn}.
 *
 * The turn travels with the request's async context ({@linkcode holdingTurn}), so domain code
 * marks its waits without knowing who runs it: a call made outside any connection (a job, a
 * test) holds no turn and waits as before.
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** What a request holds while it runs: its connection's turn, given back while it waits. */
export interface TurnClaim {
  /** Gives the turn back: the request now waits on something that uses no CPU here. */
  leave(): void;
  /**
   * Takes a turn again after {@linkcode leave}: undefined when the request may go on at once,
   * else a promise that resolves once its turn comes (it never rejects). `atOnce`: the request
   * now holds something others wait for (a pooled connection), so it goes on at once, past its
   * connection's turn limit, rather than hold that idle while it waits for a turn.
   */
  back(atOnce?: boolean): Promise<void> | undefined;
  /**
   * `extra` more flows of the request now run on the CPU beside the one that forks them: the
   * turn goes back only while every flow waits elsewhere ({@linkcode sideBySide}).
   */
  fork(extra: number): void;
  /** A forked flow finished; the last one's count is the request's again. */
  finished(): void;
}

/**
 * One flow of a request on the CPU (the request itself, or one of a batch's workers) and how
 * many of its waits are open now: it gives the turn back when its first wait starts and takes
 * it again when its last ends, however many it waits on at once (a `Promise.all` of two).
 */
interface Flow {
  readonly claim: TurnClaim;
  away: number;
}

// `run(undefined)`, not `exit`, to hold none: Deno's `exit` clears the store for the synchronous
// part alone, and the promises and timers made inside still saw the request's flow.
const HELD = new AsyncLocalStorage<Flow | undefined>();

/** Runs `run` as a request holding `claim`: waits it marks with {@linkcode awayFromTurn} give it back. */
export function holdingTurn<T>(claim: TurnClaim, run: () => T): T {
  return HELD.run({ claim, away: 0 }, run);
}

/**
 * Runs `run` as no request: background work a request starts (a queue's pump, a piece of
 * follow-up work, a watch for a quiet moment) must not carry the request's turn. Work started
 * inside a request inherits its async context; a wait it marked would give the request's turn
 * back while the request runs, and a loop started lazily would keep the claim (and through it
 * the connection) alive for the process's life. Other async context (a storage transaction's
 * scope) is kept.
 */
export function outsideTurn<T>(run: () => T): T {
  return HELD.getStore() === undefined ? run() : HELD.run(undefined, run);
}

/** How {@linkcode awayFromTurn} takes the turn again. */
export interface AwayOptions {
  /**
   * Asked when the wait ends: true when the caller now holds what other connections wait for (a
   * transaction's pooled connection), so it goes on at once past its connection's turn limit
   * ({@linkcode TurnClaim.back}). The overshoot is bounded by what is held (the pool's size).
   */
  goOnAtOnce?: () => boolean;
}

/**
 * Waits for `wait` (a model's answer, a remote store's, another request's) without the caller's
 * turn: the turn is given back first and taken again, in turn with the connection's other
 * requests, before the caller goes on (whether `wait` resolved or threw). Outside a request
 * holding a turn it is just `wait()`. A wait inside another one gives nothing back twice, and
 * neither do waits of one flow open at once: the flow leaves with the first and comes back with
 * the last (each of a batch's workers is a flow of its own, {@linkcode sideBySide}).
 */
export async function awayFromTurn<T>(
  wait: () => Promise<T>,
  options: AwayOptions = {},
): Promise<T> {
  const flow = HELD.getStore();
  if (flow === undefined) return await wait();
  // Counted per flow, not per wait: the claim counts flows on the CPU, and a flow waiting on two
  // things is one flow off the CPU; counting both would free the turn while a sibling runs.
  if (flow.away++ === 0) flow.claim.leave();
  try {
    // Nested waits (a model call inside a wait for another request) see no turn to give back.
    return await outsideTurn(wait);
  } finally {
    if (--flow.away === 0) {
      const turn = flow.claim.back(options.goOnAtOnce?.() ?? false);
      if (turn !== undefined) await turn;
    }
  }
}

/**
 * Runs `count` flows of the caller's request side by side (a batch's workers) and waits for all
 * of them; the first rejection, if any, once all have settled. Each flow counts as one on the
 * CPU however many waits it has open: while one waits away ({@linkcode awayFromTurn}) and a
 * sibling runs, the request keeps its turn, which goes back only while every flow waits.
 * Outside a request holding a turn it only runs them, and settles them all the same way.
 */
export async function sideBySide<T>(count: number, flow: () => Promise<T>): Promise<T[]> {
  const claim = HELD.getStore()?.claim;
  if (claim === undefined || count <= 1) {
    // Not Promise.all, which rejects at the first failure while the other flows still run: the
    // caller would go on (or end) before its flows did.
    return await allSettledThenFirstRejection(Array.from({ length: count }, flow));
  }
  // The forking flow waits for them meanwhile: its count is handed to them, and the last one to
  // finish hands it back, so the request goes on holding its turn.
  claim.fork(count - 1);
  let unfinished = count;
  const counted = async () => {
    try {
      // A flow record of its own: its waits leave and come back for it alone.
      return await HELD.run({ claim, away: 0 }, flow);
    } finally {
      if (--unfinished > 0) claim.finished();
    }
  };
  return await allSettledThenFirstRejection(Array.from({ length: count }, counted));
}

/** The flows' values in order once all have settled; else the first rejection in their order. */
async function allSettledThenFirstRejection<T>(flows: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(flows);
  const failed = settled.find((outcome) => outcome.status === "rejected");
  if (failed !== undefined) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}
