/**
 * Profiling aid for `memory.search` (not a benchmark: `deno task bench:memory` is): opens a data
 * directory left by `bench:memory --keep DIR` in this process, times the first search (index
 * load), then runs searches at the service; run it under `--cpu-prof` and read the profile with
 * `profile_top.ts`.
 *
 *   deno run -A --cpu-prof --cpu-prof-dir=/tmp/prof tests/bench/_memory_profile.ts DIR/10000 [--searches 500] [--first]
 *
 * `--first` stops after the first search (a profile of the start alone).
 *
 * @module
 */
import { startStillServer } from "./_memory_data.ts";
import { DatabaseSync } from "node:sqlite";
import { numberFlag } from "./_load.ts";

const dataDir = Deno.args[0];
if (!dataDir) throw new Error("usage: _memory_profile.ts DATA_DIR [--searches N] [--first]");
const searches = numberFlag(Deno.args, "searches", 500);
/** Stored contents the queries draw their words from (read before the server opens the file). */
const texts = (() => {
  const db = new DatabaseSync(`${dataDir}/persona.db`, { readOnly: true });
  try {
    return db.prepare("SELECT content FROM memories WHERE seq % 97 = 1 LIMIT 1000").all()
      .map((row) => String(row.content));
  } finally {
    db.close();
  }
})();
const started = performance.now();
const server = await startStillServer(dataDir);
try {
  const persona = (await server.services.personas.list()).find((item) => item.name === "Aria")!;
  const listening = performance.now() - started;
  const query = (i: number) => {
    // 2-4 words of a stored memory: as in `bench:memory`, common words are common in queries.
    const words = texts[i % texts.length]!.split(" ");
    return Array.from({ length: 2 + (i % 3) }, (_, j) => words[(i + j * 5) % words.length]).join(
      " ",
    );
  };
  let at = performance.now();
  await server.services.memory.search(persona, {
    query: query(0),
    n_results: 5,
    min_importance: 0,
  });
  const first = performance.now() - at;
  const times: number[] = [];
  if (!Deno.args.includes("--first")) {
    for (let i = 1; i <= searches; i++) {
      at = performance.now();
      await server.services.memory.search(persona, {
        query: query(i),
        n_results: 5,
        min_importance: 0,
      });
      times.push(performance.now() - at);
    }
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({
    listening: Math.round(listening),
    first: Math.round(first),
    median: times[times.length >> 1],
  }));
} finally {
  await server.shutdown();
}
