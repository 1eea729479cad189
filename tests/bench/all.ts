/**
 * Every benchmark, briefly, in one table (`deno task bench:all`): the WebSocket load against a
 * bare echo, the chat overhead at 1 and 32 sessions with the server's CPU per chat, a short
 * `memory.search` run, the simulation's turns, many idle sockets beside an active load, and the
 * first start on an empty cache.
 *
 *   deno task bench:all [--baseline REF] [--seconds 6] [--rounds 2] [--runs 1] [--skip start,sockets]
 *
 * With `--baseline REF` (a commit, branch or tag), that commit is exported to a temporary folder
 * (`git archive`, nothing in this checkout changes) and every benchmark runs against both
 * checkouts in the same run, in alternating rounds; the last column is how many times better
 * this checkout is (above 1: better, below 1: a regression). With `--runs N` every benchmark
 * runs N times and each figure is the median of its N values. The machine's load average is
 * printed with the table: on a shared machine compare the columns, not runs.
 *
 * @module
 */
import { numberFlag, stringFlag } from "./_load.ts";
import { loadAverage, medianMetrics, type Metric, metricTable, type Tree } from "./_table.ts";
import { webSocketLoads, webSocketMetrics } from "./ws_load.ts";
import { chatMetrics, chatOverheads } from "./chat_overhead.ts";
import { memorySearchMetrics } from "./memory_ws.ts";
import { firstStart } from "./first_start.ts";
import { idleSocketMetrics } from "./idle_sockets.ts";

const REPO = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** Exports commit `ref` of this repository into a new temporary folder. */
async function exportCommit(ref: string): Promise<string> {
  const folder = await Deno.makeTempDir({ prefix: "persona-baseline-" });
  const archive = new Deno.Command("git", {
    args: ["-C", REPO, "archive", "--format=tar", ref],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const extract = new Deno.Command("tar", { args: ["-x", "-C", folder], stdin: "piped" }).spawn();
  await archive.stdout.pipeTo(extract.stdin);
  const [archived, extracted] = await Promise.all([archive.output(), extract.status]);
  if (!archived.success || !extracted.success) {
    throw new Error(`cannot export ${ref}: ${new TextDecoder().decode(archived.stderr)}`);
  }
  return folder;
}

/** Runs the simulation benchmark of this checkout against `tree`'s code; one JSON line. */
async function simulationTurns(tree: Tree, turns: number): Promise<Record<string, number>> {
  const { stdout, stderr, success } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-net",
      "--allow-sys",
      `${REPO}/tests/bench/sim_turns.ts`,
      "--tree",
      tree.path,
      "--turns",
      String(turns),
      "--only",
      "server",
      "--json",
    ],
    cwd: tree.path,
  }).output();
  const text = new TextDecoder().decode(stdout).trim().split("\n").at(-1) ?? "";
  if (!success) throw new Error(`simulation failed: ${new TextDecoder().decode(stderr)}`);
  return JSON.parse(text);
}

async function simulationMetrics(trees: readonly Tree[], rounds: number): Promise<Metric[]> {
  const results = new Map<Tree["label"], Record<string, number>[]>();
  for (let round = 0; round < rounds; round++) {
    for (const tree of round % 2 ? [...trees].reverse() : trees) {
      results.set(tree.label, [...results.get(tree.label) ?? [], await simulationTurns(tree, 300)]);
    }
  }
  const sum = (label: Tree["label"], field: string) =>
    (results.get(label) ?? []).reduce((total, run) => total + (run[field] ?? 0), 0);
  const metric = (name: string, unit: string, value: (label: Tree["label"]) => number): Metric => ({
    benchmark: "simulation over WebSocket, scripted model",
    name,
    unit,
    better: "higher",
    values: Object.fromEntries(trees.map((tree) => [tree.label, value(tree.label)])),
  });
  return [
    metric("turns/s", "", (label) => sum(label, "turns") / sum(label, "seconds")),
    metric("turns per CPU second", "", (label) => sum(label, "turns") / sum(label, "cpuSeconds")),
  ];
}

async function firstStartMetrics(trees: readonly Tree[]): Promise<Metric[]> {
  const results = new Map<Tree["label"], Awaited<ReturnType<typeof firstStart>>>();
  for (const tree of trees) results.set(tree.label, await firstStart(tree.path));
  const metric = (
    name: string,
    unit: string,
    pick: (r: Awaited<ReturnType<typeof firstStart>>) => number,
  ): Metric => ({
    benchmark: "first deno task start, empty DENO_DIR",
    name,
    unit,
    better: "lower",
    values: Object.fromEntries([...results].map(([label, result]) => [label, pick(result)])),
  });
  return [
    metric("downloaded", "MB", (r) => r.downloadBytes / 1e6),
    metric("cache size", "MB", (r) => r.cacheBytes / 1e6),
    metric("time to READY", "s", (r) => r.readySeconds),
    metric("CPU to READY", "s", (r) => r.cpuSeconds),
  ];
}

if (import.meta.main) {
  const seconds = numberFlag(Deno.args, "seconds", 6);
  const rounds = numberFlag(Deno.args, "rounds", 2);
  const runs = numberFlag(Deno.args, "runs", 1);
  const skip = new Set((stringFlag(Deno.args, "skip") ?? "").split(",").filter(Boolean));
  const baselineRef = stringFlag(Deno.args, "baseline");
  const trees: Tree[] = [{ label: "now", path: REPO }];
  if (baselineRef) trees.push({ label: "baseline", path: await exportCommit(baselineRef) });
  console.error(`load average before: ${loadAverage()}`);
  const probes: [string, () => Promise<Metric[]>][] = [
    ["ws", async () =>
      webSocketMetrics(
        await webSocketLoads({ trees, connections: 64, seconds, rounds }),
        trees,
      )],
    ["chat", async () => {
      const options = { trees, sessions: [1, 32], firstTokenMs: 50 };
      const chatRuns = await chatOverheads({
        ...options,
        providers: ["ollama"],
        chats: 10,
        rounds,
      });
      return chatMetrics(chatRuns, options);
    }],
    ["memory", () => memorySearchMetrics({ trees, size: 2000, queries: 200, rounds })],
    ["sim", () => simulationMetrics(trees, rounds)],
    ["sockets", () => idleSocketMetrics({ trees, idle: 2000, active: 64, seconds })],
    ["start", () => firstStartMetrics(trees)],
  ];
  const runMetrics: Metric[][] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const metrics: Metric[] = [];
      for (const [name, probe] of probes) {
        if (skip.has(name)) continue;
        console.error(`run ${run + 1}/${runs}: ${name} (load ${loadAverage()})`);
        try {
          metrics.push(...await probe());
        } catch (error) {
          console.error(`${name} failed: ${(error as Error).message}`);
        }
      }
      runMetrics.push(metrics);
      if (runs > 1) console.error(metricTable(metrics, baselineRef !== undefined));
    }
  } finally {
    if (baselineRef) await Deno.remove(trees[1]!.path, { recursive: true }).catch(() => {});
  }
  const metrics = medianMetrics(runMetrics);
  console.log(
    `${Deno.build.target}, ${navigator.hardwareConcurrency} cores, load average ${loadAverage()}` +
      (baselineRef ? `, baseline ${baselineRef}` : "") +
      (runs > 1 ? `, median of ${runs} runs` : ""),
  );
  console.log(metricTable(metrics, baselineRef !== undefined));
}
