/**
 * The background pass that remakes queued stale local vectors (`vector_remake.ts`) without a
 * `memory.reindex`: at start, and again every {@linkcode REMAKE_RECHECK_MS} (an older node of a
 * rolling upgrade may queue more), it lists each persona's queue and remakes it
 * {@linkcode REMAKE_BATCH} memories at a time. Each batch is one piece of the server's quiet
 * work (`core/jobs/quiet_work.ts`): it runs when no chat is in a critical phase. A batch is
 * read and embedded with no lock held, then written under the persona's write lock (the lock
 * of decay and of a reindex's writes) with `MemoryBackend.writeVectors`: only the vector and
 * embedder change, and only while the content and embedder are as read. A persona whose
 * `memory.reindex` runs in this process is left to it, and a reindex waits for the batch under
 * way. With several processes or nodes on one database, a pass that found work first claims
 * the period (`PeriodClaim`, as the decay schedule does): one node at a time remakes.
 * `memory.get_stats` `needs_reindex` goes down as batches are written.
 *
 * @module
 */
import type { Logger } from "../log.ts";
import type { MemoryBackend } from "./backend.ts";
import type { PeriodClaim } from "./decay_schedule.ts";
import type { Embedder } from "./embedder.ts";
import { embedTexts } from "./memory_embedding.ts";
import { PersonaWriteLocks } from "./persona_write_locks.ts";
import { chunks } from "./chunks.ts";

/** Memories remade per batch (one piece of quiet work). */
export const REMAKE_BATCH = 16;
/** Between two looks for queued vectors (ms). */
export const REMAKE_RECHECK_MS = 300_000;

/** How a pass's batches run: each as a piece of quiet work, until `signal` aborts. */
export interface RemakeStart {
  /** Runs `work` when the server is quiet (`QuietWork.add`); resolves once it ran. */
  later(work: () => Promise<void>): Promise<void>;
  /** Aborted when the server stops: no batch starts after. */
  signal?: AbortSignal;
  /** {@linkcode REMAKE_RECHECK_MS} when not given. */
  recheckMs?: number;
}

/** Remakes queued stale vectors in the background (see the module doc). */
export class VectorRemaker {
  readonly #backend: MemoryBackend;
  readonly #embedder: Embedder;
  readonly #log: Pick<Logger, "warn">;
  readonly #claims: PeriodClaim | undefined;
  readonly #locks: PersonaWriteLocks;
  readonly #stopped = new AbortController();
  /** Reindexes running in this process, by persona. */
  readonly #reindexing = new Map<string, number>();
  /** The batch under way, by persona. */
  #batch: { personaId: string; done: Promise<unknown> } | undefined;
  #pass: Promise<void> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #remade = 0;

  /** A remaker of `deps.backend`'s queue with `deps.embedder` (nothing runs until `start`). */
  constructor(deps: {
    backend: MemoryBackend;
    embedder: Embedder;
    log: Pick<Logger, "warn">;
    claims?: PeriodClaim;
  }) {
    this.#backend = deps.backend;
    this.#embedder = deps.embedder;
    this.#log = deps.log;
    this.#claims = deps.claims;
    this.#locks = new PersonaWriteLocks(deps.backend);
  }

  /** Vectors this process remade in the background so far. */
  get remade(): number {
    return this.#remade;
  }

  /** The pass under way, if any (tests wait for it). */
  get pass(): Promise<void> | undefined {
    return this.#pass;
  }

  /** Starts the passes: one now, then one every `recheckMs`; idempotent. */
  start(start: RemakeStart): void {
    if (this.#timer !== undefined || this.#pass || this.#stopped.signal.aborted) return;
    if (!this.#backend.remakeQueue) return;
    const recheckMs = start.recheckMs ?? REMAKE_RECHECK_MS;
    const run = () => {
      this.#timer = undefined;
      if (this.#stopped.signal.aborted || start.signal?.aborted) return;
      this.#pass = this.#run(start, recheckMs).catch((error) => {
        this.#log.warn("Remaking stale memory vectors failed", {
          error: error instanceof Error ? error.message : String(error),
        });
      }).finally(() => {
        this.#pass = undefined;
        if (this.#stopped.signal.aborted || start.signal?.aborted) return;
        this.#timer = setTimeout(run, recheckMs);
        Deno.unrefTimer(this.#timer);
      });
    };
    run();
  }

  /**
   * Runs `work` (a `memory.reindex` of `personaId`) after the batch of that persona under way,
   * and keeps the background pass off that persona while it runs.
   */
  async during<T>(personaId: string, work: () => Promise<T>): Promise<T> {
    this.#reindexing.set(personaId, (this.#reindexing.get(personaId) ?? 0) + 1);
    try {
      const batch = this.#batch;
      if (batch?.personaId === personaId) await batch.done.catch(() => {});
      return await work();
    } finally {
      const left = this.#reindexing.get(personaId)! - 1;
      if (left === 0) this.#reindexing.delete(personaId);
      else this.#reindexing.set(personaId, left);
    }
  }

  /** One pass: every persona's queue, a batch per piece of quiet work. */
  async #run(start: RemakeStart, recheckMs: number): Promise<void> {
    const stopped = () => this.#stopped.signal.aborted || start.signal?.aborted === true;
    const queues: Array<{ personaId: string; ids: string[] }> = [];
    // The kept counts where the backend has them: summaries pass over every memory (0.1-0.2 s
    // of the event loop at 100,000), and this runs at every start, beside the warm-up.
    const backend = this.#backend;
    const personas = backend.counts ? await backend.counts() : await backend.summaries();
    for (const summary of personas) {
      const queued = await this.#backend.remakeQueue!(summary.persona_id);
      // Another embedder's vectors wait for a reindex (a model call each): not remade here.
      const ids = queued.filter((q) => q.embedder === this.#embedder.id).map((q) => q.id);
      if (ids.length > 0) queues.push({ personaId: summary.persona_id, ids });
    }
    if (queues.length === 0 || stopped()) return;
    const now = Date.now();
    const period = Math.floor(now / recheckMs);
    if (this.#claims && !await this.#claims.claim(`memory_remake:${recheckMs}`, period, now)) {
      return;
    }
    for (const { personaId, ids } of queues) {
      for (const batch of chunks(ids, REMAKE_BATCH)) {
        if (stopped()) return;
        if (this.#reindexing.has(personaId)) break;
        let failure: unknown;
        await start.later(async () => {
          if (stopped() || this.#reindexing.has(personaId)) return;
          const done = this.#remake(personaId, batch);
          this.#batch = { personaId, done };
          try {
            await done;
          } catch (error) {
            failure = error;
          } finally {
            this.#batch = undefined;
          }
        });
        if (failure !== undefined) throw failure;
      }
    }
  }

  /** Remakes the vectors of `ids` (of `personaId`) still made by this embedder. */
  async #remake(personaId: string, ids: readonly string[]): Promise<void> {
    const records = (await this.#backend.getMany(ids)).filter((record) =>
      record.persona_id === personaId && record.embedder === this.#embedder.id
    );
    if (records.length === 0) return;
    const vectors = await embedTexts(this.#embedder, records.map((record) => record.content));
    const written = await this.#locks.run([personaId], () =>
      this.#backend.writeVectors(
        records.map((record, i) => ({ record, embedder: this.#embedder.id, vector: vectors[i]! })),
      ));
    this.#remade += written.length;
  }

  /** Stops the passes; resolves once the batch under way is written. */
  async close(): Promise<void> {
    this.#stopped.abort();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#pass;
  }
}
