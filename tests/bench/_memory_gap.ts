/**
 * Where a `memory.search` over the WebSocket spends the time the service does not (a diagnostic,
 * not a benchmark: `deno task bench:memory` is). On a data directory left by `bench:memory --keep
 * DIR`, each round times, for fresh queries: a search at the service, then one over the WebSocket,
 * split into the time before the service is called (client send, frame, parse, validation,
 * persona), inside it, and after it (serialisation, frame, client parse).
 *
 *   deno run -A tests/bench/_memory_gap.ts DIR/10000 [--rounds 6] [--searches 200]
 *
 * `bench:memory` times its service searches with the same 200 queries its WebSocket searches
 * just ran (their rows and prepared words are cached by then) and after them (the JIT warmer):
 * its service median is not the WebSocket median less the transport. Here every query is new.
 *
 * @module
 */
import { startOnData, storedQueries } from "./_memory_data.ts";
import { numberFlag, percentile } from "./_load.ts";
import type { MemoryService } from "../../core/memory/mod.ts";

const dataDir = Deno.args[0];
if (!dataDir) throw new Error("usage: _memory_gap.ts DATA_DIR [--rounds N] [--searches N]");
const rounds = numberFlag(Deno.args, "rounds", 6);
const searches = numberFlag(Deno.args, "searches", 200);
const query = storedQueries(dataDir);
const { server, client, persona } = await startOnData(dataDir);
try {
  const memory = server.services.memory;
  // The handler calls `ctx.memory.search`: timed here from inside.
  const inner = { started: 0, ended: 0 };
  const search = memory.search.bind(memory);
  (memory as { search: MemoryService["search"] }).search = async (...args) => {
    inner.started = performance.now();
    try {
      return await search(...args);
    } finally {
      inner.ended = performance.now();
    }
  };
  const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50).toFixed(3);
  let next = 0;
  console.log("| round | service | WebSocket | before the service | in it | after it |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
  for (let round = 1; round <= rounds; round++) {
    const times = { service: [], ws: [], before: [], inside: [], after: [] } as Record<
      string,
      number[]
    >;
    for (let i = 0; i < searches; i++) {
      let start = performance.now();
      await search(persona, { query: query(next++), n_results: 5, min_importance: 0 });
      times.service!.push(performance.now() - start);
      start = performance.now();
      await client.call("memory.search", { query: query(next++), n_results: 5 });
      const end = performance.now();
      times.ws!.push(end - start);
      times.before!.push(inner.started - start);
      times.inside!.push(inner.ended - inner.started);
      times.after!.push(end - inner.ended);
    }
    console.log(
      `| ${round} | ${median(times.service!)} | ${median(times.ws!)} | ${median(times.before!)} | ${
        median(times.inside!)
      } | ${median(times.after!)} |`,
    );
  }
} finally {
  await client.close();
  await server.shutdown();
}
