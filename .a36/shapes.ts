/**
 * attack36: pathological memory shapes, each in a persona of its own: `count` memories of
 * ~10,000 characters of one repeated piece, then the first and a later search of a few
 * questions; a first search over 1 s names a reading that is more than linear in the text.
 *
 *   deno run -A .a36/shapes.ts [tree] [port=23760] [count=10] [shapes, comma-separated]
 */
import { Rpc, startServer, timed } from "./wire.ts";

const [tree, port = "23760", countArg = "10", only = ""] = Deno.args;
const count = Number(countArg);
const server = await startServer(tree || undefined, Number(port));
const rpc = await Rpc.open(server.ws);
const fill = (head: string, piece: string) =>
  (head + piece.repeat(Math.ceil(10_000 / piece.length))).slice(0, 9_990);
const shapes: Record<string, string> = {
  apos_caps: fill("Kuba ' ", "A"),
  dash_caps: fill("Kuba - ", "A"),
  quote_caps: fill("Kuba “", "A"),
  digits: fill("Kuba paid ", "1"),
  dotted_digits: fill("Kuba paid ", "1."),
  comma_digits: fill("Kuba paid ", "1,"),
  slash_dates: fill("Kuba on ", "12/"),
  colon_times: fill("Kuba at ", "1:"),
  a_apos: fill("Kuba ", "a'"),
  a_dash: fill("Kuba ", "a-"),
  caps_dash: fill("Kuba ", "A-"),
  caps_dot: fill("Kuba ", "A."),
  aA: fill("Kuba ", "aA"),
  newlines: fill("Kuba\n", "\n"),
  a_newline: fill("Kuba ", "a\n"),
  tabs: fill("Kuba ", " \t"),
  my: fill("Kuba ", "my "),
  the: fill("Kuba ", "the "),
  s_apos: fill("Kuba ", "'s "),
  my_mum: fill("Kuba ", "my mum's "),
  moved_from: fill("Kuba moved from ", "Aaaa "),
  name_is: fill("Kuba ", "name is "),
  caps_words: fill("Kuba ", "Aa "),
  question: fill("Kuba ", "? "),
  ordinals: fill("Kuba ", "1st "),
  euro: fill("Kuba ", "€1 "),
  pct: fill("Kuba ", "1% "),
  and_has: fill("Kuba ", "and has "),
  from_to: fill("Kuba moved ", "from to "),
};
const questions = [
  "what did Kuba do",
  "when is my mum's birthday",
  "how much did Kuba pay on 12/12",
  "where does Kuba live now",
];
console.log(`load ${Deno.loadavg()[0]}`);
for (const [label, text] of Object.entries(shapes)) {
  if (only && !only.split(",").includes(label)) continue;
  const { persona_id } = await rpc.call("persona.create", {
    name: `S ${label}`.slice(0, 60),
    description: "x",
  });
  const texts = Array.from({ length: count }, (_, i) => `${i} ${text}`.slice(0, 9_999));
  const [storeMs] = await timed(async () => {
    for (const content of texts) {
      const reply = await rpc.raw("memory.store", { persona_id, content, importance: 0.5 });
      if (reply.error) console.log("  store error", JSON.stringify(reply.error).slice(0, 160));
    }
  });
  const times: number[] = [];
  for (const query of [...questions, ...questions]) {
    const [ms, reply] = await timed(() =>
      rpc.raw("memory.search", { persona_id, query, n_results: 5 })
    );
    if (reply.error) console.log("  search error", JSON.stringify(reply.error).slice(0, 160));
    times.push(ms);
  }
  const worst = Math.max(...times);
  console.log(
    `${worst > 1000 ? "SLOW " : ""}${label}: store ${storeMs} ms; searches ${
      times.join(" ")
    } ms; rss ${server.rss().toFixed(0)} MiB`,
  );
}
rpc.close();
await server.stop();
