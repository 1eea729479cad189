/**
 * Turns for one connection's messages: at most {@linkcode RUNNING_PER_CONNECTION} run at once,
 * the rest wait in arrival order (bounded by the connection's in-flight cap, which refuses past
 * it), and each waiting message starts on a later macrotask. A client that sends 50 heavy
 * requests then holds a few turns, not the whole event loop: between its requests the runtime
 * reads every other socket, and those connections' messages start at once on their own free
 * turns. Connections whose messages wait are served in the order their turns came free (the
 * runtime fires due timers in order), which is a round robin among the busy ones.
 *
 * A turn is held while a message runs on this process's CPU, not while it waits elsewhere: each
 * started message gets a {@linkcode Claim} that its waits on a model or a remote store give
 * back (`core/turn_away.ts`), so five chats waiting on the model hold no turn and a `ping` on
 * the same socket is answered at once. A request coming back from such a wait takes a turn
 * again, before any message still waiting to start (it was admitted earlier).
 *
 * A request coming back can never wait for ever: when no turn has come free for
 * {@linkcode TURN_STALL_MS} while one waits, one goes on past the limit. The turns' holders may
 * be blocked on something that request holds (an in-process lock taken before its model call);
 * without this the connection would hang.
 *
 * A message alone on its connection (the usual one: a request, its reply, the next) takes the
 * fast path, {@linkcode Turns.enterAlone}: a counter raised, no claim, no check, no timer.
 *
 * @module
 */
import { Claim, type ClaimedTurns } from "./claim.ts";

/**
 * Messages of one connection that run at once (a batch is one message and takes its own few
 * turns inside, `BATCH_CONCURRENCY`). Four lets a client overlap a slow call with quick ones;
 * more would let one client's heavy work fill the event loop before another's message is read.
 */
export const RUNNING_PER_CONNECTION = 4;

/**
 * How long requests coming back from a wait may find every turn held, with none given back,
 * before one goes on past the limit (ms). Longer than a heavy request's CPU (a memory search
 * runs tens of ms), so busy turns are waited for; short enough that holders blocked on the one
 * coming back (a lock it took before its model call) cost a pause, not a hang.
 */
export const TURN_STALL_MS = 250;

/** A message waiting for a turn. */
export interface Waiting {
  /** Runs it once its turn comes, holding `claim` (ended when it is answered). */
  start(claim: Claim): void;
  /** Ends it unrun: the turns closed first. */
  drop(): void;
  /** Its requests' ids: in use while it waits, as a running request's are. */
  readonly ids: readonly unknown[];
}

/** See the module documentation. */
export class Turns implements ClaimedTurns {
  readonly #limit: number;
  #running = 0;
  /**
   * Messages waiting for a turn, oldest first (at most the connection's in-flight cap); made when
   * one first waits, so an idle socket holds no array for it.
   */
  #waiting: Waiting[] | undefined;
  /** Requests coming back from a wait, oldest first (made when one first comes back). */
  #returning: Claim[] | undefined;
  /** True while a macrotask that starts waiting messages is due. */
  #due = false;
  #closed = false;
  /** Turns given back so far: the stall watch reads whether any came free meanwhile. */
  #freed = 0;
  #stallTimer: ReturnType<typeof setTimeout> | undefined;
  /** How many messages started after waiting (each on a macrotask of its own); for tests. */
  queued = 0;
  /** How many requests went on past the limit after {@linkcode TURN_STALL_MS}; for tests. */
  stalls = 0;

  /** Turns of at most `limit` messages running at once. */
  constructor(limit: number = RUNNING_PER_CONNECTION) {
    this.#limit = Math.max(1, limit);
  }

  /** Turns held now. */
  get running(): number {
    return this.#running;
  }

  /** Messages waiting for a turn. */
  get waiting(): number {
    return this.#waiting?.length ?? 0;
  }

  /** Requests waiting for a turn to go on after a wait. */
  get returning(): number {
    return this.#returning?.length ?? 0;
  }

  /**
   * True when no turn is held and nothing waits or comes back, and the turns are not closed: its
   * connection may let them go and make new ones for its next message (connection.ts).
   */
  get resting(): boolean {
    return this.#running === 0 && this.waiting === 0 && this.returning === 0 && !this.#closed;
  }

  /** The ids of the requests waiting for a turn (a new request may not take one of them). */
  waitingIds(): unknown[] {
    return this.#waiting?.flatMap((waiting) => waiting.ids) ?? [];
  }

  /** The waiting message holding request `id`, if any. */
  waitingWith(id: unknown): Waiting | undefined {
    return this.#waiting?.find((waiting) => waiting.ids.includes(id));
  }

  /** Takes `waiting` out of the queue unrun (the client cancelled it); false when not there. */
  remove(waiting: Waiting): boolean {
    const at = this.#waiting?.indexOf(waiting) ?? -1;
    if (at >= 0) this.#waiting!.splice(at, 1);
    return at >= 0;
  }

  /**
   * A claim on a turn now when one is free and nothing waits before it (or, `urgent`, in any
   * case: a cancel must not wait behind what it cancels); undefined when the message must
   * {@linkcode wait}. The claim holds the turn until it ends.
   */
  enter(urgent: boolean): Claim | undefined {
    if (!urgent && (this.#running >= this.#limit || this.waiting > 0 || this.returning > 0)) {
      return undefined;
    }
    this.#running++;
    return new Claim(this);
  }

  /**
   * Takes a turn for a message alone on its connection (the caller knows nothing runs, waits or
   * comes back there), without a claim: such a message runs outside the async context
   * (connection.ts), so nothing gives its turn back before it ends, and its end calls
   * {@linkcode free}. It is counted like any other: messages arriving meanwhile see it running.
   */
  enterAlone(): void {
    this.#running++;
  }

  /** Queues a message that could not {@linkcode enter}; it starts on a later macrotask. */
  wait(waiting: Waiting): void {
    if (this.#closed) return waiting.drop();
    (this.#waiting ??= []).push(waiting);
    if (this.#running < this.#limit) this.#startLater();
  }

  /** A turn is given back (a claim left or ended): the next one waiting gets it, after a yield. */
  free(): void {
    this.#running--;
    this.#freed++;
    if (this.waiting > 0 || this.returning > 0) this.#startLater();
  }

  /**
   * `claim` comes back from a wait: true when it takes a turn at once, else it is queued.
   * `pastLimit`: it goes on at once, counted past the limit as the stall watch lets one go on.
   */
  retake(claim: Claim, pastLimit = false): boolean {
    // Closed: the connection's work is being cancelled; nothing is left to share turns with.
    // Past the limit: it holds what other connections wait for (a transaction's pooled
    // connection); waiting for a turn would hold that idle, and the overshoot is bounded by it.
    if (
      this.#closed || pastLimit || (this.#running < this.#limit && this.returning === 0)
    ) {
      this.#running++;
      return true;
    }
    (this.#returning ??= []).push(claim);
    if (this.#running < this.#limit) this.#startLater();
    else this.#watchStall();
    return false;
  }

  /** `claim` ended while it came back (its request was answered meanwhile). */
  forget(claim: Claim): void {
    const at = this.#returning?.indexOf(claim) ?? -1;
    if (at >= 0) this.#returning!.splice(at, 1);
    if (this.returning === 0) this.#unwatchStall();
  }

  /**
   * Drops every waiting message (the connection closed; later ones are dropped at once) and lets
   * every request coming back go on (its work is cancelled with the session).
   */
  close(): void {
    this.#closed = true;
    this.#unwatchStall();
    for (const waiting of this.#waiting?.splice(0) ?? []) waiting.drop();
    for (const claim of this.#returning?.splice(0) ?? []) this.#resume(claim);
  }

  #resume(claim: Claim): void {
    this.#running++;
    claim.resumed();
  }

  /**
   * Starts waiting messages on a macrotask: a timer, not a microtask or an immediate, because the
   * runtime reads sockets only when nothing else is ready (core/simulation/time_slice.ts), and
   * the point is that other connections' messages are read before this one's next.
   */
  #startLater(): void {
    if (this.#due) return;
    this.#due = true;
    setTimeout(() => {
      this.#due = false;
      // Requests coming back first: each was admitted before any message still waiting.
      while (this.#running < this.#limit && this.returning > 0) {
        this.#resume(this.#returning!.shift()!);
      }
      while (this.#running < this.#limit && this.waiting > 0) {
        const next = this.#waiting!.shift()!;
        this.#running++;
        this.queued++;
        next.start(new Claim(this));
      }
      if (this.returning > 0) this.#watchStall();
      else this.#unwatchStall();
    }, 0);
  }

  /** Lets one request coming back go on past the limit if no turn comes free meanwhile. */
  #watchStall(): void {
    if (this.#stallTimer !== undefined) return;
    const freed = this.#freed;
    this.#stallTimer = setTimeout(() => {
      this.#stallTimer = undefined;
      if (this.returning === 0) return;
      if (this.#freed === freed) {
        this.stalls++;
        this.stalled();
        this.#resume(this.#returning!.shift()!);
      }
      if (this.returning > 0) this.#watchStall();
    }, TURN_STALL_MS);
  }

  /** A request went on past the limit after {@linkcode TURN_STALL_MS} (a subclass reports it). */
  protected stalled(): void {}

  #unwatchStall(): void {
    clearTimeout(this.#stallTimer);
    this.#stallTimer = undefined;
  }
}
