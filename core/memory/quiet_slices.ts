/**
 * Work done a slice at a time at the process's quiet moments (`quiet_moment.ts`): one slice per
 * quiet moment, never two at once, the next moment watched for while work is left. Shared by the
 * preparation of written memories (`quiet_prep.ts`) and the reading of kind ties
 * (`sqlite_kind_ties.ts`), which keep their own queues.
 *
 * @module
 */
import type { QuietWatch } from "../storage/quiet_moment.ts";
import { whenQuiet as processQuiet } from "../storage/quiet_moment.ts";
import { PREPARE_QUIET_MS } from "./memory_prep.ts";
import { outsideTurn } from "../turn_away.ts";

/** What a {@linkcode QuietSlices} runs, and when. */
export interface QuietSlicesDeps {
  /** A count that moves with every request the backend begins (`MemoryBackend.activity`). */
  activity: () => number;
  /** Finds the quiet moment (default `quiet_moment.ts`'s; tests give their own). */
  whenQuiet?: (watch: QuietWatch) => () => void;
  /** Whether work is left for another slice. */
  hasWork: () => boolean;
  /** Does one slice of the work. */
  slice: () => Promise<void>;
}

/** Slices of work at quiet moments: see the module's documentation. */
export class QuietSlices {
  readonly #deps: QuietSlicesDeps;
  #stop: (() => void) | undefined;
  /** The slice under way, for {@linkcode close}. */
  #running: Promise<void> | undefined;
  #closed = false;

  /** Slices run through `deps`. */
  constructor(deps: QuietSlicesDeps) {
    this.#deps = deps;
  }

  /** Whether {@linkcode close} was called: a slice under way stops at its next check. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Watches for the next quiet moment, unless one is watched for, a slice runs or none is left. */
  watch(): void {
    if (this.#stop || this.#running || this.#closed || !this.#deps.hasWork()) return;
    const watch = this.#deps.whenQuiet ?? processQuiet;
    // Started by a request's write, the watch and its slices are background work: no turn.
    this.#stop = outsideTurn(() =>
      watch({
        activity: this.#deps.activity,
        quietMs: PREPARE_QUIET_MS,
        onQuiet: () => {
          this.#stop = undefined;
          this.#running = this.#deps.slice().finally(() => {
            this.#running = undefined;
            this.watch();
          });
        },
      })
    );
  }

  /** Stops watching, calls `drop` (the caller's queue emptied), waits for a slice under way. */
  async close(drop: () => void): Promise<void> {
    this.#closed = true;
    this.#stop?.();
    this.#stop = undefined;
    drop();
    await this.#running;
  }
}
