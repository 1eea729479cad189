/**
 * attack38: resident memory at scale: `bundles` bundles of `count` memories of ~10,000
 * characters each (each a persona of its own, under the 16 MB body limit), then broad and
 * narrow searches over each; RSS after every step.
 * Usage: deno run -A .a38/scale.ts [tree] [port] [bundles] [count]
 */
import { Rpc, seeded, startServer } from "./wire.ts";

const [tree = "", portText = "23720", bundlesText = "10", countText = "1400"] = Deno.args;
const server = await startServer(tree || undefined, Number(portText));
const random = seeded(38);
const syllables = ["ka", "lo", "mi", "ren", "tor", "va", "shu", "pel", "dri", "nox", "qua", "bel"];
const word = () =>
  Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * 12)])
    .join("");
const ids: string[] = [];
let peak = server.rss();
const log = (line: string) => {
  const rss = server.rss();
  peak = Math.max(peak, rss);
  console.log(`${line} rss ${rss.toFixed(0)} MiB (peak ${peak.toFixed(0)})`);
};
for (let b = 0; b < Number(bundlesText); b++) {
  const memories = Array.from({ length: Number(countText) }, (_, i) => {
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
    persona: { name: `Scale${b}`, description: "x" },
    memories,
  });
  const start = performance.now();
  const res = await fetch(`${server.api}/personas/bundles`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  const out = await res.json();
  ids.push(out.persona_id);
  log(
    `import ${b} (${(body.length / 1e6).toFixed(1)} MB): ${
      (performance.now() - start).toFixed(0)
    } ms ` +
      `status ${res.status} restored ${
        out.restored?.memories ?? JSON.stringify(out).slice(0, 200)
      }`,
  );
}
const rpc = await Rpc.open(server.ws);
for (const persona_id of ids) {
  const rounds = Number(Deno.env.get("A38_ROUNDS") ?? 1);
  const asked = [["tell me about Zed", 100], ["Zed kalo", 100]] as const;
  for (const [query, n] of Array.from({ length: rounds }, () => asked).flat()) {
    const start = performance.now();
    const reply = await rpc.raw("memory.search", { persona_id, query, n_results: n });
    log(
      `search "${query}" n=${n}: ${(performance.now() - start).toFixed(0)} ms ` +
        (reply.error
          ? JSON.stringify(reply.error).slice(0, 200)
          : `${(reply.result.results ?? reply.result.memories)?.length}`),
    );
  }
}
rpc.close();
await server.stop();
