/**
 * attack35 A3: memory.update alternating one memory between two texts of ~1,400 made-up words
 * each, after one search built the persona's store vocabulary and with none after: every update
 * gave each word of the new text a posting again, and each was queued for the vocabulary's next
 * lookup, duplicates and all. RSS every 1,000 updates, then the search that takes the queue in.
 *
 *   deno run -A .a35/born.ts [tree] [port=22710] [updates=6000]
 */
import { Rpc, seeded, startServer, timed } from "./wire.ts";

const [tree, port = "22710", updatesArg = "6000"] = Deno.args;
const updates = Number(updatesArg);
const random = seeded(35);
const word = () => {
  let w = "";
  for (let i = 0; i < 6; i++) w += String.fromCharCode(97 + Math.floor(random() * 26));
  return w;
};
const text = () => {
  const parts: string[] = [];
  while (parts.length * 7 < 9_950) parts.push(word());
  return parts.join(" ").slice(0, 9_990);
};
const server = await startServer(tree || undefined, Number(port));
const rpc = await Rpc.open(server.ws);
try {
  const { persona_id } = await rpc.call("persona.create", { name: "Born", description: "x" });
  const texts = [text(), text()];
  const { memory_id } = await rpc.call("memory.store", {
    persona_id,
    content: texts[0],
    importance: 0.5,
  });
  const search = async (label: string) => {
    const [ms, reply] = await timed(() =>
      rpc.raw("memory.search", { persona_id, query: "where is the garden shovel", n_results: 5 })
    );
    console.log(
      `${label}: search ${ms} ms, ${reply.error ? "error" : "ok"}, rss ${
        server.rss().toFixed(0)
      } MiB`,
    );
  };
  await search("before the updates");
  const started = performance.now();
  for (let i = 1; i <= updates; i++) {
    await rpc.call("memory.update", { memory_id, content: texts[i % 2] });
    if (i % 1000 === 0) {
      console.log(
        `${i} updates (${Math.round(performance.now() - started)} ms), rss ${
          server.rss().toFixed(0)
        } MiB`,
      );
    }
  }
  await search("after the updates");
  await search("again");
} finally {
  rpc.close();
  await server.stop();
}
