/**
 * attack35: memories stating thousands of values (dates, weekdays, ordinals, rates) read by
 * stated_values.ts and restated_values.ts, stored and searched through the WebSocket; each search
 * timed, with the server's resident memory after it.
 *
 *   deno run -A .a35/values.ts [tree] [port=22700] [probe] [count=60]
 *
 * Probes: anchors (~600 ordinals a memory, each with many nouns near it), one_clause (a clause of ~1,000 dates and person words each memory), restated (pairs of
 * memories each giving ~600 ordinals of one thing, each pair with other values).
 */
import { Rpc, startServer, timed } from "./wire.ts";

const [tree, port = "22700", probe = "one_clause", countArg = "60"] = Deno.args;
const count = Number(countArg);
const MONTHS = "january february march april june july august september october november december"
  .split(" ");
const server = await startServer(tree || undefined, Number(port));
const rpc = await Rpc.open(server.ws);
try {
  const { persona_id } = await rpc.call("persona.create", { name: "Values", description: "x" });
  const texts: string[] = [];
  for (let m = 0; m < count; m++) {
    if (probe === "one_clause") {
      // ~1,000 dates in one clause, a person word before each: every value read its whole clause.
      const month = MONTHS[m % MONTHS.length];
      const parts: string[] = [];
      for (let i = 0; parts.join(" ").length < 9_950; i++) {
        parts.push(`mum ${1 + (i + m) % 28} ${month}`);
      }
      texts.push(parts.join(" ").slice(0, 9_990));
    } else if (probe === "anchors") {
      // ~600 ordinals, each of another noun and with up to 16 nouns around it: keys of type and
      // anchor by the thousand per memory.
      const nouns =
        "lane road kerb path hill farm barn mill pond wood yard gate wall roof door shed"
          .split(" ");
      const parts: string[] = [];
      for (let i = 0; parts.join(" ").length < 9_950; i++) {
        parts.push(`${1 + (i + m) % 20}th ${nouns[i % 16]} ${nouns[(i + 5) % 16]}`);
      }
      texts.push(parts.join(" ").slice(0, 9_990));
    } else {
      // Pairs: each memory ~600 "Nth car lane" ordinals; the two of a pair give other ordinals of
      // the car and share the anchor "lane".
      const n = 1 + (m % 2) * 2 + Math.floor(m / 2) * 4;
      const parts: string[] = [];
      for (let i = 0; parts.join(" ").length < 9_950; i++) parts.push(`lane ${n % 90 + 1}th car`);
      texts.push(parts.join(" ").slice(0, 9_990));
    }
  }
  const [storeMs] = await timed(async () => {
    for (const content of texts) {
      await rpc.call("memory.store", { persona_id, content, importance: 0.5 });
    }
  });
  console.log(
    `${probe}: stored ${count} memories of ${texts[0]!.length} chars in ${storeMs} ms, rss ${
      server.rss().toFixed(0)
    } MiB`,
  );
  const queries = probe === "one_clause"
    ? ["when is mum's birthday", "when does mum visit in may", "what date is mum coming"]
    : probe === "anchors"
    ? ["which farm gate is broken", "how many barns on the road", "the shed roof"]
    : ["which lane is the car in", "how many cars in the lane", "what is the car's lane"];
  for (const query of queries) {
    for (let i = 0; i < 2; i++) {
      const [ms, reply] = await timed(() =>
        rpc.raw("memory.search", { persona_id, query, n_results: 10 })
      );
      const what = reply.error
        ? `error ${JSON.stringify(reply.error).slice(0, 120)}`
        : `${reply.result.memories.length} hits`;
      console.log(
        `${probe} "${query}" #${i + 1}: ${ms} ms, ${what}, rss ${server.rss().toFixed(0)} MiB`,
      );
    }
  }
} finally {
  rpc.close();
  await server.stop();
}
