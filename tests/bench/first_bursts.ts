/**
 * A fresh server's first bursts (`deno run -A tests/bench/first_bursts.ts`): what the very first
 * chats after start-up cost beside later ones, i.e. what a real user's first chats pay for code
 * not yet compiled and data loaded on first use (`bench:chat` measures only after its warm-up
 * bursts). The server (`main.ts` of the tree, its shipped V8 flags) is started and left to settle
 * after READY (its start-up work over, as `bench:chat` waits); then `--bursts` bursts, each
 * `--sessions` new WebSocket sessions sending one chat at once to the Ollama-compatible test
 * server (100 ms delay); between bursts the mind's jobs are drained and both processes left
 * idle (`chat_rounds.ts`'s `quiet`, as `bench:chat` waits). Per burst: the server's main-thread
 * and whole-process CPU per chat (read from `/proc`, so a loaded machine moves them little),
 * latency − delay (p50, max: the machine's) and RSS after it. Each run a fresh server; `--base`
 * alternates another checkout with this one (or `--tree`'s), run by run.
 *
 *   deno run -A tests/bench/first_bursts.ts [--bursts 4] [--sessions 32] [--runs 2]
 *     [--tree PATH] [--base PATH]
 *
 * @module
 */
import { numberFlag, percentile, spawnBenchServer, spawnFakeOllama, stringFlag } from "./_load.ts";
import { settled } from "./model_alone.ts";
import { quiet } from "./chat_rounds.ts";
import {
  alternatingRounds,
  comparedTrees,
  cpuSeconds,
  loadAverage,
  mainThreadCpuSeconds,
  rssMb,
  type Tree,
} from "./_table.ts";

const DELAY_MS = 100;

/** One burst's figures. */
interface Burst {
  mainMs: number;
  processMs: number;
  p50Ms: number;
  maxMs: number;
  rssMb: number;
}

/** A new session's one chat: latency less the model's delay (ms). */
async function firstChat(wsUrl: string, personaId: string, message: string): Promise<number> {
  const socket = new WebSocket(wsUrl);
  await new Promise((resolve) => (socket.onopen = resolve));
  const sent = performance.now();
  await new Promise<void>((resolve) => {
    socket.onmessage = (event) => {
      if (JSON.parse(event.data).id === 0) resolve();
    };
    socket.send(JSON.stringify({
      jsonrpc: "2.0",
      id: 0,
      method: "conversation.send_message",
      params: { content: message, persona_id: personaId, stream: true },
    }));
  });
  const ms = performance.now() - sent - DELAY_MS;
  await new Promise((resolve) => {
    socket.onclose = resolve;
    socket.close();
  });
  return ms;
}

/** One fresh server of `tree`: its first `bursts` bursts. */
async function run(tree: Tree, options: { bursts: number; sessions: number }): Promise<Burst[]> {
  const fake = await spawnFakeOllama(DELAY_MS);
  const server = await spawnBenchServer({
    tree: tree.path,
    env: { OLLAMA_HOST: fake.announced, LLM_CONCURRENCY: "64" },
  });
  try {
    const { personas } = await (await fetch(`${server.apiUrl}/personas`)).json();
    await settled(server.pid);
    const bursts: Burst[] = [];
    let sent = 0;
    for (let b = 0; b < options.bursts; b++) {
      const main = await mainThreadCpuSeconds(server.pid);
      const process = await cpuSeconds(server.pid);
      // `bench:chat`'s messages: "benchmark message 0" … 29.
      const latencies = (await Promise.all(
        Array.from(
          { length: options.sessions },
          () => firstChat(server.wsUrl, personas[0].id, `benchmark message ${sent++ % 30}`),
        ),
      )).sort((x, y) => x - y);
      const perChat = (seconds: number) => (seconds * 1000) / options.sessions;
      bursts.push({
        mainMs: perChat(await mainThreadCpuSeconds(server.pid) - main),
        processMs: perChat(await cpuSeconds(server.pid) - process),
        p50Ms: percentile(latencies, 50),
        maxMs: latencies.at(-1)!,
        rssMb: await rssMb(server.pid),
      });
      // The mind's jobs of this burst's exchanges done, as `bench:chat` waits between rounds.
      await quiet([{ apiUrl: server.apiUrl, pids: [server.pid, fake.pid] }]);
    }
    return bursts;
  } finally {
    await server.stop();
    await fake.stop();
  }
}

if (import.meta.main) {
  const args = Deno.args;
  const options = {
    bursts: numberFlag(args, "bursts", 4),
    sessions: numberFlag(args, "sessions", 32),
  };
  const runs = numberFlag(args, "runs", 2);
  const trees = comparedTrees({
    here: new URL("../..", import.meta.url).pathname,
    tree: stringFlag(args, "tree"),
    base: stringFlag(args, "base"),
  });
  const figures = await alternatingRounds(trees, runs, (tree) => run(tree, options));
  console.log(
    `a fresh server's first ${options.bursts} bursts of ${options.sessions} new sessions' ` +
      `first chats, ${runs} runs a tree, load ${loadAverage()}`,
  );
  console.log(
    "| tree | burst | main thread ms per chat | process CPU ms per chat | latency − delay p50 / max ms | RSS MB |",
  );
  console.log("| --- | ---: | --- | --- | --- | --- |");
  for (const tree of trees) {
    for (let b = 0; b < options.bursts; b++) {
      const of = (pick: (burst: Burst) => number) =>
        figures.get(tree.label)!.map((bursts) => pick(bursts[b]!).toFixed(1)).join(", ");
      console.log(
        `| ${tree.label} | ${b + 1} | ${of((x) => x.mainMs)} | ${of((x) => x.processMs)} | ${
          of((x) => x.p50Ms)
        } / ${of((x) => x.maxMs)} | ${of((x) => x.rssMb)} |`,
      );
    }
  }
}
