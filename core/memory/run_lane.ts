/**
 * One search at a time while searches run on the CPU. On SQLite a search's awaits settle on
 * microtasks, so 32 searches started together (a burst of chats) advance step by step in
 * lockstep: every step's state of all 32 stays alive until the last one ends, each young
 * collection of the burst copies and promotes it (tests/bench/lockstep_gc.ts: ~10× the bytes of
 * the same searches one after another), and all 32 end together. In a lane they run one after
 * another, first come first served, in the same run of the event loop: the same work, the same
 * results, the next one started on a microtask the moment the last ends.
 *
 * A lane never holds a search across a turn of the event loop: once one comes round (the search
 * running waits for a socket, a worker, a timer, another connection's lock), every search then
 * waiting starts at once, as without a lane. So a backend that waits on I/O (PostgreSQL,
 * Chroma, a reader worker) keeps its searches concurrent; only work that never leaves the CPU is
 * put in order.
 *
 * @module
 */
import { setImmediate } from "node:timers";

/** Runs work one at a time within a run of the event loop, in order of arrival. */
export class RunLane {
  /** Work running now (more than one once a turn of the event loop let the waiting in). */
  #running = 0;
  /** The waiting's starts, oldest first from {@linkcode RunLane.#head}. */
  #waiting: (() => void)[] = [];
  #head = 0;
  /** True while a turn of the event loop is awaited to let the waiting in. */
  #watching = false;

  /** How many wait for their turn. */
  get waiting(): number {
    return this.#waiting.length - this.#head;
  }

  /** Runs `work` once the work before it has ended, or once the event loop has turned. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running > 0) {
      const turn = new Promise<void>((resolve) => this.#waiting.push(resolve));
      this.#watch();
      await turn;
    }
    this.#running++;
    try {
      return await work();
    } finally {
      this.#running--;
      if (this.#running === 0) this.#startNext();
    }
  }

  #startNext(): void {
    const start = this.#waiting[this.#head];
    if (!start) return;
    this.#waiting[this.#head++] = undefined!;
    // Compacted once half is spent: a long burst's queue stays bounded by what waits.
    if (this.#head * 2 >= this.#waiting.length) {
      this.#waiting = this.#waiting.slice(this.#head);
      this.#head = 0;
    }
    start();
  }

  /**
   * Lets every waiting work in once the event loop turns with work still running: what runs then
   * waits for something outside the thread, and a lane that held the others behind it would add
   * that wait to theirs.
   */
  #watch(): void {
    if (this.#watching) return;
    this.#watching = true;
    setImmediate(() => {
      this.#watching = false;
      if (this.#running === 0) return;
      const starts = this.#waiting.slice(this.#head);
      this.#waiting = [];
      this.#head = 0;
      for (const start of starts) start();
    });
  }
}
