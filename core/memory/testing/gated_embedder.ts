/**
 * An embedder that holds its batches at a gate, for tests of what waits for a batch being
 * embedded (a reindex, a background remake). Test code only.
 *
 * @module
 */
import { type Embedder, LocalEmbedder } from "../embedder.ts";

/** {@linkcode gatedEmbedder}'s embedder and its gate. */
export interface GatedEmbedder {
  /** The local embedder's vectors, each held batch made only once the gate is open. */
  embedder: Embedder;
  /** Resolves when a held batch reaches the gate. */
  reached: Promise<void>;
  /** Opens the gate (for good). */
  open(): void;
  /** Resolves once a held batch's vectors are made, a turn of the event loop later. */
  embedded: Promise<void>;
}

/**
 * The local embedder behind a gate, under the local embedder's id unless `options.id` is given;
 * batches for which `options.holds` says no (default: every batch is held) pass at once.
 */
export function gatedEmbedder(
  options: { id?: string; holds?: (texts: readonly string[]) => boolean } = {},
): GatedEmbedder {
  const local = new LocalEmbedder();
  let open!: () => void;
  const gate = new Promise<void>((resolve) => open = resolve);
  let reached!: () => void;
  const arrived = new Promise<void>((resolve) => reached = resolve);
  let embedded!: () => void;
  const made = new Promise<void>((resolve) => embedded = resolve);
  const embedder: Embedder = {
    id: options.id ?? local.id,
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      if (!(options.holds?.(texts) ?? true)) return await local.embed(texts);
      reached();
      await gate;
      const vectors = await local.embed(texts);
      // A turn later: what the caller does with the vectors right away has begun by then.
      setTimeout(embedded, 0);
      return vectors;
    },
  };
  return { embedder, reached: arrived, open, embedded: made };
}
