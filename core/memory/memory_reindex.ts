/**
 * `memory.reindex`: re-embeds a persona's memories made by another embedder, or by this one from
 * an older analyser's words (`MemoryBackend.remakeQueue`, `vector_remake.ts`), a batch at a time.
 * Each batch is embedded (a model call) with no lock held, then written under the persona's
 * lock with `MemoryBackend.writeVectors`: only the embedder and the vector change, and only where
 * the content and embedder are still as read, so an update that ran meanwhile (importance,
 * visibility, links, content, an access) is never undone, whoever wrote it.
 *
 * @module
 */
import type { Persona } from "../personas/mod.ts";
import type { MemoryBackend } from "./backend.ts";
import { EMBED_BATCH } from "./memory_embedding.ts";
import { chunks } from "./chunks.ts";

/** Progress of `memory.reindex`. */
export interface ReindexProgress {
  done: number;
  total: number;
}

/** How `memory.reindex` is run: cancelled by `signal`, `onProgress` told after each batch. */
export interface ReindexOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ReindexProgress) => void;
}

/** What `memory.reindex` did: memories in all, re-embedded, and already current. */
export interface ReindexResult {
  total: number;
  reindexed: number;
  already_current: number;
}

/** What a reindex works with (the memory writer's parts). */
export interface ReindexDeps {
  backend: MemoryBackend;
  /** The current embedder's id: memories made by another are re-embedded. */
  embedderId: string;
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /** Runs `work` holding the write locks of `personaIds`. */
  underLocks<T>(personaIds: readonly string[], work: () => Promise<T>): Promise<T>;
}

/**
 * Re-embeds `persona`'s memories made by another embedder or queued to be made again; reports
 * progress per batch.
 */
export async function reindexMemories(
  deps: ReindexDeps,
  persona: Persona,
  options: ReindexOptions = {},
): Promise<ReindexResult> {
  const { backend, embedderId } = deps;
  const all = await backend.list(persona.id);
  // Made by another embedder, or by this one from an older analyser's words (`vector_remake.ts`).
  const remake = new Set(
    (await backend.remakeQueue?.(persona.id) ?? []).map((queued) => queued.id),
  );
  const stale = all.filter((record) => record.embedder !== embedderId || remake.has(record.id));
  let done = 0;
  let reindexed = 0;
  options.onProgress?.({ done, total: stale.length });
  for (const batch of chunks(stale, EMBED_BATCH)) {
    options.signal?.throwIfAborted();
    const vectors = await deps.embed(batch.map((record) => record.content), options.signal);
    reindexed += await deps.underLocks([persona.id], async () => {
      // Only the vector and its embedder are written, each only while the content and embedder
      // are as read (`writeVectors`): an importance, a link or an access written since (by a
      // decay, another node, a writer without this lock) stays.
      const written = await backend.writeVectors(
        batch.map((record, i) => ({ record, embedder: embedderId, vector: vectors[i]! })),
      );
      return written.length;
    });
    done += batch.length;
    options.onProgress?.({ done, total: stale.length });
  }
  return {
    total: all.length,
    // Only what was written: a memory deleted or rewritten meanwhile was skipped.
    reindexed,
    already_current: all.length - stale.length,
  };
}
