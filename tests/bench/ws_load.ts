/**
 * Load benchmark (`deno task bench`): `persona.get` over 64 WebSocket connections for a fixed
 * time against the real server (its own process), beside a bare `Deno.serve` WebSocket echo
 * measured by the same client in the same run. The ratio is the figure that counts. A `ping`
 * load shows the JSON-RPC path alone (persona.get adds its handler: the persona with its memory
 * figures, kept between writes). The loads alternate in rounds so that a noisy neighbour hurts
 * all alike. Each server is measured once it has settled (idle after its start-up work) and
 * after a short unmeasured load of each kind (its hot code compiled): the figures are the
 * steady state.
 *
 *   deno task bench [--connections 64] [--seconds 10] [--rounds 4] [--profile DIR] [--tree PATH]
 *     [--base PATH]
 *
 * `--profile DIR` writes the server's V8 CPU profile there (read it with profile_top.ts);
 * `--tree PATH` loads the server of another checkout (e.g. one exported with `git archive`)
 * instead of this one; `--base PATH` loads another checkout's server beside it, rounds
 * alternating, one echo for both (a row per tree: compare them within one run).
 *
 * @module
 */
import {
  type BenchServer,
  type LoadResult,
  type LoadSamples,
  mergeRuns,
  numberFlag,
  printResults,
  runWebSocketLoad,
  settle,
  spawnBenchServer,
  spawnHelper,
  stringFlag,
} from "./_load.ts";
import { loadAverage, type Metric, type Tree } from "./_table.ts";

/** Options of {@linkcode webSocketLoads}. */
export interface WebSocketLoadsOptions {
  /** The checkouts whose servers are loaded, in alternating rounds. */
  trees: readonly Tree[];
  connections: number;
  /** Seconds of each load, over all rounds. */
  seconds: number;
  rounds: number;
  /** Folder for the servers' CPU profiles, if wanted. */
  profileDir?: string;
}

/** Results by load: `echo`, then `<tree> persona.get` and `<tree> ping` for each tree. */
export type WebSocketResults = Map<string, LoadResult>;

/** Seconds of unmeasured load per kind that compile the server's hot code before the rounds. */
const WARM_UP_S = 1;

function personaGet(personaId: string) {
  return (n: number) =>
    JSON.stringify({
      jsonrpc: "2.0",
      method: "persona.get",
      params: { persona_id: personaId },
      id: n,
    });
}

function ping(n: number): string {
  return JSON.stringify({ jsonrpc: "2.0", method: "ping", id: n });
}

/** The echo, `persona.get` and `ping` loads, alternating, for every tree. */
export async function webSocketLoads(options: WebSocketLoadsOptions): Promise<WebSocketResults> {
  const echo = await spawnHelper(
    ["--allow-net=127.0.0.1", new URL("./echo_server.ts", import.meta.url).pathname],
    /PORT (\d+)/,
  );
  const servers: BenchServer[] = [];
  // Each server's persona.get frame; the echo gets the first one: both answer the same bytes.
  const frames: ((n: number) => string)[] = [];
  try {
    for (const tree of options.trees) {
      const server = await spawnBenchServer({ tree: tree.path, profileDir: options.profileDir });
      servers.push(server);
      const { personas } = await (await fetch(`${server.apiUrl}/personas`)).json();
      frames.push(personaGet(personas[0].id as string));
    }
    const warmUp = { connections: options.connections, seconds: WARM_UP_S };
    for (const [i, server] of servers.entries()) {
      // Its start-up work done, then its code compiled by a short load of each kind (unmeasured).
      await settle(server.pid);
      for (const frame of [frames[i]!, ping]) {
        await runWebSocketLoad({ url: server.wsUrl, ...warmUp, frame });
      }
    }
    const runs = new Map<string, LoadSamples[]>();
    const add = (label: string, samples: LoadSamples) =>
      runs.set(label, [...runs.get(label) ?? [], samples]);
    const common = { connections: options.connections, seconds: options.seconds / options.rounds };
    const echoUrl = `ws://127.0.0.1:${echo.announced}/`;
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 ? [...servers.keys()].reverse() : [...servers.keys()];
      add(
        "echo",
        await runWebSocketLoad({ url: echoUrl, ...common, frame: frames[0]!, serverPid: echo.pid }),
      );
      for (const i of order) {
        const { wsUrl, pid: serverPid } = servers[i]!;
        const label = options.trees[i]!.label;
        add(
          `${label} persona.get`,
          await runWebSocketLoad({ url: wsUrl, ...common, frame: frames[i]!, serverPid }),
        );
        add(
          `${label} ping`,
          await runWebSocketLoad({ url: wsUrl, ...common, frame: ping, serverPid }),
        );
      }
    }
    return new Map([...runs].map(([label, samples]) => [label, mergeRuns(label, samples)]));
  } finally {
    for (const server of servers) await server.stop();
    await echo.stop();
  }
}

/** The loads as metrics of `deno task bench:all`. */
export function webSocketMetrics(results: WebSocketResults, trees: readonly Tree[]): Metric[] {
  const echo = results.get("echo")!;
  const per = (
    name: string,
    unit: string,
    better: Metric["better"],
    value: (tree: Tree) => number,
  ): Metric => ({
    benchmark: "WebSocket, 64 connections",
    name,
    unit,
    better,
    values: Object.fromEntries(trees.map((tree) => [tree.label, value(tree)])),
  });
  const load = (tree: Tree, method: string) => results.get(`${tree.label} ${method}`)!;
  return [
    {
      benchmark: "WebSocket, 64 connections",
      name: "bare echo",
      unit: "req/s",
      better: "higher",
      values: { now: echo.perSecond },
    },
    per("ping ÷ echo", "×", "higher", (tree) => load(tree, "ping").perSecond / echo.perSecond),
    per(
      "persona.get ÷ echo",
      "×",
      "higher",
      (tree) => load(tree, "persona.get").perSecond / echo.perSecond,
    ),
    per("persona.get p99", "ms", "lower", (tree) => load(tree, "persona.get").p99Ms),
    {
      benchmark: "WebSocket, 64 connections",
      name: "echo server CPU per request",
      unit: "µs",
      better: "lower",
      values: { now: echo.cpuMicrosPerRequest ?? NaN },
    },
    per(
      "ping server CPU per request",
      "µs",
      "lower",
      (tree) => load(tree, "ping").cpuMicrosPerRequest ?? NaN,
    ),
    per(
      "persona.get server CPU per request",
      "µs",
      "lower",
      (tree) => load(tree, "persona.get").cpuMicrosPerRequest ?? NaN,
    ),
  ];
}

if (import.meta.main) {
  const connections = numberFlag(Deno.args, "connections", 64);
  const seconds = numberFlag(Deno.args, "seconds", 10);
  const rounds = numberFlag(Deno.args, "rounds", 4);
  const base = stringFlag(Deno.args, "base");
  const trees: Tree[] = [
    {
      label: "now",
      path: stringFlag(Deno.args, "tree") ?? new URL("../..", import.meta.url).pathname,
    },
    ...(base ? [{ label: "baseline" as const, path: base }] : []),
  ];
  const results = await webSocketLoads({
    trees,
    connections,
    seconds,
    rounds,
    profileDir: stringFlag(Deno.args, "profile"),
  });
  console.log(
    `${connections} connections, ${seconds}s per load in ${rounds} alternating rounds, ${Deno.build.target}, load ${loadAverage()}`,
  );
  printResults([
    { ...results.get("echo")!, label: "bare Deno.serve echo (persona.get frame)" },
    ...trees.flatMap(({ label }) => {
      const tree = base ? ` (${label})` : "";
      return [
        { ...results.get(`${label} persona.get`)!, label: `persona-mcp persona.get${tree}` },
        {
          ...results.get(`${label} ping`)!,
          label: `persona-mcp ping (the JSON-RPC path alone)${tree}`,
        },
      ];
    }),
  ]);
}
