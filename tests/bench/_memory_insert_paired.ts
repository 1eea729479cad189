/**
 * `bench:memory`'s own flow for two checkouts in ONE process, query by query (a diagnostic for a
 * loaded machine, as `_memory_paired.ts` is for a kept data directory): each tree starts a still
 * server on an empty data directory, stores the same memories with `storeMany` (the Zipf sentences
 * of `bench:memory`), connects a WebSocket client, searches 20 queries to warm up, then each
 * query is searched over both sockets, the order alternating, each timed in main-thread CPU (the
 * client's side included, alike for both). A kept data directory reopened by a new process starts
 * with no row kept and its warm-up done; this flow is the one `bench:memory` measures: rows kept
 * at their insert, no idle time, every text new to the search memos (perf49).
 *
 *   deno run -A tests/bench/_memory_insert_paired.ts --base PATH [--tree PATH] [--size 10000] [--queries 200]
 *
 * Prints each side's mean and median CPU per search, its median wall time, and the ratios.
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { threadClock } from "./_thread_clock.ts";
import { benchSentences, plainMemory } from "./_memory_sentences.ts";

const args = Deno.args;
const base = stringFlag(args, "base");
if (!base) {
  throw new Error(
    "usage: _memory_insert_paired.ts --base PATH [--tree PATH] [--size N] [--queries N]",
  );
}
const tree = stringFlag(args, "tree") ??
  new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const size = numberFlag(args, "size", 10_000);
const queries = numberFlag(args, "queries", 200);
const { memories, texts } = benchSentences({ size, queries });

interface Side {
  search(query: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * A server of the checkout at `path` holding the memories, and a function that connects its
 * client: connected only once both sides have stored theirs, since a socket left idle through the
 * other side's bulk insert (long on a loaded machine) outlasts the server's ping timeout and its
 * next call never gets an answer.
 */
async function open(path: string): Promise<() => Promise<Side>> {
  const { RpcClient } = await import(`${path}/tests/_helpers.ts`);
  const { startStillServer } = await import(`${path}/tests/bench/_memory_data.ts`);
  const dir = await Deno.makeTempDir({ prefix: "persona-insert-paired-" });
  const server = await startStillServer(dir);
  const first = await RpcClient.connect(server.wsUrl);
  const { persona_id } = await first.call("persona.switch", { persona_id: "Aria" });
  const persona = await server.services.personas.get(persona_id);
  await first.close();
  for (let done = 0; done < memories.length; done += 1000) {
    const batch = memories.slice(done, done + 1000).map(plainMemory);
    await server.services.memory.storeMany(persona, batch);
  }
  return async () => {
    const client = await RpcClient.connect(server.wsUrl);
    await client.call("persona.switch", { persona_id: "Aria" });
    return {
      search: (query) => client.call("memory.search", { query, n_results: 5 }),
      close: async () => {
        await client.close();
        await server.shutdown();
        await Deno.remove(dir, { recursive: true });
      },
    };
  };
}

const clock = threadClock();
const stored = [await open(tree), await open(base)];
const sides: Side[] = [];
for (const connect of stored) sides.push(await connect());
const cpu: number[][] = [[], []];
const wall: number[][] = [[], []];
try {
  // As `bench:memory`: a first search, then 20 to warm up (not measured).
  for (const side of sides) {
    for (const query of [texts[0]!, ...texts.slice(0, 20)]) await side.search(query);
  }
  for (let i = 0; i < texts.length; i++) {
    for (const at of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const started = performance.now();
      const start = clock();
      await sides[at]!.search(texts[i]!);
      cpu[at]!.push(clock() - start);
      wall[at]!.push(performance.now() - started);
    }
  }
} finally {
  for (const side of sides) await side.close();
}
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
const [own, other] = cpu as [number[], number[]];
const load = Deno.loadavg().map((value) => value.toFixed(2)).join(" ");
console.log(
  `${texts.length} searches each after storing ${size}, load ${load}: main-thread CPU per search, ` +
    `tree mean ${(mean(own) * 1000).toFixed(0)} / median ${(median(own) * 1000).toFixed(0)} µs, ` +
    `base ${(mean(other) * 1000).toFixed(0)} / ${(median(other) * 1000).toFixed(0)} µs; ratio ${
      (mean(own) / mean(other)).toFixed(3)
    }× / ${(median(own) / median(other)).toFixed(3)}×; wall median ${
      median(wall[0]!).toFixed(2)
    } / ${median(wall[1]!).toFixed(2)} ms`,
);
