/**
 * Scale-out benchmark (`deno task bench:cluster`, issue 12): `persona.get` and `memory.search`
 * throughput with 1, 2 and 3 nodes on one PostgreSQL (memory vectors in one Chroma server) beside
 * one node on SQLite, all in one run, plus each chat's latency on PostgreSQL vs SQLite (the same
 * fake Ollama answers both, so the difference is the storage). Client connections are spread
 * evenly over the nodes under load; loads alternate in rounds so a noisy neighbour hurts all alike.
 *
 * On a shared 2-core machine the client, the fake model, PostgreSQL, Chroma and every node share
 * the same cores: read the shape (how throughput moves with nodes), not the absolute numbers.
 *
 *   deno task bench:cluster [--connections 48] [--seconds 8] [--rounds 2] [--memories 200] [--chats 40]
 */
import { RpcClient, type ServerProcess, spawnServer } from "../_helpers.ts";
import { startCluster } from "../_cluster.ts";
import {
  type LoadResult,
  type LoadSamples,
  mergeRuns,
  numberFlag,
  percentile,
  printResults,
  runWebSocketLoad,
} from "./_load.ts";

const connections = numberFlag(Deno.args, "connections", 48);
const seconds = numberFlag(Deno.args, "seconds", 8);
const rounds = numberFlag(Deno.args, "rounds", 2);
const memories = numberFlag(Deno.args, "memories", 200);
const chats = numberFlag(Deno.args, "chats", 40);

const WORDS = ["lighthouse", "ferry", "harbour", "storm", "lantern", "gull", "rope", "tide"];

/** Stores `memories` memories for Aria through `node`; returns Aria's id. */
async function seed(node: ServerProcess): Promise<string> {
  const client = await RpcClient.connect(node.wsUrl);
  try {
    const { persona_id } = await client.call<{ persona_id: string }>("persona.switch", {
      persona_id: "Aria",
    });
    for (let i = 0; i < memories; i++) {
      const words = [0, 3, 5].map((k) => WORDS[(i + k) % WORDS.length]).join(" ");
      await client.call("memory.store", {
        persona_id,
        content: `Memory ${i}: the ${words} by the quay`,
      });
    }
    return persona_id;
  } finally {
    await client.close();
  }
}

/** One load with the connections spread over `nodes`. */
async function spread(nodes: ServerProcess[], frame: (n: number) => string): Promise<LoadSamples> {
  const runs = await Promise.all(nodes.map((node) =>
    runWebSocketLoad({
      url: node.wsUrl,
      connections: Math.max(1, Math.round(connections / nodes.length)),
      seconds: seconds / rounds,
      frame,
    })
  ));
  return {
    latencies: runs.flatMap((run) => run.latencies),
    seconds: Math.max(...runs.map((run) => run.seconds)),
  };
}

/** Throws unless `node` answers `method` with a result (and memory.search finds something). */
async function answers(node: ServerProcess, method: string, params: Record<string, unknown>) {
  const client = await RpcClient.connect(node.wsUrl);
  try {
    const result = await client.call<{ memories?: unknown[] }>(method, params);
    if (result.memories?.length === 0) throw new Error(`${method} found nothing on ${node.wsUrl}`);
  } finally {
    await client.close();
  }
}

/** Median and p99 of `count` chats, one after another, on `node` (ms). */
async function chatLatency(node: ServerProcess, personaId: string, count: number) {
  const client = await RpcClient.connect(node.wsUrl);
  const latencies: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await client.call("conversation.send_message", {
        persona_id: personaId,
        content: `Tell me about the harbour, time ${i}`,
      });
      latencies.push(performance.now() - started);
    }
  } finally {
    await client.close();
  }
  return latencies;
}

const cluster = await startCluster({ nodes: 3, env: { LLM_CONCURRENCY: "64" } });
const sqlite = await spawnServer({
  OLLAMA_HOST: cluster.model.url,
  LLM_CONCURRENCY: "64",
  LOG_LEVEL: "warn",
});
try {
  const [pgAria, sqliteAria] = [await seed(cluster.nodes[0]!), await seed(sqlite)];
  const setups: Array<{ label: string; nodes: ServerProcess[]; aria: string }> = [
    { label: "SQLite, 1 node", nodes: [sqlite], aria: sqliteAria },
    { label: "PostgreSQL, 1 node", nodes: cluster.nodes.slice(0, 1), aria: pgAria },
    { label: "PostgreSQL, 2 nodes", nodes: cluster.nodes.slice(0, 2), aria: pgAria },
    { label: "PostgreSQL, 3 nodes", nodes: cluster.nodes, aria: pgAria },
  ];
  const methods = {
    "persona.get": (aria: string) => ({ persona_id: aria }),
    "memory.search": (aria: string) => ({ persona_id: aria, query: "storm lantern", n_results: 5 }),
  };
  console.log(
    `${connections} connections spread over the nodes, ${seconds}s per load in ${rounds} ` +
      `alternating rounds, ${memories} memories, ${navigator.hardwareConcurrency} cores, ` +
      Deno.build.target,
  );
  for (const [method, params] of Object.entries(methods)) {
    // A load of errors would measure nothing: every node must answer each method for real.
    for (const setup of setups) {
      for (const node of setup.nodes) await answers(node, method, params(setup.aria));
    }
    const runs = new Map<string, LoadSamples[]>();
    for (let round = 0; round < rounds; round++) {
      for (const setup of round % 2 ? [...setups].reverse() : setups) {
        const frame = (n: number) =>
          JSON.stringify({ jsonrpc: "2.0", id: n, method, params: params(setup.aria) });
        runs.set(setup.label, [...runs.get(setup.label) ?? [], await spread(setup.nodes, frame)]);
      }
    }
    console.log(`\n${method}`);
    const results: LoadResult[] = setups.map((setup) =>
      mergeRuns(setup.label, runs.get(setup.label)!)
    );
    printResults(results);
    const [, one, , three] = results;
    console.log(`PostgreSQL 3 nodes vs 1 node: ${(three!.perSecond / one!.perSecond).toFixed(2)}x`);
  }
  const sqliteChats: number[] = [];
  const pgChats: number[] = [];
  for (let round = 0; round < rounds; round++) {
    sqliteChats.push(...await chatLatency(sqlite, sqliteAria, Math.ceil(chats / rounds)));
    pgChats.push(...await chatLatency(cluster.nodes[0]!, pgAria, Math.ceil(chats / rounds)));
  }
  console.log("\nconversation.send_message, one at a time (same fake Ollama)");
  console.log("| storage | chats | p50 ms | p99 ms |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const [label, samples] of [["SQLite", sqliteChats], ["PostgreSQL", pgChats]] as const) {
    const sorted = [...samples].sort((a, b) => a - b);
    console.log(
      `| ${label} | ${sorted.length} | ${percentile(sorted, 50).toFixed(2)} | ${
        percentile(sorted, 99).toFixed(2)
      } |`,
    );
  }
} finally {
  await sqlite.stop();
  await cluster.stop();
}
