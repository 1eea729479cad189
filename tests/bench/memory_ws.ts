/**
 * A short `memory.search` probe for `deno task bench:all`: a server process per checkout, one
 * persona given `size` memories through `memory.store` batches, then `queries` searches of 2-4
 * words over a WebSocket, the checkouts in alternating rounds. (`deno task bench:memory` is the
 * full benchmark, at 1k, 10k and 100k memories.)
 *
 * @module
 */
import { type BenchServer, percentile, spawnBenchServer } from "./_load.ts";
import type { Metric, Tree } from "./_table.ts";
import { SeededRandom } from "../../core/simulation/mod.ts";

const WORDS = (
  "garden river coffee morning library winter music sister paint bread mountain letter train " +
  "storm friend market candle forest recipe harbor violin lantern pottery festival island " +
  "kitchen bicycle meadow journal thunder orchard chess summer window stranger ocean castle"
).split(" ");

/** A sentence of `words` words drawn from a small fixed vocabulary (seeded, so runs repeat). */
export function sentence(random: SeededRandom, words: number): string {
  return Array.from({ length: words }, () => random.pick(WORDS)).join(" ");
}

/** A minimal JSON-RPC client over one socket (requests answered in order of their ids). */
async function connect(url: string) {
  const socket = new WebSocket(url);
  const pending = new Map<number, (value: unknown) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data as string);
    for (const reply of Array.isArray(message) ? message : [message]) {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    }
  };
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let next = 1;
  return {
    send(calls: { method: string; params: unknown }[]): Promise<unknown[]> {
      const requests = calls.map((call) => ({ jsonrpc: "2.0", id: next++, ...call }));
      const answers = requests.map((request) =>
        new Promise((resolve) => pending.set(request.id, resolve))
      );
      socket.send(JSON.stringify(requests.length === 1 ? requests[0] : requests));
      return Promise.all(answers);
    },
    close: () =>
      new Promise((resolve) => {
        socket.onclose = resolve;
        socket.close();
      }),
  };
}

/** Stores `size` seeded sentences for the server's first persona, 25 a batch; its id. */
export async function seed(server: BenchServer, size: number): Promise<string> {
  const { personas } = await (await fetch(`${server.apiUrl}/personas`)).json();
  const personaId = personas[0].id as string;
  const client = await connect(server.wsUrl);
  const random = new SeededRandom(7);
  for (let stored = 0; stored < size; stored += 25) {
    await client.send(Array.from({ length: Math.min(25, size - stored) }, () => ({
      method: "memory.store",
      params: { persona_id: personaId, content: sentence(random, 6 + random.int(0, 14)) },
    })));
  }
  await client.close();
  return personaId;
}

async function searches(server: BenchServer, personaId: string, queries: number) {
  const client = await connect(server.wsUrl);
  const random = new SeededRandom(11);
  const latencies: number[] = [];
  for (let i = 0; i < queries; i++) {
    const query = sentence(random, 2 + random.int(0, 2));
    const sent = performance.now();
    await client.send([{
      method: "memory.search",
      params: { persona_id: personaId, query, n_results: 5 },
    }]);
    latencies.push(performance.now() - sent);
  }
  await client.close();
  return latencies;
}

/** Options of {@linkcode memorySearchMetrics}. */
export interface MemoryProbeOptions {
  trees: readonly Tree[];
  size: number;
  queries: number;
  rounds: number;
}

/** Median and p99 of `memory.search` for every tree, alternating. */
export async function memorySearchMetrics(options: MemoryProbeOptions): Promise<Metric[]> {
  const servers: BenchServer[] = [];
  try {
    const personas: string[] = [];
    for (const tree of options.trees) {
      const server = await spawnBenchServer({
        tree: tree.path,
        env: { MEMORY_DECAY_ENABLED: "false" },
      });
      servers.push(server);
      personas.push(await seed(server, options.size));
    }
    const latencies = options.trees.map(() => [] as number[]);
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 ? [...servers.keys()].reverse() : [...servers.keys()];
      for (const i of order) {
        const queries = Math.ceil(options.queries / options.rounds);
        latencies[i]!.push(...await searches(servers[i]!, personas[i]!, queries));
      }
    }
    const sorted = latencies.map((list) => [...list].sort((a, b) => a - b));
    const metric = (name: string, p: number): Metric => ({
      benchmark: `memory.search, ${options.size.toLocaleString("en-US")} memories`,
      name,
      unit: "ms",
      better: "lower",
      values: Object.fromEntries(
        options.trees.map((tree, i) => [tree.label, percentile(sorted[i]!, p)]),
      ),
    });
    return [metric("p50", 50), metric("p99", 99)];
  } finally {
    for (const server of servers) await server.stop();
  }
}
