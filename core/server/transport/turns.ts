/**
 * Turns for one connection's messages: at most {@linkcode RUNNING_PER_CONNECTION} run at once,
 * the rest wait in arrival order (bounded by the connection's in-flight cap, which refuses past
 * it), and each waiting message starts on a later macrotask. A client that sends 50 heavy
 * requests then holds a few turns, not the whole event loop: between its requests the runtime
 * reads every other socket, and those connections' messages start at once on their own free
 * turns. Connections whose messages wait are served in the order their turns came free (the
 * runtime fires due timers in order), which is a round robin among the busy ones.
 *
 * A connection that waits on nothing (the usual one: a request, its reply, the next) takes the
 * fast path: a counter checked, the message started in place, no promise and no timer.
 *
 * @module
 */

/**
 * Messages of one connection that run at once (a batch is one message and takes its own few
 * turns inside, `BATCH_CONCURRENCY`). Four lets a client overlap a slow call with quick ones;
 * more would let one client's heavy work fill the event loop before another's message is read.
 */
export const RUNNING_PER_CONNECTION = 4;

/** A waiting message: `start` runs it once its turn comes; `drop` ends it unrun. */
interface Waiting {
  readonly start: () => void;
  readonly drop: () => void;
  /** Its requests' ids: in use while it waits, as a running request's are. */
  readonly ids: readonly unknown[];
}

/** See the module documentation. */
export class Turns {
  readonly #limit: number;
  #running = 0;
  /**
   * Messages waiting for a turn, oldest first (at most the connection's in-flight cap); made when
   * one first waits, so an idle socket holds no array for it.
   */
  #waiting: Waiting[] | undefined;
  /** True while a macrotask that starts waiting messages is due. */
  #due = false;
  #closed = false;
  /** How many messages started after waiting (each on a macrotask of its own); for tests. */
  queued = 0;

  /** Turns of at most `limit` messages running at once. */
  constructor(limit: number = RUNNING_PER_CONNECTION) {
    this.#limit = Math.max(1, limit);
  }

  /** Messages running now. */
  get running(): number {
    return this.#running;
  }

  /** Messages waiting for a turn. */
  get waiting(): number {
    return this.#waiting?.length ?? 0;
  }

  /** The ids of the requests waiting for a turn (a new request may not take one of them). */
  waitingIds(): unknown[] {
    return this.#waiting?.flatMap((waiting) => waiting.ids) ?? [];
  }

  /**
   * Takes a turn now when one is free and nothing waits before it (or, `urgent`, in any case: a
   * cancel must not wait behind what it cancels); false when the message must {@linkcode wait}.
   * A message that took a turn holds it until {@linkcode release}.
   */
  enter(urgent: boolean): boolean {
    if (!urgent && (this.#running >= this.#limit || this.waiting > 0)) return false;
    this.#running++;
    return true;
  }

  /**
   * Queues a message that could not {@linkcode enter}: `start` runs once its turn comes, on a
   * later macrotask; `drop` instead when the turns close first. `ids` are its requests' ids.
   */
  wait(start: () => void, drop: () => void, ids: readonly unknown[] = []): void {
    if (this.#closed) return drop();
    (this.#waiting ??= []).push({ start, drop, ids });
    if (this.#running < this.#limit) this.#startLater();
  }

  /**
   * {@linkcode wait} for a message answered by a promise: resolves to what `run` resolves to, or
   * to `dropped` when the turns close before its turn.
   */
  later<T>(run: () => Promise<T>, dropped: T): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.wait(() => void run().then(resolve, reject), () => resolve(dropped))
    );
  }

  /** A message is answered: its turn goes to the next waiting one, after a yield. */
  release(): void {
    this.#running--;
    if (this.waiting > 0) this.#startLater();
  }

  /** Drops every waiting message (the connection closed); later ones are dropped at once. */
  close(): void {
    this.#closed = true;
    for (const waiting of this.#waiting?.splice(0) ?? []) waiting.drop();
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
      while (this.#running < this.#limit && this.waiting > 0) {
        const next = this.#waiting!.shift()!;
        this.#running++;
        this.queued++;
        next.start();
      }
    }, 0);
  }
}
