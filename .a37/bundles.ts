/**
 * attack37: persona.import of bundles with supersession cycles, chains and forks at scale, over
 * REST (16 MB files) and the WebSocket.
 * Usage: deno run -A .a37/bundles.ts [tree] [port] [probe] [count]
 */
import { Rpc, startServer } from "./wire.ts";

const [tree = "", portText = "23700", probe = "all", countText = "50000"] = Deno.args;
const count = Number(countText);
const server = await startServer(tree || undefined, Number(portText));
const rpc = await Rpc.open(server.ws);
const t = async <T>(label: string, fn: () => Promise<T>): Promise<T | undefined> => {
  const start = performance.now();
  try {
    const out = await fn();
    console.log(
      `${label}: ${(performance.now() - start).toFixed(0)} ms rss ${server.rss().toFixed(0)} MiB`,
      JSON.stringify(out).slice(0, 600),
    );
    return out;
  } catch (error) {
    console.log(
      `${label}: ${(performance.now() - start).toFixed(0)} ms FAILED`,
      String(error).slice(0, 600),
    );
  }
};

const base = Date.parse("2025-01-01T00:00:00Z");
function memory(i: number, supersedes: string[], at = base + i * 1000) {
  return {
    id: `m${i}`,
    content: `fact ${i} about the garden`,
    memory_type: "fact",
    importance: 0.5,
    emotional_valence: 0,
    related_personas: [],
    visibility: "private",
    metadata: {},
    created_at: new Date(at).toISOString(),
    supersedes,
  };
}
function bundle(memories: unknown[]) {
  return {
    format: "persona-mcp/bundle",
    version: 1,
    exported_at: new Date().toISOString(),
    persona: { name: `B${Math.random().toString(36).slice(2, 8)}`, description: "x" },
    memories,
  };
}
async function restImport(body: unknown): Promise<unknown> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const res = await fetch(`${server.api}/personas/bundles`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: text,
  });
  const out = await res.json();
  return { status: res.status, bytes: text.length, ...summary(out) };
}
// deno-lint-ignore no-explicit-any
function summary(out: any) {
  return {
    restored: out?.restored,
    notes: out?.notes?.map((n: string) => n.slice(0, 200)),
    error: out?.error,
    id: out?.persona_id,
  };
}
async function check(personaId: string | undefined) {
  if (!personaId) return;
  await t("stats", () => rpc.call("memory.get_stats", { persona_id: personaId }));
  for (let i = 0; i < Number(Deno.env.get("A37_SEARCHES") ?? 1); i++) {
    await t(
      "search",
      () =>
        rpc.call("memory.search", {
          persona_id: personaId,
          query: i % 2 ? "fact about" : "garden fact",
        }),
    );
  }
  await t("list", () => rpc.call("memory.list", { persona_id: personaId, limit: 5 }));
  await t("decay", () => rpc.call("memory.decay_force", { persona_id: personaId }));
  const exported = await t(
    "export(rest)",
    async () => {
      const res = await fetch(`${server.api}/personas/${personaId}/bundle`);
      const text = await res.text();
      return { status: res.status, bytes: text.length };
    },
  );
  void exported;
}

const probes: Record<string, () => Promise<void>> = {
  async long_cycle() {
    const mems = Array.from(
      { length: count },
      (_, i) => memory(i, [`m${(i + count - 1) % count}`]),
    );
    // deno-lint-ignore no-explicit-any
    const out: any = await t(`long cycle ${count}`, () => restImport(bundle(mems)));
    await check(out?.id);
  },
  async chain_ops() {
    const mems = Array.from({ length: count }, (_, i) => memory(i, i ? [`m${i - 1}`] : []));
    // deno-lint-ignore no-explicit-any
    const out: any = await t(`chain ${count}`, () => restImport(bundle(mems)));
    const persona_id = out?.id;
    const page = await rpc.call("memory.list", { persona_id, limit: 100 });
    // deno-lint-ignore no-explicit-any
    const byContent = new Map(page.memories.map((m: any) => [m.content, m.id]));
    const head = byContent.get(`fact ${count - 1} about the garden`);
    const loose =
      (await rpc.call("memory.store", { persona_id, content: "an unrelated note" })).memory_id;
    // The oldest memory: the last of a full listing (newest first) is found by search instead.
    const exported = await (await fetch(`${server.api}/personas/${persona_id}/bundle`)).json();
    // deno-lint-ignore no-explicit-any
    const oldest = exported.memories.find((m: any) => m.content === "fact 0 about the garden")?.id;
    console.log("oldest found by search:", Boolean(oldest));
    for (let i = 0; i < 3; i++) {
      await t(
        `update oldest supersedes loose #${i}`,
        () => rpc.call("memory.update", { memory_id: oldest, supersedes: i % 2 ? [] : [loose] }),
      );
    }
    await t(
      "update head content",
      () => rpc.call("memory.update", { memory_id: head, content: "fact head now" }),
    );
    await t(
      "store superseding head",
      () => rpc.call("memory.store", { persona_id, content: "fact newest", supersedes: [head] }),
    );
    await t(
      "update oldest content",
      () => rpc.call("memory.update", { memory_id: oldest, content: "fact zero again" }),
    );
    await t("delete oldest", () => rpc.call("memory.delete", { memory_id: oldest }));
    await t(
      "cycle attempt head->oldest+1",
      () => rpc.call("memory.update", { memory_id: head, supersedes: [page.memories.at(-1).id] }),
    );
    await check(persona_id);
  },
  async small_cycles() {
    const mems = Array.from({ length: count }, (_, i) => memory(i, [`m${i ^ 1}`]));
    // deno-lint-ignore no-explicit-any
    const out: any = await t(`pairs ${count}`, () => restImport(bundle(mems)));
    await check(out?.id);
  },
  async self() {
    await t("self", () => restImport(bundle([memory(0, ["m0"]), memory(1, [])])));
  },
  async tangle() {
    // Every memory replaces the next two (mod n): one big strongly connected tangle.
    const mems = Array.from(
      { length: count },
      (_, i) => memory(i, [`m${(i + 1) % count}`, `m${(i + 2) % count}`]),
    );
    // deno-lint-ignore no-explicit-any
    const out: any = await t(`tangle ${count}`, () => restImport(bundle(mems)));
    await check(out?.id);
  },
  async same_time_tangle() {
    const mems = Array.from(
      { length: count },
      (_, i) => memory(i, [`m${(i + 1) % count}`, `m${(i + 7) % count}`], base),
    );
    // deno-lint-ignore no-explicit-any
    const out: any = await t(`tangle same time ${count}`, () => restImport(bundle(mems)));
    await check(out?.id);
  },
  async fan() {
    // One memory replacing every other one; and every memory replacing one.
    const ids = Array.from({ length: count - 1 }, (_, i) => `m${i + 1}`);
    const mems = [memory(0, ids), ...ids.map((_, i) => memory(i + 1, ["m0"]))];
    // deno-lint-ignore no-explicit-any
    const out: any = await t(`fan ${count}`, () => restImport(bundle(mems)));
    await check(out?.id);
  },
  async collide() {
    const p = await rpc.call("persona.create", { name: "Collide" });
    const stored = await rpc.call("memory.store", {
      persona_id: p.id ?? p.persona?.id,
      content: "I own a red bike",
    });
    console.log("stored", JSON.stringify(stored).slice(0, 100));
    const mems = [
      { ...memory(0, [stored.memory_id]), id: stored.memory_id },
      { ...memory(1, [stored.memory_id]) },
    ];
    // deno-lint-ignore no-explicit-any
    const out: any = await t("collide", () => restImport(bundle(mems)));
    await t(
      "original intact",
      () => rpc.call("memory.list", { persona_id: p.id ?? p.persona?.id }),
    );
    await check(out?.id);
  },
  async truncated() {
    const mems = Array.from({ length: count }, (_, i) => memory(i, i ? [`m${i - 1}`] : []));
    const text = JSON.stringify(bundle(mems));
    await t("truncated", () => restImport(text.slice(0, Math.floor(text.length / 2))));
    const list = await rpc.call("persona.list", {});
    console.log("personas", JSON.stringify(list).slice(0, 300));
  },
  async killed() {
    // The server killed mid-import: a restart must leave no half persona.
    const mems = Array.from({ length: count }, (_, i) => memory(i, i ? [`m${i - 1}`] : []));
    const body = bundle(mems);
    const name = (body.persona as { name: string }).name;
    const pending = restImport(body).catch((e) => String(e));
    await new Promise((r) => setTimeout(r, Number(Deno.env.get("A37_KILL_MS") ?? 8000)));
    Deno.kill(server.pid, "SIGKILL");
    console.log("killed; import:", JSON.stringify(await pending).slice(0, 200), "name", name);
  },
};

for (const [name, run] of Object.entries(probes)) {
  if (probe !== "all" && !probe.split(",").includes(name)) continue;
  console.log(`== ${name}`);
  await run();
}
rpc.close();
await server.stop();
