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
 *   deno task bench:chat [--first-token-ms 100] [--chats 30] [--rounds 3]
 */
import { spawnServer } from "../_helpers.ts";
import { numberFlag, percentile, spawnHelper } from "./_load.ts";

const firstTokenMs = numberFlag(Deno.args, "first-token-ms", 100);
const chatsPerSession = numberFlag(Deno.args, "chats", 30);
const rounds = numberFlag(Deno.args, "rounds", 3);

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
  provider: "ollama" | "openai";
  wsUrl: string;
  personaId: string;
  stop(): Promise<void>;
}

/** Starts one provider's test server and a persona server talking to it. */
async function startStack(provider: "ollama" | "openai"): Promise<Stack> {
  const fake = await spawnHelper([
    "--allow-net=127.0.0.1",
    new URL("./fake_model_server.ts", import.meta.url).pathname,
    "--provider",
    provider,
    "--first-token-ms",
    String(firstTokenMs),
  ], /URL (\S+)/);
  const settings: Record<string, string> = provider === "openai"
    ? { LLM_PROVIDER: "openai", OPENAI_BASE_URL: fake.announced }
    : { OLLAMA_HOST: fake.announced };
  const server = await spawnServer({ ...settings, LLM_CONCURRENCY: "64", LOG_LEVEL: "warn" });
  const { personas } = await (await fetch(`${server.apiUrl}/personas`)).json();
  return {
    provider,
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

function row(provider: string, sessions: number, samples: Sample[]): string {
  const overhead = samples.map((s) => s.totalMs - firstTokenMs).sort((a, b) => a - b);
  const firstChunk = samples.map((s) => s.firstChunkMs - firstTokenMs).sort((a, b) => a - b);
  const cells = [
    percentile(overhead, 50),
    percentile(overhead, 99),
    percentile(firstChunk, 50),
    percentile(firstChunk, 99),
  ].map((ms) => ms.toFixed(2));
  return `| ${provider} | ${sessions} | ${samples.length} | ${cells.join(" | ")} |`;
}

const stacks = [await startStack("ollama"), await startStack("openai")];
try {
  const samples = new Map<string, Sample[]>();
  for (let round = 0; round < rounds; round++) {
    for (const sessions of [1, 32]) {
      for (const stack of round % 2 ? [...stacks].reverse() : stacks) {
        const key = `${stack.provider} ${sessions}`;
        samples.set(key, [...samples.get(key) ?? [], ...await measure(stack, sessions)]);
      }
    }
  }
  console.log(
    `first-token delay ${firstTokenMs} ms, ${chatsPerSession} chats per session, ${rounds} rounds, ${Deno.build.target}`,
  );
  console.log(
    "| provider | sessions | chats | latency - delay p50 ms | p99 ms | first chunk - delay p50 ms | p99 ms |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const sessions of [1, 32]) {
    for (const stack of stacks) {
      console.log(
        row(stack.provider, sessions, samples.get(`${stack.provider} ${sessions}`) ?? []),
      );
    }
  }
} finally {
  for (const stack of stacks) await stack.stop();
}
