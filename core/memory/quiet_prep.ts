/**
 * Preparation of memories written on a reply's path (a chat's exchange, a dialogue's turn), at
 * the process's next quiet moment rather than before the reply: what `memory_prep.ts`'s
 * {@linkcode prepareStored} would do at the write, which cost a 32-session chat ~0.2-0.4 ms of
 * main thread before its answer went out (session 37's regression, perf53). A search that meets
 * such a memory before it is prepared works out what it asks itself, as for any text, and the
 * answers are the same either way: every fact is remembered by text and is a function of the
 * text alone, so there is nothing to invalidate (a memory deleted meanwhile is prepared for
 * nothing, and its facts go as the memos forget their older half).
 *
 * @module
 */
import type { QuietWatch } from "../storage/quiet_moment.ts";
import { QuietSlices } from "./quiet_slices.ts";
import {
  type ContentWords,
  PREPARE_SHARE,
  PREPARE_SLICE_MS,
  prepareCandidate,
  type PreparedText,
} from "./memory_prep.ts";
import { textMemosBelow } from "./text_memo.ts";

/**
 * Most memories waiting: past it the oldest are left to the searches (a reply path that never
 * goes quiet must not grow a list without bound; a search works them out as it meets them).
 */
export const MAX_WAITING = 1024;

/** What a {@linkcode QuietPreparation} needs. */
export interface QuietPreparationDeps {
  /** Content words as alignment reads them (`Embedder.wordVectors`), if any. */
  words: () => Promise<ContentWords | undefined> | ContentWords | undefined;
  /** A count that moves with every request the backend begins (`MemoryBackend.activity`). */
  activity: () => number;
  /** Finds the quiet moment (default `quiet_moment.ts`'s; tests give their own). */
  whenQuiet?: (watch: QuietWatch) => () => void;
  /** Works out one memory's facts (default {@linkcode prepareCandidate}; tests count). */
  prepare?: (memory: PreparedText, words?: ContentWords) => void;
  /** Whether there is room for more (default: every text memo below `PREPARE_SHARE`). */
  hasRoom?: () => boolean;
}

/**
 * Memories waiting for a quiet moment to be prepared: each quiet moment prepares them for at
 * most `PREPARE_SLICE_MS`, oldest first, and waits for the next one while some are left.
 */
export class QuietPreparation {
  readonly #deps: QuietPreparationDeps;
  #waiting: PreparedText[] = [];
  /** The quiet moments' slices (`quiet_slices.ts`). */
  readonly #slices: QuietSlices;

  /** A queue preparing through `deps`. */
  constructor(deps: QuietPreparationDeps) {
    this.#deps = deps;
    this.#slices = new QuietSlices({
      activity: deps.activity,
      whenQuiet: deps.whenQuiet,
      hasWork: () => this.#waiting.length > 0,
      slice: () => this.#slice(),
    });
  }

  /** How many memories wait. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Queues `memories` for the next quiet moment (the oldest past {@linkcode MAX_WAITING} dropped). */
  add(memories: readonly PreparedText[]): void {
    if (this.#slices.closed || memories.length === 0) return;
    // Only the text and creation time: the records themselves are the callers'.
    for (const { content, created_at } of memories) this.#waiting.push({ content, created_at });
    const over = this.#waiting.length - MAX_WAITING;
    if (over > 0) this.#waiting.splice(0, over);
    this.#slices.watch();
  }

  /** Prepares waiting memories for at most `PREPARE_SLICE_MS` (at least one). */
  async #slice(): Promise<void> {
    const { prepare = prepareCandidate, hasRoom = () => textMemosBelow(PREPARE_SHARE) } =
      this.#deps;
    let words: ContentWords | undefined;
    try {
      words = await this.#deps.words();
    } catch {
      // The searches meet the same failure and answer for it.
      this.#waiting = [];
      return;
    }
    const start = performance.now();
    while (this.#waiting.length > 0 && !this.#slices.closed) {
      // Full memos: the rest is left to the texts searches bring, as at a write.
      if (!hasRoom()) {
        this.#waiting = [];
        return;
      }
      const memory = this.#waiting.shift()!;
      try {
        prepare(memory, words);
      } catch { /* a search meets the same failure and answers for it */ }
      if (performance.now() - start >= PREPARE_SLICE_MS) return;
    }
  }

  /** Stops watching, drops what waits, waits for a slice under way. */
  close(): Promise<void> {
    return this.#slices.close(() => this.#waiting = []);
  }
}
