/**
 * attack37: the same long supersession chain imported into a server of each tree, then the same
 * operations alternated between them (base first, then tree, each round): searches that reach the
 * chain and memory.update's cycle check over it.
 *   deno run -A .a37/chain_pair.ts <base tree> <port> [count=10000] [rounds=5] [shape=chain|tangle]
 */
import { Rpc, startServer, timed } from "./wire.ts";

const [baseTree, portText = "23760", countText = "10000", roundsText = "5", shape = "chain"] =
  Deno.args;
const count = Number(countText);
const start = Date.parse("2025-01-01T00:00:00Z");
const memories = Array.from({ length: count }, (_, i) => ({
  id: `m${i}`,
  content: `fact ${i} about the garden`,
  memory_type: "fact",
  importance: 0.5,
  emotional_valence: 0,
  related_personas: [],
  visibility: "private",
  metadata: {},
  created_at: new Date(shape === "tangle" ? start : start + i * 1000).toISOString(),
  supersedes: shape === "tangle"
    ? [`m${(i + 1) % count}`, `m${(i + 7) % count}`]
    : i
    ? [`m${i - 1}`]
    : [],
}));
const body = JSON.stringify({
  format: "persona-mcp/bundle",
  version: 1,
  exported_at: new Date().toISOString(),
  persona: { name: "Pair", description: "x" },
  memories,
});
const sides = [];
for (
  const [label, tree, port] of [["base", baseTree, Number(portText)], [
    "tree",
    "",
    Number(portText) + 2,
  ]] as const
) {
  const server = await startServer(tree || undefined, port);
  const rpc = await Rpc.open(server.ws);
  const res = await fetch(`${server.api}/personas/bundles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const out = await res.json();
  const persona_id = out.persona_id;
  const exported = await (await fetch(`${server.api}/personas/${persona_id}/bundle`)).json();
  // deno-lint-ignore no-explicit-any
  const oldest = exported.memories.find((m: any) => m.content === "fact 0 about the garden").id;
  const loose =
    (await rpc.call("memory.store", { persona_id, content: "an unrelated note" })).memory_id;
  sides.push({ label, server, rpc, persona_id, oldest, loose });
  console.log(label, "imported", res.status, out.restored?.memories);
}
const times: Record<string, Record<string, number[]>> = { base: {}, tree: {} };
for (let round = 0; round < Number(roundsText); round++) {
  for (const side of sides) {
    const ops: Array<[string, string, object]> = [
      ["search garden", "memory.search", {
        persona_id: side.persona_id,
        query: `garden fact ${round}`,
      }],
      ["search fact 3", "memory.search", {
        persona_id: side.persona_id,
        query: `fact ${round + 3} about the garden`,
      }],
      ["update supersedes", "memory.update", { memory_id: side.oldest, supersedes: [side.loose] }],
      ["update unlink", "memory.update", { memory_id: side.oldest, supersedes: [] }],
    ];
    for (const [name, method, params] of ops) {
      const [ms, reply] = await timed(() => side.rpc.raw(method, params));
      if (reply.error) console.log(side.label, name, JSON.stringify(reply.error).slice(0, 200));
      (times[side.label]![name] ??= []).push(ms);
    }
  }
}
console.log(`load ${Deno.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
for (const name of Object.keys(times.base!)) {
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `${name}: base ${times.base![name]!.join("/")} (median ${med(times.base![name]!)}) | tree ${
      times.tree![name]!.join("/")
    } (median ${med(times.tree![name]!)}) ms`,
  );
}
for (const side of sides) {
  side.rpc.close();
  await side.server.stop();
}
