/**
 * Load benchmark (`deno task bench`): `persona.get` over 64 WebSocket connections for a fixed
 * time against the real server (its own process), beside a bare `Deno.serve` WebSocket echo
 * measured by the same client in the same run. The ratio is the figure that counts.
 *
 *   deno task bench [--connections 64] [--seconds 10]
 */
import { numberFlag, printResults, runWebSocketLoad, spawnHelper } from "./_load.ts";
import { spawnServer } from "../_helpers.ts";

const connections = numberFlag(Deno.args, "connections", 64);
const seconds = numberFlag(Deno.args, "seconds", 10);

const echo = await spawnHelper(
  ["--allow-net=127.0.0.1", new URL("./echo_server.ts", import.meta.url).pathname],
  /PORT (\d+)/,
);
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
    url: `ws://127.0.0.1:${echo.announced}/`,
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
