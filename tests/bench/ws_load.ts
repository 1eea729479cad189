/**
 * Load benchmark (`deno task bench`): `persona.get` over 64 WebSocket connections for a fixed
 * time against the real server (its own process), beside a bare `Deno.serve` WebSocket echo
 * measured by the same client in the same run. The ratio is the figure that counts.
 *
 *   deno task bench [--connections 64] [--seconds 10]
 */
import { numberFlag, printResults, runWebSocketLoad } from "./_load.ts";
import { spawnServer } from "../_helpers.ts";

const connections = numberFlag(Deno.args, "connections", 64);
const seconds = numberFlag(Deno.args, "seconds", 10);

async function startEcho(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net=127.0.0.1", new URL("./echo_server.ts", import.meta.url).pathname],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!/PORT (\d+)/.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error("echo server exited");
    text += value;
  }
  reader.releaseLock();
  const port = /PORT (\d+)/.exec(text)![1];
  return {
    url: `ws://127.0.0.1:${port}/`,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await child.stdout.cancel().catch(() => {});
    },
  };
}

const echo = await startEcho();
const server = await spawnServer({ LOG_LEVEL: "warn" });
try {
  const personas = await (await fetch(`${server.apiUrl}/personas`)).json();
  const personaId = personas.personas[0].id as string;
  console.log(`${connections} connections, ${seconds}s per run, ${Deno.build.target}`);
  const request = (n: number) =>
    JSON.stringify({
      jsonrpc: "2.0",
      method: "persona.get",
      params: { persona_id: personaId },
      id: n,
    });
  const echoResult = await runWebSocketLoad("bare Deno.serve echo", {
    url: echo.url,
    connections,
    seconds,
    frame: request,
  });
  const serverResult = await runWebSocketLoad("persona-mcp persona.get", {
    url: server.wsUrl,
    connections,
    seconds,
    frame: request,
  });
  printResults([echoResult, serverResult]);
} finally {
  await server.stop();
  await echo.stop();
}
