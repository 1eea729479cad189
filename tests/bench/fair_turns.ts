/**
 * Fairness between connections (issue 17, fair41): while one WebSocket client sends `--heavy`
 * long `memory.search` requests (1,700-character queries, 30 hits; as separate messages, then
 * as one batch), another client sends `persona.list` one after the other. Reports how many it
 * got answered meanwhile, their p50 and p99, how many searches the busy client had answered
 * before the first of them, and how long the searches took with and without the other client
 * (without it, also the server's CPU time: a figure the machine's load moves less than time).
 * A server process per checkout, the checkouts in alternating rounds; each figure is the median
 * of the rounds.
 *
 *   deno run -A tests/bench/fair_turns.ts [--base PATH] [--size 2000] [--heavy 50] [--rounds 3]
 *
 * @module
 */
import { type BenchServer, numberFlag, percentile, spawnBenchServer, stringFlag } from "./_load.ts";
import {
  alternatingRounds,
  comparedTrees,
  cpuSeconds,
  loadAverage,
  medianMetrics,
  type Metric,
  metricTable,
  type Tree,
} from "./_table.ts";
import { SeededRandom } from "../../core/simulation/mod.ts";
import { seed, sentence } from "./memory_ws.ts";

/** A JSON-RPC client over one socket; `onReply` sees every reply as it comes. */
async function connect(url: string, onReply: (id: number) => void = () => {}) {
  const socket = new WebSocket(url);
  const pending = new Map<number, () => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data as string);
    for (const reply of Array.isArray(message) ? message : [message]) {
      onReply(reply.id);
      pending.get(reply.id)?.();
      pending.delete(reply.id);
    }
  };
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let next = 1;
  return {
    /** Sends `calls` as separate messages, or as one batch. */
    send(calls: { method: string; params: unknown }[], batch = true): Promise<unknown> {
      const requests = calls.map((call) => ({ jsonrpc: "2.0", id: next++, ...call }));
      const answers = requests.map((request) =>
        new Promise<void>((resolve) => pending.set(request.id, resolve))
      );
      if (batch && requests.length > 1) socket.send(JSON.stringify(requests));
      else for (const request of requests) socket.send(JSON.stringify(request));
      return Promise.all(answers);
    },
    close: () =>
      new Promise((resolve) => {
        socket.onclose = resolve;
        socket.close();
      }),
  };
}

interface Figures {
  /** `persona.list` calls answered while the searches ran. */
  answered: number;
  p50: number;
  p99: number;
  heavyBeforeFirst: number;
  heavyMs: number;
}

/** One load: heavy searches on one socket, `persona.list` in a loop on another meanwhile. */
async function load(
  server: BenchServer,
  options: { personaId: string; heavy: number; batch: boolean; cheap?: boolean },
): Promise<Figures> {
  let heavyDone = 0;
  const busy = await connect(server.wsUrl, () => heavyDone++);
  const other = await connect(server.wsUrl);
  const random = new SeededRandom(11);
  const searches = Array.from({ length: options.heavy }, () => ({
    method: "memory.search",
    params: { persona_id: options.personaId, query: sentence(random, 240), n_results: 30 },
  }));
  const started = performance.now();
  let finished = false;
  const all = busy.send(searches, options.batch).then(() => {
    finished = true;
    return performance.now() - started;
  });
  const latencies: number[] = [];
  let heavyBeforeFirst = -1;
  while (!finished && options.cheap !== false) {
    const sent = performance.now();
    await other.send([{ method: "persona.list", params: {} }]);
    latencies.push(performance.now() - sent);
    if (heavyBeforeFirst < 0) heavyBeforeFirst = heavyDone;
  }
  const heavyMs = await all;
  await busy.close();
  await other.close();
  latencies.sort((a, b) => a - b);
  if (latencies.length === 0) {
    return { answered: 0, p50: NaN, p99: NaN, heavyBeforeFirst: NaN, heavyMs };
  }
  return {
    answered: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    heavyBeforeFirst,
    heavyMs,
  };
}

const args = Deno.args;
const trees = comparedTrees({
  here: new URL("../..", import.meta.url).pathname.replace(/\/$/, ""),
  base: stringFlag(args, "base"),
});
const size = numberFlag(args, "size", 2000);
const heavy = numberFlag(args, "heavy", 50);
const rounds = numberFlag(args, "rounds", 3);

const servers = new Map<string, { server: BenchServer; personaId: string }>();
try {
  for (const tree of trees) {
    const server = await spawnBenchServer({
      tree: tree.path,
      env: { MEMORY_DECAY_ENABLED: "false" },
    });
    const personaId = await seed(server, size);
    servers.set(tree.label, { server, personaId });
    // Unmeasured: the indexes loaded and the search code compiled before the rounds.
    await load(server, { personaId, heavy: 4, batch: false });
  }
  const runs: Metric[][] = [];
  for (const batch of [false, true]) {
    const figures = await alternatingRounds(trees, rounds, async (tree: Tree) => {
      const { server, personaId } = servers.get(tree.label)!;
      const shared = await load(server, { personaId, heavy, batch });
      // The same searches with no other client: what the turns cost the busy client alone.
      const cpuBefore = await cpuSeconds(server.pid);
      const alone = await load(server, { personaId, heavy, batch, cheap: false });
      const aloneCpuMs = (await cpuSeconds(server.pid) - cpuBefore) * 1000;
      return { ...shared, aloneMs: alone.heavyMs, aloneCpuMs };
    });
    const benchmark = `${heavy} searches as ${batch ? "one batch" : "messages"}, ${size} memories`;
    for (let round = 0; round < rounds; round++) {
      const pick = (key: keyof Figures | "aloneMs" | "aloneCpuMs") =>
        Object.fromEntries(
          trees.map((tree) => [tree.label, figures.get(tree.label)![round]![key]]),
        );
      runs[round] = [
        ...runs[round] ?? [],
        {
          benchmark,
          name: "persona.list answered meanwhile",
          unit: "",
          better: "higher",
          values: pick("answered"),
        },
        { benchmark, name: "persona.list p50", unit: "ms", better: "lower", values: pick("p50") },
        { benchmark, name: "persona.list p99", unit: "ms", better: "lower", values: pick("p99") },
        {
          benchmark,
          name: "searches answered before the first persona.list",
          unit: "",
          better: "lower",
          values: pick("heavyBeforeFirst"),
        },
        { benchmark, name: "all searches", unit: "ms", better: "lower", values: pick("heavyMs") },
        {
          benchmark,
          name: "all searches, no other client",
          unit: "ms",
          better: "lower",
          values: pick("aloneMs"),
        },
        {
          benchmark,
          name: "server CPU of those searches (all threads)",
          unit: "ms",
          better: "lower",
          values: pick("aloneCpuMs"),
        },
      ];
    }
  }
  console.log(`load average ${loadAverage()}; medians of ${rounds} rounds`);
  console.log(metricTable(medianMetrics(runs), trees.length > 1));
} finally {
  for (const { server } of servers.values()) await server.stop();
}
