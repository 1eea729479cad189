/**
 * Quiet moments (`quiet_moment.ts`' `QuietWatch`) a test decides: {@linkcode handQuiet} fires
 * them by hand, {@linkcode quietAtOnce} as soon as the event loop turns, {@linkcode notedWatches}
 * never (the test calls a noted watch's `onQuiet`).
 *
 * @module
 */
import type { QuietWatch } from "../../storage/quiet_moment.ts";

/** Quiet moments fired by hand: `fire` calls the watch waiting, if any. */
export interface HandQuiet {
  /** Pass as `whenQuiet`. */
  whenQuiet(watch: QuietWatch): () => void;
  /** Whether some work waits for a quiet moment. */
  readonly waiting: boolean;
  /** Fires the quiet moment waited for and lets its work run; false when none waited. */
  fire(): Promise<boolean>;
}

/** Lets the event loop turn a few times (a quiet slice's turn on the database, its end). */
async function turns(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await new Promise((done) => setTimeout(done, 0));
}

/** Quiet moments fired only by `fire`. */
export function handQuiet(): HandQuiet {
  let onQuiet: (() => void) | undefined;
  return {
    whenQuiet(watch) {
      onQuiet = watch.onQuiet;
      return () => {
        if (onQuiet === watch.onQuiet) onQuiet = undefined;
      };
    },
    get waiting() {
      return onQuiet !== undefined;
    },
    async fire() {
      const quiet = onQuiet;
      if (quiet === undefined) return false;
      onQuiet = undefined;
      quiet();
      await turns();
      return true;
    },
  };
}

/** A quiet moment at the next turn of the event loop (the work waits for no stillness). */
export function quietAtOnce(watch: QuietWatch): () => void {
  const timer = setTimeout(watch.onQuiet, 0);
  return () => clearTimeout(timer);
}

/** Quiet watches noted, never fired by themselves: the test calls a watch's `onQuiet`. */
export function notedWatches(): {
  watches: QuietWatch[];
  whenQuiet: (watch: QuietWatch) => () => void;
} {
  const watches: QuietWatch[] = [];
  return {
    watches,
    whenQuiet: (watch) => {
      watches.push(watch);
      return () => {};
    },
  };
}
