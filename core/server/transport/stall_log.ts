/**
 * The warning for a request that went on past its connection's turns after
 * {@linkcode TURN_STALL_MS} (`turns.ts`). A stall means something holds a turn while it waits on
 * what the returning request holds (an unmarked wait: `core/turn_away.ts`); it costs a pause,
 * not a hang, so it would pass unseen without a line in the log. Rate-limited for the process:
 * a path that stalls on every request must not flood the log.
 *
 * @module
 */
import type { Logger } from "../../log.ts";
import { TURN_STALL_MS } from "./turns.ts";

/** At most one stall warning per this many ms for the process; the rest are counted into it. */
export const STALL_LOG_EVERY_MS = 10_000;

/** Options of a {@linkcode StallLog}. */
export interface StallLogOptions {
  /** The clock (ms), for tests. */
  now?: () => number;
}

/** Warns of turn stalls, at most once per {@linkcode STALL_LOG_EVERY_MS}. */
export class StallLog {
  readonly #log: Logger;
  readonly #now: () => number;
  #lastAt = -Infinity;
  /** Stalls since the last warning that were not logged. */
  #unlogged = 0;

  /** Stall warnings to `log`. */
  constructor(log: Logger, options: StallLogOptions = {}) {
    this.#log = log;
    this.#now = options.now ?? (() => performance.now());
  }

  /** A request of `session` went on past its connection's turns. */
  stalled(session: string): void {
    const now = this.#now();
    if (now - this.#lastAt < STALL_LOG_EVERY_MS) {
      this.#unlogged++;
      return;
    }
    this.#log.warn("A request went on past its connection's turns: none came free meanwhile", {
      session,
      stall_ms: TURN_STALL_MS,
      stalls_not_logged: this.#unlogged,
    });
    this.#lastAt = now;
    this.#unlogged = 0;
  }
}

const BY_LOG = new WeakMap<Logger, StallLog>();

/** The process's stall warnings to `log` (one rate limit per logger, shared by its connections). */
export function stallLogFor(log: Logger): StallLog {
  let stalls = BY_LOG.get(log);
  if (stalls === undefined) BY_LOG.set(log, stalls = new StallLog(log));
  return stalls;
}
