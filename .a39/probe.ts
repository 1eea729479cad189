/**
 * attack38: memories imported by bundle over REST, then searches over the WebSocket, each timed
 * with the server's RSS. Usage: deno run -A .a38/probe.ts [tree] [port] [probe] [count]
 * Probes: broad (memories all naming Zed, long and varied; "tell me about Zed"), heads (long
 * note-like lines with a separator at the end), pairs ("me and X" at scale).
 */
import { Rpc, seeded, startServer } from "./wire.ts";

const [tree = "", portText = "23700", probe = "broad", countText = "2000"] = Deno.args;
const count = Number(countText);
const words = Number(Deno.env.get("A38_WORDS") ?? 1200);
const server = await startServer(tree || undefined, Number(portText));
const random = seeded(38);
const t = async <T>(label: string, fn: () => Promise<T>): Promise<T | undefined> => {
  const start = performance.now();
  try {
    const out = await fn();
    console.log(
      `${label}: ${(performance.now() - start).toFixed(0)} ms rss ${server.rss().toFixed(0)} MiB`,
      JSON.stringify(out).slice(0, 300),
    );
    return out;
  } catch (error) {
    console.log(
      `${label}: ${(performance.now() - start).toFixed(0)} ms FAILED`,
      String(error).slice(0, 400),
    );
  }
};
const syllables = ["ka", "lo", "mi", "ren", "tor", "va", "shu", "pel", "dri", "nox", "qua", "bel"];
function word(): string {
  let out = "";
  const n = 2 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) out += syllables[Math.floor(random() * syllables.length)];
  return out;
}
function text(i: number): string {
  switch (probe) {
    case "broad": {
      const parts = [`Zed ${word()}`];
      let length = 0;
      while (length < 9_900 && parts.length < words) {
        length += parts[parts.push(word()) - 1]!.length + 1;
      }
      return parts.join(" ").slice(0, 9_990);
    }
    case "heads": {
      const parts: string[] = [];
      let length = 0;
      while (length < 9_900) length += parts[parts.push(word()) - 1]!.length + 1;
      return (parts.join(" ").slice(0, 9_950) + " garden: note " + i);
    }
    case "many":
      return `Zed ${word()} ${word()} the ${word()} ${i}`;
    case "seps":
      return "a: b: c: d: ".repeat(800).slice(0, 9_990);
    case "pairs": {
      const parts: string[] = [];
      let length = 0;
      while (length < 9_900) length += parts[parts.push(`me and ${word()}`) - 1]!.length + 5;
      return parts.join(" and ").slice(0, 9_990);
    }
    default:
      throw new Error(probe);
  }
}
const base = Date.parse("2025-01-01T00:00:00Z");
const memories = Array.from({ length: count }, (_, i) => ({
  id: `m${i}`,
  content: text(i),
  memory_type: "fact",
  importance: 0.5,
  emotional_valence: 0,
  related_personas: [],
  visibility: "private",
  metadata: {},
  created_at: new Date(base + i * 1000).toISOString(),
  supersedes: [],
}));
const body = JSON.stringify({
  format: "persona-mcp/bundle",
  version: 1,
  exported_at: new Date().toISOString(),
  persona: { name: `P${probe}`, description: "x" },
  memories,
});
// deno-lint-ignore no-explicit-any
const imported: any = await t(
  `import ${count} (${(body.length / 1e6).toFixed(1)} MB)`,
  async () => {
    const res = await fetch(`${server.api}/personas/bundles`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });
    const out = await res.json();
    return { status: res.status, restored: out.restored, id: out.persona_id, error: out.error };
  },
);
const persona_id = imported?.id;
// Opened after the memories are made: a client busy for over 30 s answers no ping and is closed.
const rpc = await Rpc.open(server.ws);
const queries: Record<string, string[]> = {
  broad: [
    "tell me about Zed",
    "what do I know about Zed",
    "tell me about the",
    "tell me about 🦊",
    "tell me about " + Array.from({ length: 400 }, word).join(" ").slice(0, 1_980),
  ],
  heads: ["garden note", "what is in the garden"],
  many: ["tell me about Zed", "what's going on with Zed", "Zed"],
  seps: ["a b c", "what is a"],
  pairs: ["who do me and Lars go with", "tell me about me and kalo"],
};
const ns = (Deno.env.get("A38_N") ?? "5,100").split(",").map(Number);
for (const query of queries[probe]!) {
  for (const n of ns) {
    for (let round = 0; round < Number(Deno.env.get("A38_ROUNDS") ?? 2); round++) {
      await t(`search n=${n} "${query.slice(0, 40)}" (${query.length})`, async () => {
        const out = await rpc.call("memory.search", { persona_id, query, n_results: n });
        return (out.results ?? out.memories ?? []).length;
      });
    }
  }
}
rpc.close();
await server.stop();
