/**
 * SQL statements per simulated turn (`bench:sim`'s runs) on SQLite, in all and by statement:
 * every call of the connection's `all`, `get`, `run`, `insert` and `exec` (BEGIN and COMMIT
 * included) while 1,000 turns run, after a warm-up. Counts, not times: they are the same on a
 * quiet and a busy machine, so a change that saves or adds a statement shows exactly.
 *
 *   deno run -A --lock=tests/deno.lock tests/bench/sim_statements.ts [--tree PATH] [--turns 1000]
 *     [--only loop|server] [--top 25]
 *
 * `loop`: the in-process simulation as `simulation.start` runs it (groups of 2-3, the tick loop's
 * own reads included); `server`: `conversation.turn` over a real WebSocket, pair after pair.
 * `--tree PATH` counts another checkout's code (a baseline). `--time` also prints the wall time
 * of each statement per turn, largest first, with each COMMIT named by its transaction's first
 * statement (times move with the machine's load; compare them within one run).
 *
 * @module
 */
import { numberFlag, stringFlag } from "./_load.ts";
import { startSimServer } from "./_sim_server.ts";

const turns = numberFlag(Deno.args, "turns", 1000);
const top = numberFlag(Deno.args, "top", 25);
const only = stringFlag(Deno.args, "only");
const tree = stringFlag(Deno.args, "tree") ?? new URL("../..", import.meta.url).pathname;
const timing = Deno.args.includes("--time");

const { SqliteConnection }: typeof import("../../core/storage/mod.ts") = await import(
  `${tree}/core/storage/mod.ts`
);
const { runSimulation }: typeof import("../../core/simulation/mod.ts") = await import(
  `${tree}/core/simulation/mod.ts`
);
const { testLogger }: typeof import("../_helpers.ts") = await import(`${tree}/tests/_helpers.ts`);
const { sampleScenario }: typeof import("../_simulation.ts") = await import(
  `${tree}/tests/_simulation.ts`
);

const counts = new Map<string, number>();
/** Wall ms by statement (`--time`): each COMMIT under its transaction's first statement. */
const times = new Map<string, number>();
/** The first statement of the open transaction ("" right after BEGIN). */
let opening = "";
let counting = false;
type Method = "all" | "get" | "run" | "insert" | "exec";
for (const method of ["all", "get", "run", "insert", "exec"] as Method[]) {
  const original = SqliteConnection.prototype[method] as (sql: string, ...rest: never[]) => never;
  // deno-lint-ignore no-explicit-any
  (SqliteConnection.prototype as any)[method] = function (
    this: InstanceType<typeof SqliteConnection>,
    sql: string,
    ...params: never[]
  ) {
    if (counting) {
      const key = `${method}: ${sql.replace(/\s+/g, " ").slice(0, 100)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (timing) {
        const timed = sql === "COMMIT" ? `${key} (after ${opening})` : key;
        if (sql === "BEGIN IMMEDIATE") opening = "";
        else if (opening === "") opening = key.slice(0, 70);
        const start = performance.now();
        try {
          return original.call(this, sql, ...params);
        } finally {
          times.set(timed, (times.get(timed) ?? 0) + performance.now() - start);
        }
      }
    }
    return original.call(this, sql, ...params);
  };
}

/** The in-process loop (cancellable, as `bench:sim --base` runs it); the turns it took. */
async function loopTurns(count: number): Promise<number> {
  const scenario = sampleScenario({
    ticks: 1_000_000,
    max_turns: count,
    start_chance: 1,
    max_concurrent: 2,
    group_size: { min: 2, max: 3 },
  });
  const report = await runSimulation(scenario, {
    env: { ENV_FILE: "/nonexistent" },
    dotenv: "",
    log: testLogger(),
    signal: new AbortController().signal,
  });
  return report.summary.turns;
}

/** `conversation.turn` over a WebSocket; the turns it took. */
async function serverTurns(count: number): Promise<number> {
  const sim = await startSimServer(tree);
  try {
    await sim.converse(200, () => {}); // warm-up, not counted
    counting = true;
    let taken = 0;
    await sim.converse(count, () => taken++);
    return taken;
  } finally {
    counting = false;
    await sim.close();
  }
}

for (const run of ["loop", "server"].filter((name) => only === undefined || only === name)) {
  counts.clear();
  times.clear();
  if (run === "loop") {
    await loopTurns(200); // warm-up, not counted
    counting = true;
  }
  const taken = run === "loop" ? await loopTurns(turns) : await serverTurns(turns);
  counting = false;
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  console.log(`${run}: ${taken} turns, ${(total / taken).toFixed(2)} statements per turn`);
  console.log("| per turn | statement |");
  console.log("| ---: | --- |");
  for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`| ${(n / taken).toFixed(2)} | ${key.replaceAll("|", "\\|")} |`);
  }
  if (timing) {
    const total = [...times.values()].reduce((sum, ms) => sum + ms, 0);
    console.log(`\n${run}: ${(1000 * total / taken).toFixed(1)} µs of SQL per turn (wall)`);
    console.log("| µs per turn | statement |");
    console.log("| ---: | --- |");
    for (const [key, ms] of [...times].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`| ${(1000 * ms / taken).toFixed(1)} | ${key.replaceAll("|", "\\|")} |`);
    }
  }
}
