/**
 * Bench only, never in the server: `idle_allocation.ts` loads it with `deno run --preload`. On
 * SIGUSR1 it starts printing, every `ALLOCATION_EVERY_S` seconds (default 10), the JS allocation
 * rate since the last line (V8's `total_allocated_bytes`), the RSS and the young and old
 * generations' committed / used MB: `ALLOCATION {"mbPerS":…,"rss":…,"young":[…],"old":[…]}`.
 * Started by a signal, not at once: a timer set while the preload itself loads kept the server from
 * starting.
 *
 * @module
 */
import { getHeapSpaceStatistics, getHeapStatistics } from "node:v8";

const MB = 1048576;
/** Bytes the isolate allocated so far: Deno's `getHeapStatistics` has it, its types do not. */
const allocatedBytes = () =>
  (getHeapStatistics() as unknown as { total_allocated_bytes: number }).total_allocated_bytes;
const round = (bytes: number) => Math.round(bytes / MB * 10) / 10;

Deno.addSignalListener("SIGUSR1", () => {
  const everyMs = Number(Deno.env.get("ALLOCATION_EVERY_S") ?? "10") * 1000;
  let allocated = allocatedBytes();
  let since = performance.now();
  setInterval(() => {
    const now = allocatedBytes();
    const seconds = (performance.now() - since) / 1000;
    const spaces = new Map(getHeapSpaceStatistics().map((space) => [space.space_name, space]));
    const pair = (name: string) => {
      const space = spaces.get(name);
      return space ? [round(space.space_size), round(space.space_used_size)] : [0, 0];
    };
    const line = {
      mbPerS: Math.round((now - allocated) / seconds / MB * 1000) / 1000,
      rss: round(Deno.memoryUsage().rss),
      young: pair("new_space"),
      old: pair("old_space"),
    };
    console.error(`ALLOCATION ${JSON.stringify(line)}`);
    allocated = now;
    since = performance.now();
  }, everyMs);
});
