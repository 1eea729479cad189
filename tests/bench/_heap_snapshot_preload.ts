/**
 * Bench only, never in the server: `socket_heap.ts` loads it with `deno run --preload` (and
 * `--v8-flags=--expose-gc`). On SIGUSR2 the server collects its garbage, writes a heap snapshot
 * to `$HEAP_SNAPSHOT_DIR/<n>.heapsnapshot` and prints `HEAP_SNAPSHOT <file>` on stderr.
 *
 * @module
 */
import { writeHeapSnapshot } from "node:v8";

let taken = 0;
Deno.addSignalListener("SIGUSR2", () => {
  (globalThis as { gc?: () => void }).gc?.();
  const file = `${Deno.env.get("HEAP_SNAPSHOT_DIR")}/${taken++}.heapsnapshot`;
  writeHeapSnapshot(file);
  console.error(`HEAP_SNAPSHOT ${file}`);
});
