/**
 * attack38: PostgreSQL storage whose login role is allowed 3 connections (SQLSTATE 53300 past
 * them, as at max_connections), a pool of 10: 60 concurrent stores and searches, then the role's
 * connections all taken by another client (psql sessions held open) while requests arrive.
 * Usage: deno run -A .a38/pg_crowd.ts [tree] [port] [database url]
 */
import { Rpc, startServer, timed } from "./wire.ts";

const [tree = "", portText = "23740", url = "postgres://a38crowd@127.0.0.1:55432/a38db"] =
  Deno.args;
const server = await startServer(tree || undefined, Number(portText), {
  STORAGE: "postgres",
  DATABASE_URL: url,
  DATABASE_POOL_SIZE: "10",
  MEMORY_BACKEND: "pgvector",
});
const rpc = await Rpc.open(server.ws);
const persona = await rpc.call("persona.create", { name: "Crowd", description: "x" });
const persona_id = persona.persona_id ?? persona.id;
const summary = (
  replies: Array<{ result?: unknown; error?: { code?: number; message?: string } }>,
) => {
  const counts = new Map<string, number>();
  for (const reply of replies) {
    const key = reply.error
      ? `${reply.error.code} ${String(reply.error.message).slice(0, 120)}`
      : "ok";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return JSON.stringify([...counts]);
};
const burst = async (label: string) => {
  const [ms, replies] = await timed(() =>
    Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 2
          ? rpc.raw("memory.store", { persona_id, content: `Zed fact ${i} about the garden` })
          : rpc.raw("memory.search", { persona_id, query: "garden fact", n_results: 5 })),
    )
  );
  console.log(`${label}: ${ms} ms rss ${server.rss().toFixed(0)} MiB`, summary(replies));
};
await burst("60 concurrent, limit 3, pool 10");
// Every connection of the role taken by someone else.
await new Promise((r) => setTimeout(r, 1000));
const holders = Array.from(
  { length: 3 },
  () =>
    new Deno.Command("psql", {
      args: [url, "-c", "select pg_sleep(25)"],
      stdout: "null",
      stderr: "piped",
    }).spawn(),
);
await new Promise((r) => setTimeout(r, 1500));
await burst("60 concurrent while psql holds what it can");
const [hms, health] = await timed(() => fetch(`${server.api}/health`).then((r) => r.json()));
console.log(`health ${hms} ms`, JSON.stringify(health).slice(0, 300));
for (const holder of holders) {
  const out = await holder.output();
  const err = new TextDecoder().decode(out.stderr).trim();
  if (err) console.log("psql:", err.slice(0, 150));
}
await burst("60 concurrent after the holders left");
rpc.close();
await server.stop();
