/**
 * In-process follow-up work that waits for a quiet moment: what the server does after a reply
 * without the reply needing it (the mind's reaction to a stored exchange). A chat marks its
 * critical phases (before the model is asked, and from the model's answer to the reply) as
 * foreground; queued pieces run one at a time, in the order given, once no chat has been in
 * such a phase for {@linkcode QUIET_MS} — typically while the models answer — so under many
 * sessions they stop queueing in front of other chats' work. The wait is bounded
 * ({@linkcode MAX_DELAY_MS}, {@linkcode MAX_PENDING}): under endless load the work still runs.
 * A piece's failure is logged (never thrown at, nor lost for, the pieces after it);
 * {@linkcode QuietWork.drain} runs everything left at once (shutdown).
 *
 * Only work whose result no later request reads belongs here, or the reader must wait for it
 * (the job runner's reads wait for the work it `track`s).
 *
 * @module
 */
import { AsyncResource } from "node:async_hooks";
import { setImmediate } from "node:timers";
import type { Logger } from "../log.ts";
import { outsideTurn } from "../turn_away.ts";

/** How long no chat must have been in a critical phase before a piece starts (ms). */
export const QUIET_MS = 5;
/** Longest a piece waits for quiet; under constant load it then runs anyway (ms). */
export const MAX_DELAY_MS = 250;
/** Pieces waiting beyond which the next one runs without waiting for quiet. */
export const MAX_PENDING = 1_000;

/** Options of {@linkcode QuietWork}. */
export interface QuietWorkOptions {
  log: Pick<Logger, "warn">;
  /** {@linkcode QUIET_MS} when not given. */
  quietMs?: number;
  /** {@linkcode MAX_DELAY_MS} when not given. */
  maxDelayMs?: number;
  /** {@linkcode MAX_PENDING} when not given. */
  maxPending?: number;
}

interface Piece {
  label: string;
  run: () => void | Promise<void>;
  queuedAt: number;
  done: () => void;
}

/** Runs queued follow-up work in order when no foreground phase has run for a while. */
export class QuietWork {
  readonly #log: Pick<Logger, "warn">;
  readonly #quietMs: number;
  readonly #maxDelayMs: number;
  readonly #maxPending: number;
  #queue: Piece[] = [];
  #foreground = 0;
  #quietSince = -Infinity;
  #pump: Promise<void> | null = null;
  /** Ends the pump's current wait early (a phase ended while it waited for one, or a drain began). */
  #wake: (() => void) | null = null;
  /**
   * True while the pump waits for the open phases to end. Only then does a phase's end wake it:
   * while it waits out the quiet time its own timer looks again, so the phases that begin and
   * end meanwhile (two a chat under many sessions) cost it no new timer each.
   */
  #waitingForPhases = false;
  #draining = 0;

  /** A queue logging failures to `options.log`. */
  constructor(options: QuietWorkOptions) {
    this.#log = options.log;
    this.#quietMs = options.quietMs ?? QUIET_MS;
    this.#maxDelayMs = options.maxDelayMs ?? MAX_DELAY_MS;
    this.#maxPending = options.maxPending ?? MAX_PENDING;
  }

  /** Pieces queued and not finished. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Foreground phases under way. */
  get foreground(): number {
    return this.#foreground;
  }

  /** Marks the start of a foreground phase; call what it returns at its end (more calls: no-op). */
  begin(): () => void {
    this.#foreground++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.#foreground === 0) {
        this.#quietSince = performance.now();
        if (this.#waitingForPhases) this.#wake?.();
      }
    };
  }

  /**
   * Queues `run`; resolves once it ran (its failure logged under `label`, never rejected). A
   * piece that carries on earlier work gives that work's `since` (`performance.now()` when it was
   * asked for): its wait for quiet is bounded from then, so work cut into pieces never waits
   * longer in all than {@linkcode MAX_DELAY_MS}.
   */
  add(label: string, run: () => void | Promise<void>, since = performance.now()): Promise<void> {
    const finished = new Promise<void>((done) => {
      // Each piece runs in its own caller's async context (as a timer would), not in that of
      // whoever started the pump: context-bound state (a storage transaction's scope) is its.
      // It is no part of the request that queued it, though: it holds none of its turn.
      const background = () => outsideTurn(run);
      this.#queue.push({ label, run: AsyncResource.bind(background), queuedAt: since, done });
    });
    if (this.#queue.length > this.#maxPending) this.#wake?.();
    // Started by whichever request queues first: the pump outlives it, so it holds no turn.
    this.#pump ??= outsideTurn(() => this.#runAll());
    return finished;
  }

  /** Runs everything queued so far without waiting for quiet; resolves once it all ran. */
  async drain(): Promise<void> {
    this.#draining++;
    this.#wake?.();
    try {
      while (this.#pump) await this.#pump;
    } finally {
      this.#draining--;
    }
  }

  async #runAll(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        await this.#quiet();
        const piece = this.#queue.shift()!;
        try {
          await piece.run();
        } catch (error) {
          this.#log.warn("Follow-up work failed", { work: piece.label, error });
        } finally {
          piece.done();
        }
      }
    } finally {
      this.#pump = null;
    }
  }

  /** Resolves when the first piece may run: quiet, waited long enough, too many, or draining. */
  async #quiet(): Promise<void> {
    for (;;) {
      // Requests that arrived meanwhile go first: their callbacks run before this turn ends.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.#draining > 0 || this.#queue.length > this.#maxPending) return;
      const now = performance.now();
      const left = this.#maxDelayMs - (now - this.#queue[0]!.queuedAt);
      if (left <= 0) return;
      const quietLeft = this.#foreground > 0 ? Infinity : this.#quietMs - (now - this.#quietSince);
      if (quietLeft <= 0) return;
      this.#waitingForPhases = quietLeft === Infinity;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => this.#wake?.(), Math.min(left, quietLeft));
        this.#wake = () => {
          this.#wake = null;
          this.#waitingForPhases = false;
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
