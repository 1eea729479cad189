/**
 * A started server's resident memory (perf32): the time to READY (from the process's spawn, with
 * the preload below), RSS, JS heap and external memory after a full GC,
 * right after READY and once the word vectors and WordNet's relations have loaded (the warm-up
 * loads them after READY; `--settle` seconds later), for this tree and `--base`, alternately,
 * `--runs` each. What the shipped meaning data costs a server before it holds any socket.
 *
 *   deno run -A tests/bench/_server_memory.ts [--base /tmp/base29] [--runs 3] [--settle 6]
 *
 * @module
 */
import { spawnBenchServer } from "./_load.ts";
import { loadAverage } from "./_table.ts";

const flag = (name: string, fallback: string) => {
  const at = Deno.args.indexOf(name);
  return at >= 0 ? Deno.args[at + 1]! : fallback;
};
const tree = flag("--tree", new URL("../..", import.meta.url).pathname.replace(/\/$/, ""));
const base = flag("--base", "");
const runs = Number(flag("--runs", "3"));
const settle = Number(flag("--settle", "6"));
const preload = new URL("./_memory_preload.ts", import.meta.url).pathname;

interface Usage {
  rss: number;
  heapUsed: number;
  external: number;
}

/** The server's memory as its preload prints it on SIGUSR2 (read from its stderr). */
async function usageOf(server: { pid: number; stderrText: () => string }): Promise<Usage> {
  const seen = server.stderrText().length;
  Deno.kill(server.pid, "SIGUSR2");
  for (let waited = 0; waited < 100; waited++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const match = /MEMORY (\{.*\})/.exec(server.stderrText().slice(seen));
    if (match) return JSON.parse(match[1]!);
  }
  throw new Error("no MEMORY line from the server");
}

async function measure(dir: string): Promise<[Usage, Usage, number]> {
  let text = "";
  const original = console.error;
  // `spawnBenchServer` shows what the server writes after READY with `console.error`.
  console.error = (...parts: unknown[]) => void (text += parts.join(" ") + "\n");
  const started = performance.now();
  const server = await spawnBenchServer({
    tree: dir,
    flags: ["--preload", preload, "--v8-flags=--expose-gc"],
  });
  const readyMs = performance.now() - started;
  try {
    const probe = { pid: server.pid, stderrText: () => text };
    const ready = await usageOf(probe);
    await new Promise((resolve) => setTimeout(resolve, settle * 1000));
    return [ready, await usageOf(probe), readyMs];
  } finally {
    await server.stop();
    console.error = original;
  }
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
const show = (usage: Usage) =>
  `RSS ${mb(usage.rss)} heap ${mb(usage.heapUsed)} external ${mb(usage.external)}`;
console.log(`load average ${loadAverage()}`);
for (let run = 0; run < runs; run++) {
  for (const [name, dir] of base ? [["tree", tree], ["base", base]] : [["tree", tree]]) {
    const [ready, loaded, readyMs] = await measure(dir!);
    console.log(
      `${name} run ${run + 1}: READY after ${readyMs.toFixed(0)} ms: ${show(ready)} | loaded ${
        show(loaded)
      }`,
    );
  }
}
console.log(`load average ${loadAverage()}`);
