/**
 * attack37: dialect and texting spellings, the voice reader and WordNet's many-sense words in
 * pathological texts: each shape `count` memories of ~10,000 characters in a persona of its own,
 * then its questions twice (first and warm), timed, with the server's RSS.
 *
 *   deno run -A .a37/texts.ts [tree] [port=23710] [count=10] [shapes, comma-separated]
 *
 * /tmp/a37_rich.txt (the rich_* shapes) holds the 5,000 stems of word_relations.gen.json with the
 * most close relatives, one a line; made by splitting each `relations` line at its first space
 * and counting the first `|` field's 3-character references, most first, letters only.
 */
import { Rpc, seeded, startServer, timed } from "./wire.ts";

const [tree, port = "23710", countArg = "10", only = ""] = Deno.args;
const count = Number(countArg);
const server = await startServer(tree || undefined, Number(port));
const rpc = await Rpc.open(server.ws);
const fill = (head: string, piece: string, size = 9_990) =>
  (head + piece.repeat(Math.ceil(size / piece.length))).slice(0, size);
const here = new URL("..", import.meta.url).pathname;
const dialect = Object.keys(
  JSON.parse(Deno.readTextFileSync(`${here}core/memory/chat_dialect.gen.json`)),
);
const speak = Object.keys(
  JSON.parse(Deno.readTextFileSync(`${here}core/memory/chat_speak.gen.json`)),
);
const personWords = ["ma", "mah", "masel", "masell", "mysel", "mysen", "meself", "am", "oor"];
const rich = Deno.readTextFileSync("/tmp/a37_rich.txt").split("\n");
const random = seeded(37);
const pick = (words: string[], n: number) =>
  Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(" ");
const shapes: Record<string, { text: () => string; queries: string[] }> = {
  ma: { text: () => fill("Kuba ", "ma "), queries: ["ma ma ma ma", "what did ma say"] },
  ma_nospace: { text: () => fill("Kuba ", "ma"), queries: [fill("", "ma ", 1990)] },
  his_ma: { text: () => fill("Kuba ", "his ma "), queries: [fill("", "his ma ", 1990)] },
  am: { text: () => fill("Kuba ", "10 am "), queries: [fill("", "am ", 1990)] },
  persons: {
    text: () => fill("Kuba ", personWords.join(" ") + " "),
    queries: [fill("", personWords.join(" ") + " ", 1990), "what did I do masel"],
  },
  dialect_all: {
    text: () => fill("Kuba ", dialect.join(" ") + " "),
    queries: [fill("", dialect.join(" ") + " ", 1990), "whit dae ah dae wi ma weans"],
  },
  speak_all: {
    text: () => fill("Kuba ", speak.join(" ") + " "),
    queries: [fill("", speak.join(" ") + " ", 1990), "omw idk tbh ngl"],
  },
  mixed_scripts: {
    text: () => fill("Kuba ", "ma мама μα 妈 ma'am maː mа am ам ｍａ 𝗆𝖺 "),
    queries: [fill("", "ma мама μα 妈 ｍａ 𝗆𝖺 ", 1990), "what did my mum say"],
  },
  rich_words: {
    text: () => pick(rich, 1_300).slice(0, 9_990),
    queries: [pick(rich, 300).slice(0, 1990), pick(rich, 300).slice(0, 1990), "kitty pool"],
  },
  rich_single: {
    text: () => `the ${pick(rich, 1)} was lovely and the ${pick(rich, 1)} too`,
    queries: [pick(rich, 300).slice(0, 1990), pick(rich, 300).slice(0, 1990)],
  },
};
console.log(`load ${Deno.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
for (const [label, shape] of Object.entries(shapes)) {
  if (only && !only.split(",").includes(label)) continue;
  const { persona_id } = await rpc.call("persona.create", { name: `T ${label}`, description: "x" });
  const [storeMs] = await timed(async () => {
    for (let i = 0; i < count; i++) {
      const content = `${i} ${shape.text()}`.slice(0, 9_999);
      const reply = await rpc.raw("memory.store", { persona_id, content, importance: 0.5 });
      if (reply.error) console.log("  store error", JSON.stringify(reply.error).slice(0, 160));
    }
  });
  const times: number[] = [];
  for (const query of [...shape.queries, ...shape.queries]) {
    const [ms, reply] = await timed(() =>
      rpc.raw("memory.search", { persona_id, query, n_results: 10 })
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
