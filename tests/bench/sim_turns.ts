/**
 * Turns per second and time per turn of persona-to-persona conversations with the scripted
 * model (`deno task bench:sim`), among the five personas of the sample scenario, on real SQLite
 * files:
 *   1. the chatroom simulation (in process): its whole tick loop, and the engine's time per
 *      `conversation.turn` inside it; once as `deno task sim` runs it and once cancellable, as
 *      the server's `simulation.start` runs it (it yields to the event loop between ticks);
 *   2. the server over a real WebSocket: `conversation.turn` round trips, one after the other,
 *      each conversation run to its end, then the next pair (the clock jumps two hours between
 *      conversations, so cooldowns and energy never hold the benchmark up).
 *
 * Besides wall time, each run reports the CPU seconds the process spent (user + system), so that
 * turns per CPU second can be compared on a machine shared with other work.
 *
 *   deno task bench:sim [--turns 1000] [--tree PATH] [--json]
 *   deno task bench:sim --base PATH [--rounds 5] [--turns 1000]
 *
 * `--tree PATH` runs another checkout's code (a baseline; its modules are imported by path);
 * `--json` prints one JSON line per run instead of the table (for `deno task bench:all`).
 * `--base PATH` compares this checkout with another side by side in one process: the
 * in-process loop (as `simulation.start` runs it) of each, alternately, `--rounds` times after
 * one warm-up each, then the medians and their ratio (turns per CPU second is the steadier
 * figure on a shared machine).
 *
 * @module
 */
import { numberFlag, stringFlag } from "./_load.ts";
import { startSimServer } from "./_sim_server.ts";
import process from "node:process";

const turns = numberFlag(Deno.args, "turns", 1000);
const tree = stringFlag(Deno.args, "tree") ?? new URL("../..", import.meta.url).pathname;
const fixed = (value: number, digits = 3) => value.toFixed(digits);

// By path, so that a baseline checkout runs its own code (the types are this checkout's).
const { percentile, runSimulation }: typeof import("../../core/simulation/mod.ts") = await import(
  `${tree}/core/simulation/mod.ts`
);
const { testLogger }: typeof import("../_helpers.ts") = await import(`${tree}/tests/_helpers.ts`);
const { sampleScenario }: typeof import("../_simulation.ts") = await import(
  `${tree}/tests/_simulation.ts`
);

/** CPU seconds this process has used. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** The scenario both checkouts run: every tick may start a conversation, until `turns`. */
function scenarioOptions() {
  return {
    ticks: 1_000_000,
    max_turns: turns,
    start_chance: 1,
    max_concurrent: 2,
    group_size: { min: 2, max: 3 },
  };
}

async function simulationRun(options: { cancellable?: boolean } = {}) {
  const scenario = sampleScenario(scenarioOptions());
  const cpuStarted = cpuNow();
  const report = await runSimulation(scenario, {
    env: { ENV_FILE: "/nonexistent" },
    dotenv: "",
    log: testLogger(),
    signal: options.cancellable ? new AbortController().signal : undefined,
  });
  return {
    label: options.cancellable
      ? "simulation loop, cancellable (as simulation.start)"
      : "simulation loop (in process)",
    cpuSeconds: cpuNow() - cpuStarted,
    turns: report.summary.turns,
    conversations: report.summary.conversations,
    ticks: String(report.summary.ticks_run),
    seconds: report.run.wall_ms / 1000,
    p50: report.run.turn_ms.p50,
    p99: report.run.turn_ms.p99,
  };
}

async function serverRun() {
  const sim = await startSimServer(tree);
  try {
    const samples: number[] = [];
    const started = performance.now();
    const cpuStarted = cpuNow();
    const conversations = await sim.converse(turns, ({ ms }) => samples.push(ms));
    const seconds = (performance.now() - started) / 1000;
    return {
      label: "server over WebSocket",
      cpuSeconds: cpuNow() - cpuStarted,
      turns: samples.length,
      conversations,
      ticks: "–",
      seconds,
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
    };
  } finally {
    await sim.close();
  }
}

const base = stringFlag(Deno.args, "base");
if (base !== undefined) {
  await compareWith(base, numberFlag(Deno.args, "rounds", 5));
  Deno.exit(0);
}

/** This checkout's loop and `basePath`'s, alternately, with medians and ratios. */
async function compareWith(basePath: string, rounds: number) {
  const theirs: typeof import("../../core/simulation/mod.ts") = await import(
    `${basePath}/core/simulation/mod.ts`
  );
  const theirScenario: typeof import("../_simulation.ts") = await import(
    `${basePath}/tests/_simulation.ts`
  );
  const theirLogger: typeof import("../_helpers.ts") = await import(
    `${basePath}/tests/_helpers.ts`
  );
  const trees = [
    { name: "this checkout", run: () => simulationRun({ cancellable: true }) },
    {
      name: basePath,
      run: async () => {
        const scenario = theirScenario.sampleScenario(scenarioOptions());
        const cpuStarted = cpuNow();
        const report = await theirs.runSimulation(scenario, {
          env: { ENV_FILE: "/nonexistent" },
          dotenv: "",
          log: theirLogger.testLogger(),
          signal: new AbortController().signal,
        });
        return {
          cpuSeconds: cpuNow() - cpuStarted,
          turns: report.summary.turns,
          seconds: report.run.wall_ms / 1000,
        };
      },
    },
  ];
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  for (const tree of trees) await tree.run(); // warm-up: JIT and statement caches
  const figures = trees.map(() => ({ perSecond: [] as number[], perCpuSecond: [] as number[] }));
  console.log(`${turns} turns, loop as simulation.start runs it, ${rounds} alternating rounds`);
  console.log("| round | checkout | turns/s | turns per CPU s |");
  console.log("| ---: | --- | ---: | ---: |");
  for (let round = 1; round <= rounds; round++) {
    for (const [i, tree] of trees.entries()) {
      const r = await tree.run();
      figures[i]!.perSecond.push(r.turns / r.seconds);
      figures[i]!.perCpuSecond.push(r.turns / r.cpuSeconds);
      console.log(
        `| ${round} | ${tree.name} | ${Math.round(r.turns / r.seconds)} | ` +
          `${Math.round(r.turns / r.cpuSeconds)} |`,
      );
    }
  }
  const [ours, theirFigures] = figures.map((f) => ({
    perSecond: median(f.perSecond),
    perCpuSecond: median(f.perCpuSecond),
  }));
  console.log(
    `medians: this checkout ${Math.round(ours!.perSecond)} turns/s, ` +
      `${Math.round(ours!.perCpuSecond)} per CPU s; ${basePath} ` +
      `${Math.round(theirFigures!.perSecond)} turns/s, ${Math.round(theirFigures!.perCpuSecond)} ` +
      `per CPU s; ratio ${fixed(ours!.perSecond / theirFigures!.perSecond, 2)} × wall, ` +
      `${fixed(ours!.perCpuSecond / theirFigures!.perCpuSecond, 2)} × CPU`,
  );
}

const json = Deno.args.includes("--json");
const only = stringFlag(Deno.args, "only");
const cancellableRun = () => simulationRun({ cancellable: true });
const runs = [simulationRun, cancellableRun, serverRun].filter((run) =>
  only === undefined || (only === "server") === (run === serverRun)
);
if (!json) {
  console.log(`${turns} turns among 5 personas, scripted model, ${Deno.build.target}`);
  console.log(
    "| run | turns | conversations | ticks | seconds | turns/s | turns per CPU s | per turn p50 ms | p99 ms |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
}
for (const run of runs) {
  await run(); // warm-up: the first run pays for JIT compilation and SQLite statement caches
  const r = await run();
  const perSecond = Math.round(r.turns / r.seconds);
  const perCpuSecond = Math.round(r.turns / r.cpuSeconds);
  if (json) console.log(JSON.stringify({ ...r, perSecond, perCpuSecond }));
  else {
    console.log(
      `| ${r.label} | ${r.turns} | ${r.conversations} | ${r.ticks} | ${fixed(r.seconds, 2)} | ` +
        `${perSecond} | ${perCpuSecond} | ${fixed(r.p50)} | ${fixed(r.p99)} |`,
    );
  }
}
