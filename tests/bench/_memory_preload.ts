/**
 * Bench only, never in the server: `_server_memory.ts` loads it with `deno run --preload` (and
 * `--v8-flags=--expose-gc`). On SIGUSR2 the server collects its garbage twice and prints
 * `MEMORY {"rss":…,"heapUsed":…,"heapTotal":…,"external":…}` (bytes) on stderr.
 *
 * @module
 */
Deno.addSignalListener("SIGUSR2", () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  console.error(`MEMORY ${JSON.stringify(Deno.memoryUsage())}`);
});
