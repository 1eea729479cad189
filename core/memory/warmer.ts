/**
 * The memory service's background loads, each started at most once: the read ahead of the
 * word data and of the largest persona's index rows, and the warm-up (`warm_up.ts`). Failures are logged or left to
 * the searches, which then load what they need themselves.
 *
 * @module
 */
import type { Logger } from "../log.ts";
import type { MemoryBackend } from "./backend.ts";
import type { Embedder } from "./embedder.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { prefetchLargest, warmUp } from "./warm_up.ts";

/** Starts the warm-up and the read ahead once; stops and awaits them on close. */
export class Warmer {
  readonly #deps: { backend: MemoryBackend; embedder: Embedder; log: Logger };
  readonly #closing = new AbortController();
  #warming: Promise<string[]> | undefined;
  #prefetching: Promise<void> | undefined;

  /** A warmer over `deps`' backend and embedder; nothing starts yet. */
  constructor(deps: { backend: MemoryBackend; embedder: Embedder; log: Logger }) {
    this.#deps = deps;
  }

  /** Starts the warm-up once; resolves to the personas whose indexes it loaded ([] on failure). */
  warm(): Promise<string[]> {
    this.#warming ??= warmUp(this.#deps, this.#closing.signal).catch((error) => {
      this.#deps.log.warn("Memory warm-up failed", { reason: String(error) });
      return [];
    });
    return this.#warming;
  }

  /**
   * Starts the read ahead once (the word data, and the largest persona's index rows); resolves
   * when the rows are there (or it failed).
   */
  prefetch(): Promise<void> {
    // Every search needs the word data: its read (10-30 ms, then the decode) starts here, while
    // the rest of the server is built, not after READY. A failure is forgotten (the warm-up and
    // the searches read again), so it is left to them to report.
    if (!this.#prefetching) WordVectors.shared().catch(() => {});
    this.#prefetching ??= prefetchLargest(this.#deps).catch(() => {});
    return this.#prefetching;
  }

  /** The read ahead once started. */
  get prefetching(): Promise<void> | undefined {
    return this.#prefetching;
  }

  /** The warm-up once started. */
  get warming(): Promise<string[]> | undefined {
    return this.#warming;
  }

  /** Stops the warm-up and waits for both loads. */
  async close(): Promise<void> {
    this.#closing.abort();
    await this.#warming;
    await this.#prefetching;
  }
}
