/**
 * Fresh `memory.search` calls at the service of two checkouts in ONE process, query by query
 * (a diagnostic for a loaded machine: load that comes and goes falls on both alike). Each tree
 * starts its still server on its own copy of a data directory left by `bench:memory --keep DIR`;
 * then each query (new to both) is searched by both, the order alternating, each timed in
 * main-thread CPU. Prints the mean CPU per search of each and their ratio. Pass a copy of one
 * tree as both for an A/A run (the same path twice would share its modules' memos).
 *
 *   deno run -A tests/bench/_memory_paired.ts DIR/10000 --base PATH [--tree PATH] [--searches 600]
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { storedQueries } from "./_memory_data.ts";
import { threadClock } from "./_thread_clock.ts";

const args = Deno.args;
const dataDir = args[0];
const base = stringFlag(args, "base");
if (!dataDir || !base) {
  throw new Error("usage: _memory_paired.ts DATA_DIR --base PATH [--tree PATH] [--searches N]");
}
const tree = stringFlag(args, "tree") ??
  new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const searches = numberFlag(args, "searches", 600);
const query = storedQueries(dataDir);

type Search = (text: string) => Promise<unknown>;

async function open(path: string): Promise<{ search: Search; close: () => Promise<void> }> {
  const copy = await Deno.makeTempDir({ prefix: "persona-paired-" });
  await Deno.copyFile(`${dataDir}/persona.db`, `${copy}/persona.db`);
  const { startStillServer } = await import(`${path}/tests/bench/_memory_data.ts`);
  const server = await startStillServer(copy);
  const persona = (await server.services.personas.list())
    .find((item: { name: string }) => item.name === "Aria");
  const search: Search = (text) =>
    server.services.memory.search(persona, { query: text, n_results: 5, min_importance: 0 });
  await search("warm up the index");
  return {
    search,
    close: async () => {
      await server.shutdown();
      await Deno.remove(copy, { recursive: true });
    },
  };
}

const clock = threadClock();
const sides = [await open(tree), await open(base)];
const spent: number[][] = [[], []];
try {
  for (let i = 0; i < searches; i++) {
    const text = query(i);
    for (const side of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const start = clock();
      await sides[side]!.search(text);
      spent[side]!.push(clock() - start);
    }
  }
} finally {
  for (const side of sides) await side.close();
}
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
const [own, other] = spent as [number[], number[]];
const load = Deno.loadavg().map((value) => value.toFixed(2)).join(" ");
console.log(
  `${searches} fresh searches each, load ${load}: main-thread CPU per search, tree mean ${
    (mean(own) * 1000).toFixed(0)
  } / median ${(median(own) * 1000).toFixed(0)} µs, base ${(mean(other) * 1000).toFixed(0)} / ${
    (median(other) * 1000).toFixed(0)
  } µs; ratio ${(mean(own) / mean(other)).toFixed(3)}× / ${
    (median(own) / median(other)).toFixed(3)
  }×`,
);
