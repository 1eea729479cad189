/**
 * The server's own overhead per chat (`deno task bench:chat`), for each provider side by side in
 * one run: the Ollama-compatible and the OpenAI-compatible test server (each its own process)
 * answer after the same fixed first-token delay; the persona server (its own process) runs with
 * enough LLM slots that nothing queues. Reported: median and p99 of chat latency minus that
 * delay, and of time to first chunk minus the first-token delay, at 1 and at 32 concurrent
 * sessions.
 *
 *   deno task bench:chat [--first-token-ms 100] [--chats 30]
 */
import { spawnServer } from "../_helpers.ts";
import { numberFlag, percentile, spawnHelper } from "./_load.ts";

const firstTokenMs = numberFlag(Deno.args, "first-token-ms", 100);
const chatsPerSession = numberFlag(Deno.args, "chats", 30);

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

/** Measures `sessions` concurrent sessions on `stack`; prints one table row. */
async function row(stack: Stack, sessions: number): Promise<void> {
  await session(stack.wsUrl, stack.personaId, 3); // warm-up
  const runs = await Promise.all(
    Array.from({ length: sessions }, () => session(stack.wsUrl, stack.personaId, chatsPerSession)),
  );
  const samples = runs.flat();
  const overhead = samples.map((s) => s.totalMs - firstTokenMs).sort((a, b) => a - b);
  const firstChunk = samples.map((s) => s.firstChunkMs - firstTokenMs).sort((a, b) => a - b);
  console.log(
    `| ${stack.provider} | ${sessions} | ${samples.length} | ${
      percentile(overhead, 50).toFixed(2)
    } | ${percentile(overhead, 99).toFixed(2)} | ${percentile(firstChunk, 50).toFixed(2)} | ${
      percentile(firstChunk, 99).toFixed(2)
    } |`,
  );
}

// Both stacks run at once and are measured in turns, so that drift of the machine hits both.
const stacks = [await startStack("ollama"), await startStack("openai")];
try {
  console.log(
    `first-token delay ${firstTokenMs} ms, ${chatsPerSession} chats per session, ${Deno.build.target}`,
  );
  console.log(
    "| provider | sessions | chats | latency - delay p50 ms | p99 ms | first chunk - delay p50 ms | p99 ms |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const sessions of [1, 32]) {
    for (const stack of stacks) await row(stack, sessions);
  }
} finally {
  for (const stack of stacks) await stack.stop();
}
