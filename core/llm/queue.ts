/**
 * The gate in front of the model server: at most `concurrency` calls run, and the rest wait in
 * two FIFO lanes. A waiting interactive call (a chat, a dialogue turn) always goes before a
 * waiting background call (fact extraction, reflection), so background work never makes a
 * person wait longer than one call already running. Each lane holds at most `limit` callers; a
 * full lane answers at once instead of piling up, and background work never fills the
 * interactive lane.
 *
 * A background call also leaves the last free slot alone until chats have been quiet for
 * `quietMs` (LLM_BACKGROUND_QUIET_MS): with one slot (Ollama's default), a client that sends its
 * next message right after a reply finds the model free, and background work runs in the gaps.
 * Slots beyond the last one it may always use.
 *
 * A background call never makes a person's chat wait for it either: when a call marked
 * `cutsBackground` (only a person's chat request is) finds no free slot, the newest running
 * yieldable background call is aborted ({@linkcode YIELDED_TO_CHAT}) and its slot goes to the
 * chat. With a real model such a call takes seconds; its work is done again later (the job
 * runner puts the job back without using an attempt), which is cheaper than a person waiting.
 * Other interactive calls (embeddings, room and simulation turns) wait as before: they are no
 * person waiting. A call run with `yieldable: false` is never cut: the job runner sets it for a
 * job that already gave way its bounded number of times, so steady chats cannot starve it. The
 * cut happens when the chat starts to wait; a chat cancelled after that has cut a call for
 * nothing (one call redone later, accepted).
 *
 * @module
 */
import { abortReason, Busy } from "../errors.ts";
import { awayFromTurn } from "../turn_away.ts";

/** `data.reason` of the {@linkcode Busy} a background call ends with when it gives way to a chat. */
export const YIELDED_TO_CHAT = "yielded_to_chat";

/** Whether `error` is a background call's end because a chat took its slot. */
export function yieldedToChat(error: unknown): boolean {
  return error instanceof Busy &&
    (error.data as { reason?: unknown } | undefined)?.reason === YIELDED_TO_CHAT;
}

/** Which lane a call waits in. */
export type Priority = "interactive" | "background";

interface Waiter {
  resolve(): void;
}

/** Options of {@linkcode RequestQueue.run}. */
export interface RunOptions {
  /** Aborts the call while it waits (a running call watches the signal itself). */
  signal?: AbortSignal;
  /** `interactive` (the default) goes before every waiting `background` call. */
  priority?: Priority;
  /**
   * A person's chat: when every slot is taken it takes a yieldable background call's slot. Only
   * for interactive calls; others wait as before.
   */
  cutsBackground?: boolean;
  /** A background call that a chat may cut (default true); false: it keeps its slot. */
  yieldable?: boolean;
}

/** Tunables of a {@linkcode RequestQueue} besides its sizes. */
export interface QueueOptions {
  /** How long after a chat background work leaves the last free slot alone (ms; 0: never). */
  quietMs?: number;
  /** The clock (ms). */
  now?: () => number;
}

/** Bounded concurrency limiter with an interactive and a background lane. */
export class RequestQueue {
  readonly #concurrency: number;
  readonly #limit: number;
  readonly #quietMs: number;
  readonly #now: () => number;
  readonly #lanes: Record<Priority, Waiter[]> = { interactive: [], background: [] };
  #running = 0;
  #interactiveRunning = 0;
  /** When the last interactive call started or ended. */
  #lastInteractive = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Running background calls not yet told to give way, oldest first. */
  readonly #background = new Set<AbortController>();

  /** At most `concurrency` running and `limit` waiting per lane. */
  constructor(concurrency: number, limit: number, options: QueueOptions = {}) {
    this.#concurrency = concurrency;
    this.#limit = limit;
    this.#quietMs = options.quietMs ?? 0;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Calls running now. */
  get running(): number {
    return this.#running;
  }

  /** Calls waiting for a slot, both lanes. */
  get waiting(): number {
    return this.#lanes.interactive.length + this.#lanes.background.length;
  }

  /** Background calls waiting for a slot. */
  get waitingBackground(): number {
    return this.#lanes.background.length;
  }

  /** Milliseconds since the last interactive call started or ended; 0 while one runs or waits. */
  quietFor(): number {
    if (this.#interactiveRunning > 0 || this.#lanes.interactive.length > 0) return 0;
    return this.#now() - this.#lastInteractive;
  }

  /**
   * Runs `work` when a slot is free: interactive calls in order of arrival, then background
   * calls in order of arrival. Throws Busy when the call's lane is full. The caller's turn on its
   * connection is given back meanwhile (`core/turn_away.ts`): waiting for a slot and for the
   * model takes none of this process's CPU. `work` gets the signal its call must obey: the
   * caller's, and for a background call also the queue's, which aborts it with
   * {@linkcode YIELDED_TO_CHAT} when a chat needs its slot.
   */
  run<T>(work: (signal?: AbortSignal) => Promise<T>, options: RunOptions = {}): Promise<T> {
    return awayFromTurn(() => this.#run(work, options));
  }

  async #run<T>(work: (signal?: AbortSignal) => Promise<T>, options: RunOptions): Promise<T> {
    const priority = options.priority ?? "interactive";
    await this.#acquire(options.signal, { priority, cuts: options.cutsBackground === true });
    if (priority === "interactive") {
      this.#lastInteractive = this.#now();
      this.#interactiveRunning++;
    }
    const giveWay = priority === "background" && options.yieldable !== false
      ? new AbortController()
      : undefined;
    if (giveWay) this.#background.add(giveWay);
    try {
      if (!giveWay) return await work(options.signal);
      const signals = options.signal ? [options.signal, giveWay.signal] : [giveWay.signal];
      return await work(AbortSignal.any(signals));
    } finally {
      if (giveWay) this.#background.delete(giveWay);
      if (priority === "interactive") {
        this.#lastInteractive = this.#now();
        this.#interactiveRunning--;
      }
      this.#running--;
      this.#dispatch();
    }
  }

  /** A chat waits for a slot: the newest background call still running gives way to it. */
  #makeWayForChat(): void {
    const newest = [...this.#background].pop();
    if (!newest) return;
    this.#background.delete(newest);
    newest.abort(
      new Busy("A chat needed the model: this background call gave way and runs again later", {
        reason: YIELDED_TO_CHAT,
      }),
    );
  }

  /** Whether a background call may take a slot now: one stays free, or chats are quiet. */
  #backgroundMayStart(): boolean {
    return this.#running + 1 < this.#concurrency ||
      this.#now() - this.#lastInteractive >= this.#quietMs;
  }

  #acquire(
    signal: AbortSignal | undefined,
    { priority, cuts }: { priority: Priority; cuts: boolean },
  ): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (
      this.#running < this.#concurrency && this.waiting === 0 &&
      (priority === "interactive" || this.#backgroundMayStart())
    ) {
      this.#running++;
      return Promise.resolve();
    }
    const lane = this.#lanes[priority];
    if (lane.length >= this.#limit) {
      const which = priority === "background" ? "background queue" : "queue";
      return Promise.reject(
        new Busy(
          `The LLM ${which} is full (${this.#limit} waiting, ${this.#running} running); retry shortly`,
          { reason: "queue_full", waiting: lane.length, limit: this.#limit, priority },
        ),
      );
    }
    const waiting = new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const at = lane.indexOf(waiter);
        if (at >= 0) lane.splice(at, 1);
        if (this.#lanes.background.length === 0) this.#unschedule();
        reject(abortReason(signal!, "Request cancelled while waiting for the LLM"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      lane.push(waiter);
    });
    // Every slot taken: one background call (if any may give way) ends and hands its slot over.
    if (cuts && priority === "interactive" && this.#running >= this.#concurrency) {
      this.#makeWayForChat();
    }
    this.#dispatch();
    return waiting;
  }

  /** Hands free slots to waiters: chats first, then background calls when they may start. */
  #dispatch(): void {
    while (this.#running < this.#concurrency) {
      const chat = this.#lanes.interactive.shift();
      if (chat) {
        this.#running++;
        chat.resolve();
        continue;
      }
      if (this.#lanes.background.length === 0) return;
      if (!this.#backgroundMayStart()) {
        this.#schedule();
        return;
      }
      this.#running++;
      this.#lanes.background.shift()!.resolve();
    }
  }

  /** Looks again when chats will have been quiet long enough. */
  #schedule(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(1, this.#lastInteractive + this.#quietMs - this.#now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#dispatch();
    }, wait);
  }

  #unschedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
