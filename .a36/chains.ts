/**
 * attack36: supersession chains at scale over the wire: a chain of `length` memories (each
 * storing `supersedes: [previous]`), a cycle closed past MAX_LINK_HOPS, fan-ins of 32, then
 * searches, lists, deletes, an export and its import, each timed with the server's RSS.
 *
 *   deno run -A .a36/chains.ts [tree] [port=23740] [length=1010]
 */
import { Rpc, startServer, timed } from "./wire.ts";

const [tree, port = "23740", lengthArg = "1010"] = Deno.args;
const length = Number(lengthArg);
const server = await startServer(tree || undefined, Number(port));
const rpc = await Rpc.open(server.ws);
const rss = () => `rss ${server.rss().toFixed(0)} MiB`;
// deno-lint-ignore no-explicit-any
async function step(label: string, method: string, params: object): Promise<any> {
  const [ms, reply] = await timed(() => rpc.raw(method, params));
  const what = reply.error
    ? `error ${JSON.stringify(reply.error).slice(0, 220)}`
    : JSON.stringify(reply.result).slice(0, 220);
  console.log(`  ${label}: ${ms} ms, ${what}, ${rss()}`);
  return reply;
}
console.log(`load ${Deno.loadavg()[0]}`);
const { persona_id } = await rpc.call("persona.create", { name: "Chain", description: "x" });
const ids: string[] = [];
const [chainMs] = await timed(async () => {
  for (let i = 0; i < length; i++) {
    const reply = await rpc.call("memory.store", {
      persona_id,
      content: `my boss is called Declan number ${i} and the office moved to floor ${i}`,
      importance: 0.5,
      ...(i > 0 ? { supersedes: [ids[i - 1]] } : {}),
    });
    ids.push(reply.memory_id);
  }
});
console.log(`  chain of ${length} stored in ${chainMs} ms, ${rss()}`);
await step("search boss", "memory.search", { persona_id, query: "who is my boss", n_results: 10 });
await step("search boss again", "memory.search", {
  persona_id,
  query: "who is my boss",
  n_results: 10,
});
await step("search floor 3", "memory.search", {
  persona_id,
  query: "office floor 3",
  n_results: 100,
});
// Close a cycle from the oldest to the newest: refused within MAX_LINK_HOPS, tolerated past it.
await step("cycle first->last", "memory.update", {
  memory_id: ids[0],
  supersedes: [ids[length - 1]],
});
await step("cycle 5->last", "memory.update", {
  memory_id: ids[length - 6],
  supersedes: [ids[length - 1]],
});
await step("search after cycle", "memory.search", {
  persona_id,
  query: "who is my boss",
  n_results: 10,
});
await step("search after cycle 2", "memory.search", {
  persona_id,
  query: "office floor 3",
  n_results: 100,
});
await step("list", "memory.list", { persona_id, limit: 100 });
await step("delete middle", "memory.delete", { memory_id: ids[length >> 1] });
await step("delete head", "memory.delete", { memory_id: ids[length - 1] });
await step("search after deletes", "memory.search", {
  persona_id,
  query: "who is my boss",
  n_results: 10,
});
const exported = await step("export", "persona.export", { persona_id, include: ["memories"] });
if (exported.result) {
  await step("import", "persona.import", { bundle: exported.result.bundle, name: "Chain copy" });
}
await step("prune stats", "memory.prune_stats", { persona_id });
await step("stats", "memory.stats", { persona_id });
// Fan-in: memories that each supersede 32 others.
const fan: string[] = [];
for (let i = 0; i < 64; i++) {
  fan.push(
    (await rpc.call("memory.store", {
      persona_id,
      content: `the gym fee is ${i} euro`,
      importance: 0.5,
    })).memory_id,
  );
}
await step("fan-in 32", "memory.store", {
  persona_id,
  content: "the gym fee is 99 euro now",
  supersedes: fan.slice(0, 32),
});
await step("fan-in 32 again", "memory.store", {
  persona_id,
  content: "the gym fee is 98 euro now",
  supersedes: fan.slice(0, 32),
});
await step("search gym", "memory.search", {
  persona_id,
  query: "how much is the gym fee",
  n_results: 10,
});
rpc.close();
await server.stop();
