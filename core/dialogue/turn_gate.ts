/**
 * One turn at a time per conversation. A second `conversation.turn` waits for the first, and
 * `conversation.end` cancels a turn still being generated, so no turn lands in a conversation
 * that ended meanwhile and no two turns claim the same number.
 *
 * @module
 */
import { abortReason, Cancelled } from "../errors.ts";
import { awayFromTurn } from "../turn_away.ts";

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

/** Serializes turns per conversation id. */
export class TurnGate {
  readonly #running = new Map<string, Running>();

  /**
   * Runs `work` for `id` once no other turn of `id` runs; `cancel(id)` aborts its signal, and so
   * does `options.signal` (the caller's).
   */
  async run<T>(
    id: string,
    work: (signal: AbortSignal) => Promise<T>,
    options: { signal?: AbortSignal } = {},
  ): Promise<T> {
    const outer = options.signal;
    while (this.#running.has(id)) {
      // The turn before waits on the model: this one gives its connection's turn back meanwhile
      // (core/turn_away.ts), or five turns of one conversation on a socket would hold them all.
      const before = this.#running.get(id)!.done;
      await awayFromTurn(() => before);
      if (outer?.aborted) throw abortReason(outer);
    }
    let release!: () => void;
    const running: Running = {
      controller: new AbortController(),
      done: new Promise((resolve) => (release = resolve)),
    };
    this.#running.set(id, running);
    try {
      const signal = outer
        ? AbortSignal.any([outer, running.controller.signal])
        : running.controller.signal;
      return await work(signal);
    } finally {
      this.#running.delete(id);
      release();
    }
  }

  /** Aborts the turn of `id` being generated, if any, and waits until it has stopped. */
  async cancel(id: string, reason: string): Promise<void> {
    const running = this.#running.get(id);
    if (!running) return;
    running.controller.abort(new Cancelled(`Turn cancelled: ${reason}`));
    await running.done;
  }
}
