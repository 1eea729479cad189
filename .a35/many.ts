/**
 * attack35: many short memories, each stating a few values (a date, a weekday, an ordinal, a
 * rate) of a few shared things, stored over several sockets at once, then searched on a slot.
 *
 *   deno run -A .a35/many.ts [tree] [port=22750] [memories=5000] [sockets=4]
 */
import { Rpc, seeded, startServer, timed } from "./wire.ts";

const [tree, port = "22750", countArg = "5000", socketsArg = "4"] = Deno.args;
const count = Number(countArg);
const random = seeded(35);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const things = "lesson rehearsal match class appointment meeting shift practice club session".split(
  " ",
);
const kinds = "piano swimming choir football yoga dentist team night chess book".split(" ");
const days = "monday tuesday wednesday thursday friday saturday sunday".split(" ");
const months = "january february march april june july august september october november".split(
  " ",
);
const texts = Array.from(
  { length: count },
  () =>
    `the ${pick(kinds)} ${pick(things)} is on ${pick(days)}s, from ${
      1 + Math.floor(random() * 28)
    } ${pick(months)}, ${pick(["once", "twice", "three times"])} a week, my ${
      pick(["second", "third", "fourth"])
    } year`,
);
const server = await startServer(tree || undefined, Number(port));
const sockets = await Promise.all(
  Array.from({ length: Number(socketsArg) }, () => Rpc.open(server.ws)),
);
try {
  const { persona_id } = await sockets[0]!.call("persona.create", {
    name: "Many",
    description: "x",
  });
  const [ms] = await timed(() =>
    Promise.all(sockets.map(async (rpc, s) => {
      for (let i = s; i < texts.length; i += sockets.length) {
        await rpc.call("memory.store", { persona_id, content: texts[i], importance: 0.5 });
      }
    }))
  );
  console.log(`stored ${count} in ${ms} ms, rss ${server.rss().toFixed(0)} MiB`);
  for (
    const query of [
      "when is the piano lesson",
      "how many times a week is choir practice",
      "what year am I in",
    ]
  ) {
    for (let i = 0; i < 2; i++) {
      const [took, reply] = await timed(() =>
        sockets[0]!.raw("memory.search", { persona_id, query, n_results: 10 })
      );
      console.log(
        `"${query}" #${i + 1}: ${took} ms, ${
          reply.error ? "error" : reply.result.memories.length + " hits"
        }, rss ${server.rss().toFixed(0)} MiB`,
      );
    }
  }
} finally {
  for (const rpc of sockets) rpc.close();
  await server.stop();
}
