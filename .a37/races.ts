/**
 * attack37: races. (1) chats racing persona.delete (a slow fake model); (2) memory.reindex to a
 * new embedder racing stores, updates and deletes. Afterwards the database is read for orphans.
 *   deno run -A .a37/races.ts [tree] [port=23730] [probe=all]
 */
import { DatabaseSync } from "node:sqlite";
import { FakeOllama } from "../tests/fake_ollama.ts";
import { Rpc, startServer } from "./wire.ts";

const [tree = "", portText = "23730", probe = "all"] = Deno.args;
const port = Number(portText);
const fake = FakeOllama.start({
  firstTokenDelayMs: 20,
  tokenDelayMs: 30,
  models: ["llama3.1:8b", "nomic-embed-text"],
});
const show = (label: string, value: unknown) =>
  console.log(label, JSON.stringify(value).slice(0, 300));

async function chats() {
  const dir = await Deno.makeTempDir({ prefix: "a37_race_" });
  const env = { DATA_DIR: dir, KEEP_DIR: "1", OLLAMA_HOST: fake.url };
  const server = await startServer(tree || undefined, port, env);
  const clients = await Promise.all(Array.from({ length: 8 }, () => Rpc.open(server.ws)));
  const [admin] = clients;
  for (let round = 0; round < 10; round++) {
    const { persona_id } = await admin!.call("persona.create", {
      name: `Race ${round}`,
      description: "x",
    });
    const sends = clients.flatMap((c, i) => [
      c.raw("conversation.send_message", {
        persona_id,
        content: `my sister Ola is ${i} and I like tea`,
      }),
      c.raw("memory.store", { persona_id, content: `fact ${i} stored while deleting` }),
    ]);
    await new Promise((r) => setTimeout(r, 10 + round * 15));
    const deleted = admin!.raw("persona.delete", { persona_id });
    const replies = await Promise.all([...sends, deleted]);
    const codes = replies.map((r) =>
      r.error ? `${r.error.code}:${String(r.error.message).slice(0, 50)}` : "ok"
    );
    const counts = new Map<string, number>();
    for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
    show(`round ${round}`, [...counts]);
  }
  await new Promise((r) => setTimeout(r, 3000));
  show("health", await (await fetch(`${server.api}/health`)).json());
  for (const c of clients) c.close();
  await server.stop();
  const db = new DatabaseSync(`${dir}/persona.db`);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    const cols = db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[];
    if (!cols.some((c) => c.name === "persona_id")) continue;
    const orphans = db.prepare(
      `SELECT COUNT(*) AS n FROM ${name} WHERE persona_id IS NOT NULL AND persona_id NOT IN (SELECT id FROM personas)`,
    ).get() as { n: number };
    if (orphans.n > 0) console.log(`ORPHANS in ${name}: ${orphans.n}`);
  }
  db.close();
  await Deno.remove(dir, { recursive: true });
}

async function reindex() {
  const dir = await Deno.makeTempDir({ prefix: "a37_reidx_" });
  const env = { DATA_DIR: dir, KEEP_DIR: "1", OLLAMA_HOST: fake.url };
  let server = await startServer(tree || undefined, port, env);
  let rpc = await Rpc.open(server.ws);
  const { persona_id } = await rpc.call("persona.create", { name: "Reidx", description: "x" });
  const ids: string[] = [];
  for (let i = 0; i < 1500; i++) {
    ids.push(
      (await rpc.call("memory.store", { persona_id, content: `note ${i} about the lake house` }))
        .memory_id,
    );
  }
  rpc.close();
  await server.stop();
  server = await startServer(tree || undefined, port, { ...env, EMBED_MODEL: "nomic-embed-text" });
  rpc = await Rpc.open(server.ws);
  const other = await Rpc.open(server.ws);
  show("stats before", await rpc.call("memory.get_stats", { persona_id }));
  const start = performance.now();
  const running = rpc.raw("memory.reindex", { persona_id });
  const writes: Promise<unknown>[] = [];
  const newIds: string[] = [];
  for (let i = 0; i < 100; i++) {
    writes.push(
      other.raw("memory.update", {
        memory_id: ids[i * 3],
        content: `note ${i} rewritten during reindex`,
      }),
    );
    writes.push(other.raw("memory.delete", { memory_id: ids[i * 3 + 1] }));
    writes.push(
      other.raw("memory.store", { persona_id, content: `new note ${i}` }).then((r) => {
        // deno-lint-ignore no-explicit-any
        const id = (r as any).result?.memory_id;
        if (id) newIds.push(id);
        return r;
      }),
    );
    if (i % 10 === 0) await new Promise((r) => setTimeout(r, 20));
  }
  const replies = await Promise.all(writes);
  // deno-lint-ignore no-explicit-any
  const errors = replies.filter((r: any) => r.error).map((r: any) =>
    r.error.code + ":" + r.error.message
  );
  show("write errors", errors.slice(0, 5));
  const reply = await running;
  show(`reindex ${(performance.now() - start).toFixed(0)} ms`, reply.error ?? reply.result);
  const again = await rpc.raw("memory.reindex", { persona_id });
  show("reindex again", again.error ?? again.result);
  show("stats after", await rpc.call("memory.get_stats", { persona_id }));
  const search = await rpc.call("memory.search", {
    persona_id,
    query: "note 3 rewritten during reindex",
  });
  // deno-lint-ignore no-explicit-any
  show("search", search.memories.slice(0, 3).map((m: any) => m.content));
  rpc.close();
  other.close();
  await server.stop();
  const db = new DatabaseSync(`${dir}/persona.db`);
  const tables =
    (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[])
      .map((t) => t.name);
  console.log("tables", tables.join(" "));
  for (const name of tables) {
    const cols = (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((c) =>
      c.name
    );
    const key = cols.includes("memory_id")
      ? "memory_id"
      : name.includes("vec") && cols.includes("id")
      ? "id"
      : undefined;
    if (!key || name === "memories") continue;
    const orphans = db.prepare(
      `SELECT COUNT(*) AS n FROM ${name} WHERE ${key} NOT IN (SELECT id FROM memories)`,
    ).get() as { n: number };
    console.log(`${name}.${key} orphans: ${orphans.n}`);
  }
  db.close();
  await Deno.remove(dir, { recursive: true });
}

if (probe === "all" || probe === "chats") await chats();
if (probe === "all" || probe === "reindex") await reindex();
await fake.stop?.();
Deno.exit(0);
