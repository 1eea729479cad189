/**
 * CPU per stored memory (`memory.store` at the service, as a chat's exchange memory is stored):
 * a real SQLite file, the local embedder, the persona's indexes loaded (a search first, as after
 * the server's warm-up), then `--stores` exchange-shaped memories stored one after another.
 * Prints µs of CPU per store (user + system: the process, and its main thread alone) and of wall
 * time.
 *
 *   deno run -A tests/bench/store_cost.ts [--stores 3000] [--prefill 2000]
 *   deno run -A tests/bench/store_cost.ts --base /tmp/base [--rounds 3]
 *
 * `--base PATH` compares this checkout with another side by side in one process, alternately,
 * `--rounds` times after one warm-up each, then the medians and their ratio. Run it under
 * `--cpu-prof` (without `--base`) and read the profile with `profile_top.ts`.
 *
 * @module
 */
import process from "node:process";
import { numberFlag, stringFlag } from "./_load.ts";
import { loadAverage } from "./_table.ts";
import { serverSqliteFixture } from "./_tree_backends.ts";

const stores = numberFlag(Deno.args, "stores", 3000);
const prefill = numberFlag(Deno.args, "prefill", 2000);
const rounds = numberFlag(Deno.args, "rounds", 3);
const base = stringFlag(Deno.args, "base");
const here = new URL("../..", import.meta.url).pathname;

const sentences = Deno.readTextFileSync(new URL("./recall/distractors.txt", import.meta.url))
  .split("\n").filter((line) => line.trim() !== "");

/** A deterministic exchange text: a user's line and a longer reply, as chat stores them. */
function exchange(i: number): string {
  const pick = (k: number) => sentences[(i * 7919 + k * 104_729) % sentences.length]!;
  return `User said: ${pick(0)}\nAria replied: ${pick(1)} ${pick(2)}`;
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** CPU µs of this (the main) thread alone: without the WAL checkpointer's worker. */
function mainThreadMicros(): number {
  const fields = Deno.readTextFileSync("/proc/thread-self/stat").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

interface StoreRun {
  cpuPerStore: number;
  mainPerStore: number;
  wallPerStore: number;
}

/** One run of `tree`'s code: µs of CPU and wall time per store. */
async function run(tree: string): Promise<StoreRun> {
  const { fixture, input, close } = await serverSqliteFixture(tree, "store_cost_");
  try {
    const inputs = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => input({ content: exchange(from + i) }));
    for (let i = 0; i < prefill; i += 500) {
      await fixture.memory.storeMany(fixture.aria, inputs(i, Math.min(500, prefill - i)));
    }
    await fixture.memory.search(fixture.aria, {
      query: "croissants bakery",
      n_results: 5,
      min_importance: 0,
    });
    const batch = inputs(prefill, stores);
    const cpu = cpuMicros();
    const main = mainThreadMicros();
    const wall = performance.now();
    for (const item of batch) await fixture.memory.store(fixture.aria, item);
    return {
      cpuPerStore: (cpuMicros() - cpu) / stores,
      mainPerStore: (mainThreadMicros() - main) / stores,
      wallPerStore: (performance.now() - wall) * 1000 / stores,
    };
  } finally {
    await close();
  }
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[values.length >> 1]!;
const show = (label: string, runs: StoreRun[]) =>
  `${label.padEnd(6)} cpu µs/store ${median(runs.map((r) => r.cpuPerStore)).toFixed(1)} ` +
  `(${runs.map((r) => r.cpuPerStore.toFixed(1)).join(" ")})  main thread ${
    median(runs.map((r) => r.mainPerStore)).toFixed(1)
  }  wall ${median(runs.map((r) => r.wallPerStore)).toFixed(1)}`;

console.log(`${stores} stores after ${prefill}; load ${loadAverage()}`);
if (!base) {
  console.log(show("this", [await run(here)]));
} else {
  await run(base);
  await run(here);
  const baseRuns: StoreRun[] = [];
  const newRuns: StoreRun[] = [];
  for (let round = 0; round < rounds; round++) {
    baseRuns.push(await run(base));
    newRuns.push(await run(here));
  }
  console.log(show("base", baseRuns));
  console.log(show("new", newRuns));
  const ratio = median(newRuns.map((r) => r.cpuPerStore)) /
    median(baseRuns.map((r) => r.cpuPerStore));
  const mainRatio = median(newRuns.map((r) => r.mainPerStore)) /
    median(baseRuns.map((r) => r.mainPerStore));
  console.log(
    `new/base: cpu ${ratio.toFixed(3)}, main thread ${mainRatio.toFixed(3)}; load ${loadAverage()}`,
  );
}
