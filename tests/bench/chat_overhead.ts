/**
 * The server's own overhead per chat (`deno task bench:chat`). The Ollama-compatible test
 * server (its own process) answers after a fixed first-token delay; the persona server (its own
 * process) runs with enough LLM slots that nothing queues. Reported: median and p99 of chat
 * latency minus that delay, and of time to first chunk minus the first-token delay, at 1 and at
 * 32 concurrent sessions.
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

const fake = await spawnHelper([
  "--allow-net=127.0.0.1",
  new URL("./fake_ollama_server.ts", import.meta.url).pathname,
  "--first-token-ms",
  String(firstTokenMs),
], /URL (\S+)/);
const server = await spawnServer({
  OLLAMA_HOST: fake.announced,
  LLM_CONCURRENCY: "64",
  LOG_LEVEL: "warn",
});
try {
  const { personas } = await (await fetch(`${server.apiUrl}/personas`)).json();
  console.log(
    `first-token delay ${firstTokenMs} ms, ${chatsPerSession} chats per session, ${Deno.build.target}`,
  );
  console.log(
    "| sessions | chats | latency - delay p50 ms | p99 ms | first chunk - delay p50 ms | p99 ms |",
  );
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const sessions of [1, 32]) {
    await session(server.wsUrl, personas[0].id, 3); // warm-up
    const runs = await Promise.all(
      Array.from(
        { length: sessions },
        () => session(server.wsUrl, personas[0].id, chatsPerSession),
      ),
    );
    const samples = runs.flat();
    const overhead = samples.map((s) => s.totalMs - firstTokenMs).sort((a, b) => a - b);
    const firstChunk = samples.map((s) => s.firstChunkMs - firstTokenMs).sort((a, b) => a - b);
    console.log(
      `| ${sessions} | ${samples.length} | ${percentile(overhead, 50).toFixed(2)} | ${
        percentile(overhead, 99).toFixed(2)
      } | ${percentile(firstChunk, 50).toFixed(2)} | ${percentile(firstChunk, 99).toFixed(2)} |`,
    );
  }
} finally {
  await server.stop();
  await fake.stop();
}
