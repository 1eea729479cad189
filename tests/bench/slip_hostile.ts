/**
 * The store vocabulary's slip lookup (`core/memory/store_vocabulary.ts`) on a hostile store, two
 * checkouts side by side in ONE process (session 34, perf43; the case of attack34's slip keys
 * script and fix143's report): each tree's still server gets `--memories` memories of ~10,000
 * characters of distinct made-up words of `--letters` letters, all starting with "q" (one first
 * letter: every query word scans them all), then both answer the same searches of 8 fresh
 * made-up "q" words, the order alternating. Prints each tree's first search (the vocabulary
 * built) and the median of the later ones, in wall time and main-thread CPU, with the load.
 *
 *   deno run -A tests/bench/slip_hostile.ts --base PATH [--tree PATH] [--memories 100]
 *     [--letters 24] [--searches 9]
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { threadClock } from "./_thread_clock.ts";
import { plainMemory } from "./_memory_sentences.ts";

const args = Deno.args;
const base = stringFlag(args, "base");
if (!base) throw new Error("usage: slip_hostile.ts --base PATH [--tree PATH] [--memories N] ...");
const tree = stringFlag(args, "tree") ??
  new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const memories = numberFlag(args, "memories", 100);
const letters = numberFlag(args, "letters", 24);
const searches = numberFlag(args, "searches", 9);

/** A seeded generator (mulberry32), so both trees store and ask the same words. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(34);
const word = () => {
  let made = "q";
  for (let i = 1; i < letters; i++) made += String.fromCharCode(97 + Math.floor(random() * 26));
  return made;
};
const text = () => {
  const parts: string[] = [];
  for (let length = 0; length + letters + 1 <= 9_990; length += letters + 1) parts.push(word());
  return parts.join(" ");
};
const contents = Array.from({ length: memories }, text);
const queries = Array.from(
  { length: searches },
  () => Array.from({ length: 8 }, word).join(" "),
);

type Search = (text: string) => Promise<unknown>;

async function open(path: string): Promise<{ search: Search; close: () => Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: "persona-slip-hostile-" });
  const { startStillServer } = await import(`${path}/tests/bench/_memory_data.ts`);
  const server = await startStillServer(dir);
  const persona = (await server.services.personas.list())
    .find((item: { name: string }) => item.name === "Aria");
  await server.services.memory.storeMany(
    persona,
    contents.map(plainMemory),
  );
  return {
    search: (query) =>
      server.services.memory.search(persona, { query, n_results: 10, min_importance: 0 }),
    close: async () => {
      await server.shutdown();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

const clock = threadClock();
const sides = [await open(tree), await open(base)];
const wall: number[][] = [[], []];
const cpu: number[][] = [[], []];
try {
  for (let i = 0; i < searches; i++) {
    for (const side of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const [startWall, startCpu] = [performance.now(), clock()];
      await sides[side]!.search(queries[i]!);
      wall[side]!.push(performance.now() - startWall);
      cpu[side]!.push(clock() - startCpu);
    }
  }
} finally {
  for (const side of sides) await side.close();
}
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
const load = Deno.loadavg().map((value) => value.toFixed(2)).join(" ");
console.log(
  `${memories} memories of ${letters}-letter "q" words, ${searches} searches, load ${load}`,
);
console.log("| tree | first (wall / CPU) | later: median wall | median CPU |");
console.log("| --- | ---: | ---: | ---: |");
["tree", "base"].forEach((name, side) => {
  const [first, ...later] = wall[side]!;
  const [firstCpu, ...laterCpu] = cpu[side]!;
  console.log(
    `| ${name} | ${first!.toFixed(0)} / ${firstCpu!.toFixed(0)} ms | ${
      median(later).toFixed(1)
    } ms | ${median(laterCpu).toFixed(1)} ms |`,
  );
});
