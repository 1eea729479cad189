/**
 * attack38: is the server responsive while a bundle of long memories is imported? A WebSocket is
 * held idle, health is asked every 500 ms (REST) and a WS request every 2 s while the import runs;
 * the longest wait of each is printed, and whether the socket survived.
 * Usage: deno run -A .a38/stall.ts [tree] [port] [count]
 */
import { Rpc, seeded, startServer } from "./wire.ts";

const [tree = "", portText = "23710", countText = "600"] = Deno.args;
const count = Number(countText);
const server = await startServer(tree || undefined, Number(portText));
const idle = await Rpc.open(server.ws);
const busy = await Rpc.open(server.ws);
const random = seeded(38);
const syllables = ["ka", "lo", "mi", "ren", "tor", "va", "shu", "pel", "dri", "nox", "qua", "bel"];
const word = () =>
  Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * 12)])
    .join("");
const memories = Array.from({ length: count }, (_, i) => {
  const parts = [`Zed ${word()}`];
  let length = 0;
  while (length < 9_900) length += parts[parts.push(word()) - 1]!.length + 1;
  return {
    id: `m${i}`,
    content: parts.join(" ").slice(0, 9_990),
    memory_type: "fact",
    importance: 0.5,
    emotional_valence: 0,
    related_personas: [],
    visibility: "private",
    metadata: {},
    created_at: new Date(Date.parse("2025-01-01") + i * 1000).toISOString(),
    supersedes: [],
  };
});
const body = JSON.stringify({
  format: "persona-mcp/bundle",
  version: 1,
  exported_at: new Date().toISOString(),
  persona: { name: "Stall", description: "x" },
  memories,
});
let done = false;
let worstHealth = 0;
let worstRpc = 0;
const healthLoop = (async () => {
  while (!done) {
    const start = performance.now();
    await fetch(`${server.api}/health`).then((r) => r.body?.cancel());
    worstHealth = Math.max(worstHealth, performance.now() - start);
    await new Promise((r) => setTimeout(r, 500));
  }
})();
const rpcLoop = (async () => {
  while (!done) {
    const start = performance.now();
    const reply = await busy.raw("persona.list", {});
    if (reply.error) console.log("busy socket:", JSON.stringify(reply.error).slice(0, 200));
    worstRpc = Math.max(worstRpc, performance.now() - start);
    await new Promise((r) => setTimeout(r, 2000));
  }
})();
console.log("import starts", new Date().toISOString());
const start = performance.now();
const res = await fetch(`${server.api}/personas/bundles`, {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body,
});
const out = await res.json();
console.log(
  `import ${count}: ${(performance.now() - start).toFixed(0)} ms status ${res.status}`,
  `restored ${out.restored?.memories} rss ${server.rss().toFixed(0)} MiB`,
);
done = true;
await Promise.all([healthLoop, rpcLoop]);
console.log(
  `worst health ${worstHealth.toFixed(0)} ms, worst persona.list ${worstRpc.toFixed(0)} ms`,
);
const after = await idle.raw("persona.list", {});
console.log(
  "idle socket after:",
  after.error ? JSON.stringify(after.error) : "answered",
  "busy:",
  busy.closed ?? "open",
);
idle.close();
busy.close();
await server.stop();
