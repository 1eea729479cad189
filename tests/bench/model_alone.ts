/**
 * What the chat benchmark subtracts and waits for, so that only the persona server's own time is
 * counted as its overhead: the model server answering the same kind of request directly (its
 * fixed delay plus its own HTTP and streaming time, at the same concurrency), and a server that
 * has finished its start-up work (word vectors, index warm-up) before it is measured.
 *
 * @module
 */
import { cpuSeconds } from "./_table.ts";

/** The provider of a model server. */
export type Provider = "ollama" | "openai";

/** A system prompt of the size a persona's prompt has (character, scene, memories). */
const SYSTEM = "You are a persona in a benchmark. ".repeat(60);

/** One streamed chat request straight to the model server, read to its end; its latency (ms). */
async function directChat(provider: Provider, baseUrl: string, n: number): Promise<number> {
  const messages = [
    { role: "system", content: SYSTEM },
    { role: "user", content: `benchmark message ${n}` },
  ];
  const url = provider === "openai" ? `${baseUrl}/chat/completions` : `${baseUrl}/api/chat`;
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "llama3.1:8b", messages, stream: true }),
  });
  await response.text();
  return performance.now() - started;
}

/**
 * Latencies (ms) of the model server alone: `sessions` concurrent clients, `chats` requests each,
 * the way the persona server would call it during a chat.
 */
export async function modelAlone(
  provider: Provider,
  baseUrl: string,
  options: { sessions: number; chats: number },
): Promise<number[]> {
  const runs = await Promise.all(Array.from({ length: options.sessions }, async () => {
    const latencies: number[] = [];
    for (let n = 0; n < options.chats; n++) {
      latencies.push(await directChat(provider, baseUrl, n));
    }
    return latencies;
  }));
  return runs.flat();
}

/**
 * Resolves once process `pid` has been idle (under 5% of a core over `windowMs`), or after
 * `limitMs`: work a server starts in the background after READY is not a chat's cost.
 */
export async function settled(pid: number, { windowMs = 500, limitMs = 20_000 } = {}) {
  const end = performance.now() + limitMs;
  while (performance.now() < end) {
    const before = await cpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    if ((await cpuSeconds(pid)) - before <= 0.05 * windowMs / 1000) return;
  }
}
