/**
 * attack38: many updates to one memory (sequential, then 64 at once), and a supersession chain
 * extended by stores while searches that reach it run: times, errors by kind, RSS, and whether
 * the memory holds the last content.
 * Usage: deno run -A .a38/updates.ts [tree] [port] [updates] [links]
 */
import { Rpc, startServer, timed } from "./wire.ts";

const [tree = "", portText = "23760", updatesText = "300", linksText = "600"] = Deno.args;
const server = await startServer(tree || undefined, Number(portText));
const rpc = await Rpc.open(server.ws);
const persona = await rpc.call("persona.create", { name: "Upd", description: "x" });
const persona_id = persona.persona_id ?? persona.id;
const first = await rpc.call("memory.store", { persona_id, content: "Zed's status: starting" });
const id = first.memory_id;
const long = (i: number) =>
  `Zed's status: version ${i} ` + `note${i} detail `.repeat(600).slice(0, 9_000);
const times: number[] = [];
for (let i = 0; i < Number(updatesText); i++) {
  const [ms] = await timed(() => rpc.call("memory.update", { memory_id: id, content: long(i) }));
  times.push(ms);
}
times.sort((a, b) => a - b);
console.log(
  `${updatesText} sequential updates: median ${times[times.length >> 1]} ms, max ${
    times.at(-1)
  } ms, rss ${server.rss().toFixed(0)} MiB`,
);
const kinds = (replies: Array<{ error?: { code?: number; message?: string } }>) => {
  const counts = new Map<string, number>();
  for (const reply of replies) {
    const key = reply.error
      ? `${reply.error.code} ${String(reply.error.message).slice(0, 80)}`
      : "ok";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return JSON.stringify([...counts]);
};
const [cms, replies] = await timed(() =>
  Promise.all(
    Array.from({ length: 64 }, (_, i) =>
      rpc.raw("memory.update", { memory_id: id, content: `Zed's status: concurrent ${i}` })),
  )
);
console.log(`64 concurrent updates: ${cms} ms`, kinds(replies));
const stats = await rpc.call("memory.search", { persona_id, query: "Zed's status", n_results: 3 });
console.log(
  "search after:",
  JSON.stringify(
    (stats.results ?? stats.memories).map((m: { content: string }) => m.content.slice(0, 40)),
  ),
);

// A chain extended while searched.
let head = (await rpc.call("memory.store", { persona_id, content: "garden shed key under pot 0" }))
  .memory_id;
const searches: Promise<unknown>[] = [];
const searchTimes: number[] = [];
let errors = 0;
const [lms] = await timed(async () => {
  for (let i = 1; i < Number(linksText); i++) {
    const stored = rpc.call("memory.store", {
      persona_id,
      content: `garden shed key under pot ${i}`,
      supersedes: [head],
    });
    if (i % 20 === 0) {
      searches.push(
        timed(() =>
          rpc.raw("memory.search", {
            persona_id,
            query: "where is the garden shed key",
            n_results: 10,
          })
        )
          .then(([ms, reply]) => {
            searchTimes.push(ms);
            if (reply.error) errors++;
          }),
      );
    }
    head = (await stored).memory_id;
  }
  await Promise.all(searches);
});
searchTimes.sort((a, b) => a - b);
console.log(
  `chain of ${linksText} built in ${lms} ms with ${searches.length} searches alongside: median ${
    searchTimes[searchTimes.length >> 1]
  } ms, max ${searchTimes.at(-1)} ms, errors ${errors}, rss ${server.rss().toFixed(0)} MiB`,
);
const top = await rpc.call("memory.search", {
  persona_id,
  query: "where is the garden shed key",
  n_results: 3,
});
console.log(
  "top after:",
  JSON.stringify((top.results ?? top.memories).map((m: { content: string }) => m.content)),
);
rpc.close();
await server.stop();
