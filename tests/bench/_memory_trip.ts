/**
 * What a `memory.search` over the WebSocket costs beyond the search (a diagnostic, not a
 * benchmark: `deno task bench:memory` is). On a data directory left by `bench:memory --keep DIR`,
 * in one process, medians of `--calls` calls each:
 *
 * - `ping`, back to back;
 * - `memory.search` with the service answering a real search's hits at once (params validation,
 *   dispatch, serialisation, frame, the client's parse: the reply path alone), back to back;
 * - the same right after a real search at the service (not timed), and right after 3 ms of busy
 *   CPU: the trip after the process was busy (or idle) a while;
 * - the reply's serialisation alone (`serializeOne`, µs).
 *
 *   deno run -A tests/bench/_memory_trip.ts DIR/10000 [--calls 1000]
 *
 * @module
 */
import { startOnData, storedQueries } from "./_memory_data.ts";
import { numberFlag, percentile } from "./_load.ts";
import { serializeOne } from "../../core/server/rpc/reply_budget.ts";
import type { MemoryService } from "../../core/memory/mod.ts";

const dataDir = Deno.args[0];
if (!dataDir) throw new Error("usage: _memory_trip.ts DATA_DIR [--calls N]");
const calls = numberFlag(Deno.args, "calls", 1000);
const query = storedQueries(dataDir);
const { server, client, persona } = await startOnData(dataDir);
try {
  const memory = server.services.memory;
  const search = memory.search.bind(memory);
  const params = { query: query(0), n_results: 5, min_importance: 0 };
  const hits = JSON.stringify(await search(persona, params));
  // From here on the handler's search answers at once, with fresh objects of the same hits.
  (memory as { search: MemoryService["search"] }).search = () => Promise.resolve(JSON.parse(hits));
  let next = 1;
  const before = {
    nothing: () => {},
    search: async () => void await search(persona, { ...params, query: query(next++) }),
    busy: () => {
      const until = performance.now() + 3;
      while (performance.now() < until) { /* busy */ }
    },
  };
  const median = async (call: () => Promise<unknown>, first: () => unknown) => {
    const times: number[] = [];
    for (let i = 0; i < calls; i++) {
      await first();
      const start = performance.now();
      await call();
      times.push(performance.now() - start);
    }
    return percentile(times.sort((a, b) => a - b), 50).toFixed(3);
  };
  const searchCall = () => client.call("memory.search", { query: params.query, n_results: 5 });
  const reply = {
    jsonrpc: "2.0" as const,
    id: 1,
    result: { persona_id: persona.id, query: params.query, memories: JSON.parse(hits) },
  };
  const serialized = () => {
    const start = performance.now();
    for (let i = 0; i < 1000; i++) serializeOne(reply, 16 << 20);
    return (performance.now() - start).toFixed(1); // ms per 1000 = µs each
  };
  console.log(
    "| ping | reply path | after a real search | after 3 ms busy | serializeOne (µs) | reply bytes |",
  );
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
  for (let round = 0; round < 3; round++) {
    console.log(
      `| ${await median(() => client.call("ping", {}), before.nothing)} | ${await median(
        searchCall,
        before.nothing,
      )} | ${await median(searchCall, before.search)} | ${await median(
        searchCall,
        before.busy,
      )} | ${serialized()} | ${hits.length} |`,
    );
  }
} finally {
  await client.close();
  await server.shutdown();
}
