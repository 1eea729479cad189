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
import { RpcClient, startTestServer } from "../_helpers.ts";
import { DatabaseSync } from "node:sqlite";
import { numberFlag, percentile } from "./_load.ts";
import type { MemoryService } from "../../core/memory/mod.ts";

const dataDir = Deno.args[0];
if (!dataDir) throw new Error("usage: _memory_gap.ts DATA_DIR [--rounds N] [--searches N]");
const rounds = numberFlag(Deno.args, "rounds", 6);
const searches = numberFlag(Deno.args, "searches", 200);
const texts = (() => {
  const db = new DatabaseSync(`${dataDir}/persona.db`, { readOnly: true });
  try {
    return db.prepare("SELECT content FROM memories WHERE seq % 37 = 1 LIMIT 5000").all()
      .map((row) => String(row.content));
  } finally {
    db.close();
  }
})();
/** 2-4 words of stored memory `i` (as in `bench:memory`, common words are common here too). */
const query = (i: number) => {
  const words = texts[i % texts.length]!.split(" ");
  return Array.from({ length: 2 + (i % 3) }, (_, j) => words[(i + j * 5) % words.length])
    .join(" ");
};

const server = await startTestServer({
  DATA_DIR: dataDir,
  MEMORY_DECAY_ENABLED: "false",
  MEMORY_AUTO_PRUNE: "false",
  LOG_LEVEL: "error",
});
const client = await RpcClient.connect(server.wsUrl);
try {
  await client.call("persona.switch", { persona_id: "Aria" });
  const persona = (await server.services.personas.list()).find((item) => item.name === "Aria")!;
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
