/**
 * The first searches after a start, side by side with another checkout (a diagnostic, not a
 * benchmark: `deno task bench:memory` is). On a data directory left by `bench:memory --keep DIR`,
 * each round starts a fresh server process per checkout, waits for its warm-up
 * (`MemoryService.warm`: indexes loaded, then, where the checkout does it, memories prepared,
 * `memory_prep.ts`), then times `--searches` fresh queries over the WebSocket, then as many
 * others at the service. Every memory a search touches is prepared by that search unless the
 * warm-up did it.
 *
 *   deno run -A tests/bench/_memory_first.ts DIR/10000 --base /tmp/base [--rounds 3]
 *
 * `--base` is another checkout holding this file (copy it there). Medians per search: wall ms,
 * and ms of process CPU (client and server are one process); the warm-up's own time.
 *
 * @module
 */
import process from "node:process";
import { startOnData, storedQueries } from "./_memory_data.ts";
import { numberFlag, percentile } from "./_load.ts";

const dataDir = Deno.args[0];
if (!dataDir) throw new Error("usage: _memory_first.ts DATA_DIR --base DIR [--rounds N]");
const searches = numberFlag(Deno.args, "searches", 200);

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

async function child() {
  const query = storedQueries(dataDir!);
  const { server, client, persona } = await startOnData(dataDir!);
  try {
    const start = performance.now();
    await server.services.memory.warm();
    const warmMs = performance.now() - start;
    (globalThis as { gc?: () => void }).gc?.();
    const heapMb = Deno.memoryUsage().heapUsed / 1e6;
    const time = async (call: (i: number) => Promise<unknown>, offset: number) => {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < searches; i++) {
        const [start, startCpu] = [performance.now(), cpuMs()];
        await call(offset + i);
        wall.push(performance.now() - start);
        cpu.push(cpuMs() - startCpu);
      }
      return { wall: median(wall), cpu: median(cpu), first: wall[0]! };
    };
    const ws = await time(
      (i) => client.call("memory.search", { query: query(i), n_results: 5 }),
      0,
    );
    const service = await time(
      (i) =>
        server.services.memory.search(persona, {
          query: query(i),
          n_results: 5,
          min_importance: 0,
        }),
      10_000,
    );
    return { warmMs, heapMb, ws, service };
  } finally {
    await client.close();
    await server.shutdown();
  }
}

if (Deno.args.includes("--child")) {
  console.log(JSON.stringify(await child()));
  Deno.exit(0);
}

const base = Deno.args[Deno.args.indexOf("--base") + 1];
if (!Deno.args.includes("--base") || !base) throw new Error("--base DIR is required");
const rounds = numberFlag(Deno.args, "rounds", 3);
const here = new URL("../..", import.meta.url).pathname;
const trees = { base, head: here } as const;
const results = { base: [], head: [] } as Record<
  "base" | "head",
  Array<Awaited<ReturnType<typeof child>>>
>;
for (let round = 0; round < rounds; round++) {
  for (const side of round % 2 ? ["head", "base"] as const : ["base", "head"] as const) {
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        `${trees[side]}/tests/bench/_memory_first.ts`,
        dataDir,
        "--child",
        "--searches",
        `${searches}`,
      ],
      cwd: trees[side],
      stderr: "inherit",
    }).output();
    results[side].push(
      JSON.parse(new TextDecoder().decode(output.stdout).trim().split("\n").at(-1)!),
    );
  }
}
console.log(`${searches} fresh queries per side after the warm-up; medians over ${rounds} rounds`);
console.log(
  "| side | warm-up ms | heap MB | WS wall | WS CPU | service wall | service CPU | first WS |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const side of ["base", "head"] as const) {
  const list = results[side];
  const m = (pick: (r: (typeof list)[number]) => number) => median(list.map(pick)).toFixed(2);
  console.log(
    `| ${side} | ${m((r) => r.warmMs)} | ${m((r) => r.heapMb)} | ${m((r) => r.ws.wall)} | ${
      m((r) => r.ws.cpu)
    } | ${m((r) => r.service.wall)} | ${m((r) => r.service.cpu)} | ${m((r) => r.ws.first)} |`,
  );
}
