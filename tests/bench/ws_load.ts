/**
 * Load benchmark (`deno task bench`): `persona.get` over 64 WebSocket connections for a fixed
 * time against the real server (its own process), beside a bare `Deno.serve` WebSocket echo
 * measured by the same client in the same run. The ratio is the figure that counts. A `ping`
 * load shows the JSON-RPC path alone (persona.get also reads two counts from SQLite for its
 * memory_stats). The loads alternate in rounds so that a noisy neighbour hurts all alike.
 *
 *   deno task bench [--connections 64] [--seconds 10] [--rounds 4]
 */
import {
  type LoadSamples,
  mergeRuns,
  numberFlag,
  printResults,
  runWebSocketLoad,
  spawnHelper,
} from "./_load.ts";
import { spawnServer } from "../_helpers.ts";

const connections = numberFlag(Deno.args, "connections", 64);
const seconds = numberFlag(Deno.args, "seconds", 10);
const rounds = numberFlag(Deno.args, "rounds", 4);

const echo = await spawnHelper(
  ["--allow-net=127.0.0.1", new URL("./echo_server.ts", import.meta.url).pathname],
  /PORT (\d+)/,
);
const server = await spawnServer({ LOG_LEVEL: "warn" });
try {
  const personas = await (await fetch(`${server.apiUrl}/personas`)).json();
  const personaId = personas.personas[0].id as string;
  console.log(
    `${connections} connections, ${seconds}s per load in ${rounds} alternating rounds, ${Deno.build.target}`,
  );
  const request = (n: number) =>
    JSON.stringify({
      jsonrpc: "2.0",
      method: "persona.get",
      params: { persona_id: personaId },
      id: n,
    });
  const ping = (n: number) => JSON.stringify({ jsonrpc: "2.0", method: "ping", id: n });
  const echoRuns: LoadSamples[] = [];
  const serverRuns: LoadSamples[] = [];
  const pingRuns: LoadSamples[] = [];
  for (let round = 0; round < rounds; round++) {
    const common = { connections, seconds: seconds / rounds };
    const echoUrl = `ws://127.0.0.1:${echo.announced}/`;
    echoRuns.push(await runWebSocketLoad({ url: echoUrl, ...common, frame: request }));
    serverRuns.push(await runWebSocketLoad({ url: server.wsUrl, ...common, frame: request }));
    pingRuns.push(await runWebSocketLoad({ url: server.wsUrl, ...common, frame: ping }));
  }
  printResults([
    mergeRuns("bare Deno.serve echo (persona.get frame)", echoRuns),
    mergeRuns("persona-mcp persona.get", serverRuns),
    mergeRuns("persona-mcp ping (the JSON-RPC path alone)", pingRuns),
  ]);
} finally {
  await server.stop();
  await echo.stop();
}
