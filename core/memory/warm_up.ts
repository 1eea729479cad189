/**
 * Warm-up after start: what the first search would otherwise load while a client waits, loaded
 * in the background as soon as the server listens. The word vectors (every search and every
 * store with the local embedder needs them) and, with the local embedder, the search indexes of
 * the personas with the most memories (theirs are the slow first searches: an index load is one
 * pass over a persona's rows), largest first, up to {@linkcode PRELOAD_BUDGET} memories in all.
 * Requests are served between two personas' loads; closing the service stops the warm-up. Then,
 * in idle time, the memories of the loaded personas are prepared (`memory_prep.ts`): what a
 * search works out about a memory the first time it is a candidate (its row, the facts of its
 * text), worked out before the first searches come rather than during them.
 *
 * @module
 */
import type { MemoryBackend } from "./backend.ts";
import type { Embedder } from "./embedder.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { prepareInIdle } from "./memory_prep.ts";

/**
 * The most memories whose indexes the warm-up loads (about 25 MB of vectors and postings); the
 * personas beyond it load on their first search, as they would without a warm-up.
 */
export const PRELOAD_BUDGET = 250_000;

/** The personas whose indexes a warm-up loads: largest first, within `budget` memories. */
export function preloadOrder(
  summaries: ReadonlyArray<{ persona_id: string; total: number }>,
  budget: number = PRELOAD_BUDGET,
): string[] {
  const chosen: string[] = [];
  let used = 0;
  for (const summary of [...summaries].sort((a, b) => b.total - a.total)) {
    if (summary.total === 0 || used + summary.total > budget) continue;
    chosen.push(summary.persona_id);
    used += summary.total;
  }
  return chosen;
}

/**
 * Starts reading the largest persona's index rows off the event loop (where the backend can:
 * `SqliteBackend.prefetch`), ahead of {@linkcode warmUp}, which then takes them instead of
 * reading again: the server asks for it as soon as its memory service exists, so that the read,
 * the longest part of the way to the first search at 100,000 memories, starts while the rest of
 * the server is built (50-90 ms on the development machine) rather than once it listens. Resolves
 * when the rows are there (or at once when there is nothing to read ahead).
 */
export async function prefetchLargest(
  deps: { backend: MemoryBackend; embedder: Embedder },
): Promise<void> {
  const { backend, embedder } = deps;
  if (!embedder.wordVectors || !backend.preload || !backend.prefetch) return;
  const sizes = backend.counts ? await backend.counts() : await backend.summaries();
  const [largest] = preloadOrder(sizes);
  if (largest !== undefined) await backend.prefetch(largest, embedder.id);
}

/**
 * Loads the word vectors (and the sentence encoder's model, `Embedder.warm`), then (local
 * embedder) the largest personas' indexes until `signal`,
 * then prepares their memories in idle time; resolves to the ids of the personas whose indexes
 * it loaded.
 */
export async function warmUp(
  deps: { backend: MemoryBackend; embedder: Embedder },
  signal: AbortSignal,
): Promise<string[]> {
  const { backend, embedder } = deps;
  const loaded: string[] = [];
  // The sentence encoder's model loads beside the indexes (a failure shows at first use).
  const encoder = embedder.warm?.().catch(() => {});
  if (!embedder.wordVectors || !backend.preload || signal.aborted) {
    await WordVectors.shared();
    await encoder;
    return loaded;
  }
  // Kept counts when the backend has them: summaries pass over every memory (0.1 s at 100k).
  const sizes = backend.counts ? await backend.counts() : await backend.summaries();
  const order = preloadOrder(sizes);
  // The largest persona's rows are read (off the event loop, where the backend can) while the
  // word vectors load here; its preload below waits for them.
  const reading = order[0] === undefined ? undefined : backend.prefetch?.(order[0], embedder.id);
  const words = await WordVectors.shared();
  // The sentence encoder's vectors hold its dimensions beside the word vectors' (`extraDimensions`).
  const dimensions = words.dimensions + (embedder.extraDimensions ?? 0);
  if (reading) {
    // Its vector index's memory is mapped while the event loop waits for the rows.
    const count = sizes.find((size) => size.persona_id === order[0])!.total;
    // Not awaited: it stops when the load takes the index (or maps all of it first).
    backend.reserve?.(order[0]!, { embedder: embedder.id, dimensions, count })
      .catch(() => {});
  }
  await reading;
  for (const personaId of order) {
    // A macrotask between two loads: requests that came meanwhile are served first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (signal.aborted) break;
    await backend.preload(personaId, { embedder: embedder.id, dimensions });
    loaded.push(personaId);
  }
  await encoder;
  // Then, in idle time, what their first searches would work out about each memory.
  await prepareInIdle(backend, loaded, { words, signal });
  return loaded;
}
