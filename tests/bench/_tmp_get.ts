import { buildServer } from "../../core/server/server.ts";
import { testConfig, testLogger } from "../_helpers.ts";
import { profileMemoryStats } from "../../core/memory/profile.ts";
const parts = await buildServer(testConfig({ LOG_LEVEL: "error" }), { log: testLogger() });
const { services, connections } = parts;
const persona = services.personas.list()[0]!;
const session = services.sessions.open("websocket");
const d = connections.dispatcher;
async function time(label: string, n: number, f: (i: number) => unknown) {
  for (let i = 0; i < 2000; i++) await f(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f(i);
  console.log(label, ((performance.now() - t0) * 1000 / n).toFixed(1), "µs");
}
const get = (i: number) =>
  JSON.stringify({
    jsonrpc: "2.0",
    method: "persona.get",
    params: { persona_id: persona.id },
    id: i,
  });
const ping = (i: number) => JSON.stringify({ jsonrpc: "2.0", method: "ping", id: i });
for (let r = 0; r < 2; r++) {
  await time("ping (handleText)", 20000, (i) => d.handleText(ping(i), session));
  await time("persona.get (handleText)", 20000, (i) => d.handleText(get(i), session));
  await time("profileMemoryStats", 20000, () => profileMemoryStats(services, persona));
  await time("memory.count", 20000, () => services.memory.count(persona));
  await time(
    "JSON.stringify persona",
    20000,
    () => JSON.stringify({ jsonrpc: "2.0", id: 1, result: { persona } }),
  );
}
