/**
 * A request's turn, given back while the request waits on something other than this process's
 * CPU. The server runs a few requests of one connection at a time (its turns,
 * `core/server/transport/turns.ts`), so that one client's heavy work cannot hold the event loop
 * from every other client. A request that waits on a model's answer, a remote store or another
 * request's model call uses no CPU meanwhile; holding its turn through that wait would make its
 * connection's next request (a `ping`) wait a whole model answer. So the places that wait so
 * wrap the wait in {@linkcode awayFromTurn}: the turn goes back, and the request takes one again
 * before it goes on.
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
   * else a promise that resolves once its turn comes (it never rejects).
   */
  back(): Promise<void> | undefined;
}

const HELD = new AsyncLocalStorage<TurnClaim>();

/** Runs `run` as a request holding `claim`: waits it marks with {@linkcode awayFromTurn} give it back. */
export function holdingTurn<T>(claim: TurnClaim, run: () => T): T {
  return HELD.run(claim, run);
}

/**
 * Waits for `wait` (a model's answer, a remote store's, another request's) without the caller's
 * turn: the turn is given back first and taken again, in turn with the connection's other
 * requests, before the caller goes on (whether `wait` resolved or threw). Outside a request
 * holding a turn it is just `wait()`. A wait inside another one gives nothing back twice.
 */
export async function awayFromTurn<T>(wait: () => Promise<T>): Promise<T> {
  const claim = HELD.getStore();
  if (claim === undefined) return await wait();
  claim.leave();
  try {
    // Nested waits (a model call inside a wait for another request) see no turn to give back.
    return await HELD.exit(wait);
  } finally {
    const turn = claim.back();
    if (turn !== undefined) await turn;
  }
}
