/**
 * Test support: pings a JSON-RPC WebSocket from its own process (so that the test process's own
 * work never counts as the server's latency) until its stdin closes, then prints the round-trip
 * times as JSON: `{p99, max, count}` in ms. Run: `deno run --allow-net tests/_ping_probe.ts URL MS`.
 *
 * @module
 */
import { RpcClient } from "./_helpers.ts";

/** The probe's figures. */
export interface PingFigures {
  p99: number;
  max: number;
  median: number;
  count: number;
}

/** Starts the probe process; `stop()` ends it and resolves to its figures. */
export async function startPingProbe(
  url: string,
  everyMs = 5,
): Promise<{ stop(): Promise<PingFigures> }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      import.meta.filename!,
      url,
      String(everyMs),
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("READY\n")) {
    const { value, done } = await lines.read();
    if (done) throw new Error(`ping probe ended early: ${text}`);
    text += value;
  }
  return {
    async stop() {
      await child.stdin.close();
      while (true) {
        const { value, done } = await lines.read();
        if (done) break;
        text += value;
      }
      await child.status;
      return JSON.parse(text.slice(text.indexOf("READY\n") + 6));
    },
  };
}

async function probe(url: string, everyMs: number): Promise<void> {
  const client = await RpcClient.connect(url);
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await client.call("ping");
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  console.log("READY");
  for await (const _ of Deno.stdin.readable) { /* until the test closes stdin */ }
  running = false;
  await loop;
  await client.close();
  const sorted = times.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
  console.log(
    JSON.stringify({ p99: at(0.99), max: sorted.at(-1), median: at(0.5), count: sorted.length }),
  );
}

if (import.meta.main) await probe(Deno.args[0] ?? "", Number(Deno.args[1] ?? 5));
