/**
 * Memory benchmark (`deno task bench:memory`): `memory.search` latency (median, p99) for one
 * persona holding 1k, 10k and 100k memories on the embedded backend (a real SQLite file), over
 * a real WebSocket (JSON-RPC) and at the service, plus store throughput (single `memory.store`
 * calls over the WebSocket, and bulk inserts at the service).
 *
 *   deno task bench:memory [--sizes 1000,10000,100000] [--queries 200] [--stores 500] [--keep DIR]
 *
 * `--keep DIR` leaves each size's data in `DIR/<size>` (for `_memory_profile.ts`) instead of
 * deleting it.
 *
 * The texts are synthetic: sentences of 6-20 words drawn with a Zipf law from a 5,000-word
 * vocabulary, so common words hit many memories in full text as they would in real speech.
 *
 * The service is timed on queries of its own (new to it as the WebSocket's were), after the
 * WebSocket's.
 *
 * After each size, three new server processes open the same data and time: their start until a
 * first call is answered (`persona.switch`; the warm-up, `core/memory/warm_up.ts`, loads the word
 * vectors and the persona's indexes meanwhile, blocking calls while one persona loads), their
 * first search right after, and a search once the warm-up is done. Start to first search
 * answered is the sum of the first two.
 */
import { percentile } from "./_load.ts";
import { RpcClient, startTestServer } from "../_helpers.ts";
import { startStillServer } from "./_memory_data.ts";
import type { MemoryInput } from "../../core/memory/mod.ts";
import { plainMemory, random, zipfWords } from "./_memory_sentences.ts";

const args = Deno.args;
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = flag("sizes", "1000,10000,100000")!.split(",").map(Number);

if (args[0] === "--restart") {
  // Child process: a server started on an existing data directory; one search right away, one
  // after the warm-up, each timed from the request to the answer.
  console.log(JSON.stringify(await restartedSearch(args[1]!, args.slice(2))));
  Deno.exit(0);
}

/** Starts a server on `dataDir` (fresh process) and times its first searches for `texts`. */
async function restartedSearch(dataDir: string, texts: string[]) {
  const started = performance.now();
  const server = await startStillServer(dataDir);
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const listening = performance.now() - started;
    let start = performance.now();
    await client.call("memory.search", { query: texts[0], n_results: 5 });
    const immediate = performance.now() - start;
    await server.services.memory.warm();
    start = performance.now();
    await client.call("memory.search", { query: texts[1] ?? texts[0], n_results: 5 });
    return { listening, immediate, warmed: performance.now() - start };
  } finally {
    await client.close();
    await server.shutdown();
  }
}

/** The first search in a new server process on the same data (median of `runs` processes). */
async function firstSearchAfterRestart(dataDir: string, texts: string[], runs: number) {
  const results: Array<{ listening: number; immediate: number; warmed: number }> = [];
  for (let run = 0; run < runs; run++) {
    const output = await new Deno.Command("deno", {
      args: [
        "run",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        "--allow-sys",
        "--allow-net",
        "--allow-ffi",
        import.meta.filename!,
        "--restart",
        dataDir,
        texts[(2 * run) % texts.length]!,
        texts[(2 * run + 1) % texts.length]!,
      ],
      stdout: "piped",
      stderr: "inherit",
    }).output();
    if (!output.success) throw new Error("the restarted server failed");
    const lines = new TextDecoder().decode(output.stdout).trim().split("\n");
    results.push(JSON.parse(lines.at(-1)!));
  }
  return {
    listening: stats(results.map((result) => result.listening)).median,
    immediate: stats(results.map((result) => result.immediate)).median,
    warmed: stats(results.map((result) => result.warmed)).median,
  };
}
const queries = Number(flag("queries", "200"));
const stores = Number(flag("stores", "500"));

const next = random(42);
const { sentence } = zipfWords(next);

function stats(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p99: percentile(sorted, 99) };
}
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function benchSize(size: number, dataDir: string) {
  const server = await startStillServer(dataDir);
  let client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona_id } = await client.call<{ persona_id: string }>("persona.switch", {
      persona_id: "Aria",
    });
    const persona = await server.services.personas.get(persona_id);
    // The bulk insert may outlast the server's ping timeout (30 s at 100k memories) while the
    // socket sits idle: the searches get a new connection.
    await client.close();
    const bulkStart = performance.now();
    for (let done = 0; done < size; done += 1000) {
      const batch: MemoryInput[] = Array.from(
        { length: Math.min(1000, size - done) },
        () => plainMemory(sentence(6 + Math.floor(next() * 15))),
      );
      await server.services.memory.storeMany(persona, batch);
    }
    const bulkSeconds = (performance.now() - bulkStart) / 1000;
    client = await RpcClient.connect(server.wsUrl);
    await client.call("persona.switch", { persona_id: "Aria" });

    const texts = Array.from({ length: queries }, () => sentence(2 + Math.floor(next() * 3)));
    const coldStart = performance.now();
    await client.call("memory.search", { query: texts[0] });
    const cold = performance.now() - coldStart;

    // Warm-up (not measured): the JIT compiles the search path on the first size otherwise.
    for (const query of texts.slice(0, 20)) await client.call("memory.search", { query });
    const overWs: number[] = [];
    for (const query of texts) {
      const start = performance.now();
      await client.call("memory.search", { query, n_results: 5 });
      overWs.push(performance.now() - start);
    }
    // Queries of their own, drawn alike: the WebSocket's would come with their analysis and
    // candidate rows cached, and the difference would not be the transport's.
    const own = random(size);
    const serviceTexts = Array.from(
      { length: queries },
      () => sentence(2 + Math.floor(own() * 3), own),
    );
    const atService: number[] = [];
    for (const query of serviceTexts) {
      const start = performance.now();
      await server.services.memory.search(persona, { query, n_results: 5, min_importance: 0 });
      atService.push(performance.now() - start);
    }
    return {
      size,
      bulkPerSecond: size / bulkSeconds,
      cold,
      ws: stats(overWs),
      service: stats(atService),
      texts,
    };
  } finally {
    await client.close();
    await server.shutdown();
  }
}

/** {@linkcode benchSize}, then the first searches of new server processes on its data. */
async function benchSizeAndRestart(size: number) {
  const keep = flag("keep", "");
  const dataDir = keep ? `${keep}/${size}` : await Deno.makeTempDir({ prefix: "persona-bench-" });
  if (keep) {
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    await Deno.mkdir(dataDir, { recursive: true });
  }
  try {
    const result = await benchSize(size, dataDir);
    return { ...result, restarted: await firstSearchAfterRestart(dataDir, result.texts, 3) };
  } finally {
    if (!keep) await Deno.remove(dataDir, { recursive: true });
  }
}

async function benchStores() {
  const server = await startTestServer({ MEMORY_DECAY_ENABLED: "false", LOG_LEVEL: "error" });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const latencies: number[] = [];
    const start = performance.now();
    for (let i = 0; i < stores; i++) {
      const begin = performance.now();
      await client.call("memory.store", { content: sentence(6 + Math.floor(next() * 15)) });
      latencies.push(performance.now() - begin);
    }
    return { perSecond: stores / ((performance.now() - start) / 1000), ...stats(latencies) };
  } finally {
    await client.close();
    await server.shutdown();
  }
}

console.log(
  `memory benchmark, embedded backend (SQLite file), local embedder, ${Deno.build.target}`,
);
console.log(`${queries} queries of 2-4 words per size, n_results 5\n`);
console.log(
  "| memories | search median (WebSocket) | p99 (WebSocket) | median (service) | p99 (service) | first search (loads index) | bulk insert | restart: start to first answer | then first search | search after warm-up |",
);
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const size of sizes) {
  const result = await benchSizeAndRestart(size);
  console.log(
    `| ${size} | ${ms(result.ws.median)} | ${ms(result.ws.p99)} | ${ms(result.service.median)} | ${
      ms(result.service.p99)
    } | ${ms(result.cold)} | ${Math.round(result.bulkPerSecond)}/s | ${
      ms(result.restarted.listening)
    } | ${ms(result.restarted.immediate)} | ${ms(result.restarted.warmed)} |`,
  );
}
const store = await benchStores();
console.log(
  `\nmemory.store over WebSocket, one call at a time: ${Math.round(store.perSecond)}/s ` +
    `(median ${ms(store.median)}, p99 ${ms(store.p99)}, ${stores} calls)`,
);
