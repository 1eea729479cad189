import assert from "node:assert/strict";
import { createLogger } from "../log.ts";
import type { MemoryBackend } from "./backend.ts";
import type { Embedder } from "./embedder.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { Warmer } from "./warmer.ts";

// The first test here: nothing in this file's process has loaded the word data before it.
Deno.test("the read ahead starts the word data's load, so a server reads it before it listens", async () => {
  assert.equal(WordVectors.loading, undefined, "no load before the read ahead");
  // No preload or prefetch and no word-vector embedder: no index rows to read ahead.
  const warmer = new Warmer({
    backend: {} as MemoryBackend,
    embedder: {} as Embedder,
    log: createLogger("error"),
  });
  const prefetched = warmer.prefetch();
  const loading = WordVectors.loading;
  assert.ok(loading, "the read ahead started the word data's load");
  await prefetched;
  assert.equal(await loading, await WordVectors.shared(), "the searches share that load");
  await warmer.close();
});
