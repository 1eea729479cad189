/**
 * attack37: a LIVE database that already holds supersession cycles (as an older build wrote
 * them): every memory method over it, each timed with a 60 s guard.
 *   deno run -A .a37/live_cycle.ts [tree] [port=23720] [chain=50]
 */
import { DatabaseSync } from "node:sqlite";
import { Rpc, startServer } from "./wire.ts";

const [tree = "", portText = "23720", chainText = "50"] = Deno.args;
const chain = Number(chainText);
const dir = await Deno.makeTempDir({ prefix: "a37_live_" });
const env = { DATA_DIR: dir, KEEP_DIR: "1" };
let server = await startServer(tree || undefined, Number(portText), env);
let rpc = await Rpc.open(server.ws);
const { persona_id } = await rpc.call("persona.create", { name: "Cyc", description: "x" });
const ids: string[] = [];
for (let i = 0; i < chain; i++) {
  const r = await rpc.call("memory.store", {
    persona_id,
    content: `Cyc lives in town ${i} near the river`,
    created_at: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
    supersedes: ids.slice(-1),
  });
  ids.push(r.memory_id);
}
// A second, separate cycle of one (a self-link) and a 2-cycle.
const self =
  (await rpc.call("memory.store", { persona_id, content: "Cyc owns a red kayak" })).memory_id;
const p1 =
  (await rpc.call("memory.store", { persona_id, content: "Cyc's cat is called Mo" })).memory_id;
const p2 = (await rpc.call("memory.store", {
  persona_id,
  content: "Cyc's cat is called Bo",
  supersedes: [p1],
})).memory_id;
rpc.close();
await server.stop();
const db = new DatabaseSync(`${dir}/persona.db`);
const set = db.prepare("UPDATE memories SET supersedes = ?, superseded_by = ? WHERE id = ?");
db.prepare("UPDATE memories SET supersedes = ? WHERE id = ?").run(
  JSON.stringify([ids.at(-1)]),
  ids[0]!,
);
db.prepare("UPDATE memories SET superseded_by = ? WHERE id = ?").run(ids[0]!, ids.at(-1)!);
set.run(JSON.stringify([self]), self, self);
set.run(JSON.stringify([p2]), p2, p1);
db.close();

server = await startServer(tree || undefined, Number(portText), env);
rpc = await Rpc.open(server.ws);
async function step(label: string, method: string, params: object) {
  const start = performance.now();
  const reply = await Promise.race([
    rpc.raw(method, params),
    new Promise<{ error: string }>((r) => setTimeout(() => r({ error: "TIMEOUT 60 s" }), 60_000)),
  ]);
  console.log(
    `${label}: ${(performance.now() - start).toFixed(0)} ms rss ${server.rss().toFixed(0)}`,
    JSON.stringify(reply.error ?? reply.result).slice(0, 300),
  );
  return reply;
}
const mid = ids[Math.floor(chain / 2)]!;
await step("list", "memory.list", { persona_id, limit: 100 });
await step("search", "memory.search", { persona_id, query: "where does Cyc live" });
await step("search kayak", "memory.search", { persona_id, query: "what does Cyc own" });
await step("search cat", "memory.search", { persona_id, query: "what is the cat called" });
await step("update content first", "memory.update", {
  memory_id: ids[0],
  content: "Cyc lives in Oslo now",
});
await step("update content mid", "memory.update", {
  memory_id: mid,
  content: "Cyc lives in Bergen",
});
await step("update self content", "memory.update", {
  memory_id: self,
  content: "Cyc owns a blue kayak",
});
await step("update p1 importance", "memory.update", { memory_id: p1, importance: 0.9 });
await step("update mid supersedes first", "memory.update", {
  memory_id: mid,
  supersedes: [ids[0]],
});
await step("update first supersedes []", "memory.update", { memory_id: ids[0], supersedes: [] });
await step("store superseding mid", "memory.store", {
  persona_id,
  content: "Cyc lives in Tromsø",
  supersedes: [mid],
});
await step("store superseding self", "memory.store", {
  persona_id,
  content: "Cyc owns a green kayak",
  supersedes: [self],
});
await step("store superseding p1,p2", "memory.store", {
  persona_id,
  content: "Cyc's cat is called Jo",
  supersedes: [p1, p2],
});
await step("search again", "memory.search", { persona_id, query: "where does Cyc live" });
await step("search kayak again", "memory.search", { persona_id, query: "what does Cyc own" });
await step("stats", "memory.get_stats", { persona_id });
await step("decay", "memory.decay_force", { persona_id });
await step("reindex", "memory.reindex", { persona_id });
await step("prune recs", "memory.prune_recommendations", { persona_id });
await step("export", "persona.export", { persona_id });
await step("delete mid+1", "memory.delete", { memory_id: ids[Math.floor(chain / 2) + 1] });
await step("delete self", "memory.delete", { memory_id: self });
await step("delete p2", "memory.delete", { memory_id: p2 });
await step("search after deletes", "memory.search", { persona_id, query: "where does Cyc live" });
await step("prune", "memory.prune", { persona_id, max_memories: 5 });
await step("list after", "memory.list", { persona_id, limit: 100 });
{
  const all = (await rpc.call("memory.list", { persona_id, limit: 100 })).memories as Array<
    { id: string; content: string; supersedes: string[]; superseded_by: string | null }
  >;
  const byId = new Map(all.map((m) => [m.id, m]));
  const current = all.filter((m) => m.superseded_by === null).map((m) => m.content);
  console.log("current:", current.length, JSON.stringify(current));
  for (const m of all) {
    if (m.superseded_by && !byId.get(m.superseded_by)?.supersedes.includes(m.id)) {
      console.log(
        "INCONSISTENT superseded_by",
        m.content,
        "->",
        byId.get(m.superseded_by)?.content ?? m.superseded_by,
      );
    }
    for (const s of m.supersedes) {
      if (byId.get(s)?.superseded_by !== m.id) {
        console.log(
          "INCONSISTENT supersedes",
          m.content,
          "->",
          byId.get(s)?.content ?? s,
          byId.get(s)?.superseded_by,
        );
      }
    }
  }
  // Cycles left?
  for (const m of all) {
    const seen = new Set<string>();
    let at: typeof m | undefined = m;
    while (at?.superseded_by && !seen.has(at.id)) {
      seen.add(at.id);
      at = byId.get(at.superseded_by);
    }
    if (at && seen.has(at.id)) {
      console.log("CYCLE remains through", m.content);
      break;
    }
  }
}
await step("persona.delete", "persona.delete", { persona_id });
rpc.close();
await server.stop();
await Deno.remove(dir, { recursive: true });
