/**
 * The server's own overhead per chat (`deno task bench:chat`), for each provider side by side in
 * one run: the Ollama-compatible and the OpenAI-compatible test server (each its own process)
 * answer after the same fixed first-token delay; the persona server (its own process) runs with
 * enough LLM slots that nothing queues. Reported: median and p99 of chat latency minus that
 * delay, and of time to first chunk minus the first-token delay, at 1 and at 32 concurrent
 * sessions.
 *
 * Both stacks run at once and are measured in alternating rounds (samples merged), so that
 * drift of a shared machine hits both alike.
 *
 * With `--extraction`, the two stacks are one provider (`--provider`, ollama by default) with the
 * mind's background jobs off and on (fact extraction, supersession, reflection, block updates):
 * the test server then answers the jobs' JSON requests too, after the same delay. At the end it
 * prints the jobs each stack ran. `--llm-concurrency 1` measures with one model slot, Ollama's
 * default, where a job and a chat would compete for the model.
 *
 *   deno task bench:chat [--first-token-ms 100] [--chats 30] [--rounds 3]
 *   deno task bench:chat --extraction [--provider openai] [--llm-concurrency 1]
 */
import { spawnServer } from "../_helpers.ts";
import { numberFlag, percentile, spawnHelper } from "./_load.ts";

const firstTokenMs = numberFlag(Deno.args, "first-token-ms", 100);
const chatsPerSession = numberFlag(Deno.args, "chats", 30);
const rounds = numberFlag(Deno.args, "rounds", 3);
const llmConcurrency = numberFlag(Deno.args, "llm-concurrency", 64);
const compareExtraction = Deno.args.includes("--extraction");
const chosenProvider = Deno.args.includes("--provider")
  ? Deno.args[Deno.args.indexOf("--provider") + 1] === "openai" ? "openai" : "ollama"
  : "ollama";

interface Sample {
  totalMs: number;
  firstChunkMs: number;
}

async function session(wsUrl: string, personaId: string, chats: number): Promise<Sample[]> {
  const socket = new WebSocket(wsUrl);
  await new Promise((resolve) => (socket.onopen = resolve));
  const samples: Sample[] = [];
  for (let i = 0; i < chats; i++) {
    const sent = performance.now();
    let firstChunk = 0;
    await new Promise<void>((resolve) => {
      socket.onmessage = (event) => {
        const message = JSON.parse(event.data);
        if (message.method === "conversation.chunk") firstChunk ||= performance.now();
        else if (message.id === i) resolve();
      };
      socket.send(JSON.stringify({
        jsonrpc: "2.0",
        id: i,
        method: "conversation.send_message",
        params: { content: `benchmark message ${i}`, persona_id: personaId, stream: true },
      }));
    });
    samples.push({ totalMs: performance.now() - sent, firstChunkMs: firstChunk - sent });
  }
  socket.close();
  return samples;
}

interface Stack {
  /** What the row says: the provider, or whether the mind's jobs are on. */
  label: string;
  apiUrl: string;
  wsUrl: string;
  personaId: string;
  stop(): Promise<void>;
}

/** Starts one provider's test server and a persona server talking to it. */
async function startStack(
  provider: "ollama" | "openai",
  options: { label: string; mind: boolean },
): Promise<Stack> {
  const fake = await spawnHelper([
    "--allow-net=127.0.0.1",
    new URL("./fake_model_server.ts", import.meta.url).pathname,
    "--provider",
    provider,
    "--first-token-ms",
    String(firstTokenMs),
    ...(options.mind ? ["--jobs"] : []),
  ], /URL (\S+)/);
  const settings: Record<string, string> = provider === "openai"
    ? { LLM_PROVIDER: "openai", OPENAI_BASE_URL: fake.announced }
    : { OLLAMA_HOST: fake.announced };
  const mind = String(options.mind);
  const server = await spawnServer({
    ...settings,
    LLM_CONCURRENCY: String(llmConcurrency),
    LOG_LEVEL: "warn",
    MEMORY_EXTRACTION: mind,
    MEMORY_REFLECTION: mind,
  });
  const { personas } = await (await fetch(`${server.apiUrl}/personas`)).json();
  return {
    label: options.label,
    apiUrl: server.apiUrl,
    wsUrl: server.wsUrl,
    personaId: personas[0].id,
    async stop() {
      await server.stop();
      await fake.stop();
    },
  };
}

/** Samples of `sessions` concurrent sessions on `stack` (after a short warm-up). */
async function measure(stack: Stack, sessions: number): Promise<Sample[]> {
  await session(stack.wsUrl, stack.personaId, 3);
  const runs = await Promise.all(
    Array.from({ length: sessions }, () => session(stack.wsUrl, stack.personaId, chatsPerSession)),
  );
  return runs.flat();
}

function row(label: string, sessions: number, samples: Sample[]): string {
  const overhead = samples.map((s) => s.totalMs - firstTokenMs).sort((a, b) => a - b);
  const firstChunk = samples.map((s) => s.firstChunkMs - firstTokenMs).sort((a, b) => a - b);
  const cells = [
    percentile(overhead, 50),
    percentile(overhead, 99),
    percentile(firstChunk, 50),
    percentile(firstChunk, 99),
  ].map((ms) => ms.toFixed(2));
  return `| ${label} | ${sessions} | ${samples.length} | ${cells.join(" | ")} |`;
}

const stacks = compareExtraction
  ? [
    await startStack(chosenProvider, { label: "extraction off", mind: false }),
    await startStack(chosenProvider, { label: "extraction on", mind: true }),
  ]
  : [
    await startStack("ollama", { label: "ollama", mind: false }),
    await startStack("openai", { label: "openai", mind: false }),
  ];
try {
  const samples = new Map<string, Sample[]>();
  for (let round = 0; round < rounds; round++) {
    for (const sessions of [1, 32]) {
      for (const stack of round % 2 ? [...stacks].reverse() : stacks) {
        const key = `${stack.label} ${sessions}`;
        samples.set(key, [...samples.get(key) ?? [], ...await measure(stack, sessions)]);
      }
    }
  }
  console.log(
    `first-token delay ${firstTokenMs} ms, ${chatsPerSession} chats per session, ${rounds} rounds, ` +
      `LLM_CONCURRENCY=${llmConcurrency}, ${Deno.build.target}`,
  );
  console.log(
    `| ${
      compareExtraction ? `${chosenProvider} stack` : "provider"
    } | sessions | chats | latency - delay p50 ms | p99 ms | first chunk - delay p50 ms | p99 ms |`,
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const sessions of [1, 32]) {
    for (const stack of stacks) {
      console.log(row(stack.label, sessions, samples.get(`${stack.label} ${sessions}`) ?? []));
    }
  }
  for (const stack of stacks) {
    const { jobs } = await (await fetch(`${stack.apiUrl}/system/status`)).json();
    console.log(`${stack.label}: background jobs ${JSON.stringify(jobs)}`);
  }
} finally {
  for (const stack of stacks) await stack.stop();
}
