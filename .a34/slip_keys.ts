/**
 * attack34 A?: long made-up words that all may be slips of each other. Stores `count` memories of
 * ~10,000 characters of distinct made-up words of `letters` letters, all starting with "q", then
 * searches with a query of 8 made-up "q" words (fresh each time when `fresh`), timing each search
 * and the server's resident memory.
 *
 *   deno run -A .a34/slip_keys.ts [tree] [count=100] [letters=24] [searches=6] [fresh=0] [port]
 */
import { Rpc, seeded, startServer, timed } from "./wire.ts";

const [tree, count = "100", letters = "24", searches = "6", fresh = "0", port = "7600"] = Deno.args;
const random = seeded(34);
const word = (n: number) => {
  let w = "q";
  for (let i = 1; i < n; i++) w += String.fromCharCode(97 + Math.floor(random() * 26));
  return w;
};
const text = () => {
  const parts: string[] = [];
  let length = 0;
  while (length + Number(letters) + 1 <= 9_990) {
    const w = word(Number(letters));
    parts.push(w);
    length += w.length + 1;
  }
  return parts.join(" ");
};
const server = await startServer(tree || undefined, Number(port));
try {
  const rpc = await Rpc.open(server.ws);
  const { persona_id } = await rpc.call("persona.create", { name: "Slips", description: "x" });
  const [storeMs] = await timed(async () => {
    for (let i = 0; i < Number(count); i++) {
      await rpc.call("memory.store", { persona_id, content: text(), importance: 0.5 });
    }
  });
  console.log(`stored ${count} in ${storeMs} ms, rss ${server.rss().toFixed(0)} MiB`);
  let query = Array.from({ length: 8 }, () => word(Number(letters))).join(" ");
  for (let i = 0; i < Number(searches); i++) {
    if (fresh === "1") query = Array.from({ length: 8 }, () => word(Number(letters))).join(" ");
    const [ms, result] = await timed(() =>
      rpc.call("memory.search", { persona_id, query, n_results: 10 })
    );
    console.log(
      `search ${i + 1}: ${ms} ms, ${result.memories.length} hits, rss ${
        server.rss().toFixed(0)
      } MiB`,
    );
  }
  rpc.close();
} finally {
  await server.stop();
}
