/**
 * Vectors of memories and queries by the current embedder: texts in batches, a query by the
 * embedder's own query path when it has one.
 *
 * @module
 */
import type { Embedder } from "./embedder.ts";
import { chunks } from "./chunks.ts";

/** Texts embedded per call to the embedder. */
export const EMBED_BATCH = 64;

/** Vectors of `texts` by `embedder`, in batches of {@linkcode EMBED_BATCH}. */
export async function embedTexts(
  embedder: Embedder,
  texts: readonly string[],
  signal?: AbortSignal,
): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (const batch of chunks(texts, EMBED_BATCH)) {
    vectors.push(...await embedder.embed(batch, signal));
  }
  return vectors;
}

/** A search query's vector by `embedder` (`Embedder.embedQuery` when it has one). */
export async function embedQueryText(
  embedder: Embedder,
  text: string,
  signal?: AbortSignal,
): Promise<Float32Array> {
  // Checked here for both ways: `embedQuery` takes no signal, and a cancelled search (a compound
  // question's next part, `search.ts`) asks for no more vectors.
  signal?.throwIfAborted();
  return embedder.embedQuery
    ? await embedder.embedQuery(text)
    : (await embedTexts(embedder, [text], signal))[0]!;
}
