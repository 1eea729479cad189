/**
 * attack39: memories and queries made of one kind of word in bulk, in process (SQLite), timed.
 * Modes: months (month and season words), deeds ("I walked to X" over and over), list (100
 * memories "my X is Y" then "list all my X"). Usage: deno run -A .a39/bulk.ts [tree] mode [count]
 */
import { noModel, servicesInProcess } from "../tests/bench/_in_process.ts";

const [treeArg = "", mode = "months", countText = "200"] = Deno.args;
const tree = treeArg || new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const { services, close } = await servicesInProcess(tree, "a39-bulk-", noModel());
await services.memory.warm();
const { MemoryInput } = await import(`${tree}/core/memory/schema.ts`);
const { PersonaCreate } = await import(`${tree}/core/personas/schema.ts`);
const persona = await services.personas.create(
  PersonaCreate.parse({ name: "Bulk", description: "x" }),
);
const months =
  "January February March April May June July August September October November December".split(
    " ",
  );
const seasons = ["spring", "summer", "autumn", "fall", "winter"];
const count = Number(countText);
const fill = (piece: (i: number) => string) => {
  let out = "";
  for (let i = 0; out.length < 9_900; i++) out += piece(i);
  return out.slice(0, 9_990);
};
let contents: string[] = [];
let queries: string[] = [];
if (mode === "months") {
  contents = Array.from(
    { length: count },
    (_, k) =>
      fill((i) =>
        `In ${months[(i + k) % 12]} and ${seasons[(i * 7 + k) % 5]} I went to ${
          months[(i * 5) % 12]
        }. `
      ),
  );
  queries = [
    "what did I do in summer",
    Array.from({ length: 200 }, (_, i) => `${months[i % 12]} ${seasons[i % 5]}`).join(" ").slice(
      0,
      1_990,
    ),
    "where did I go in March and April and May last summer or winter",
  ];
} else if (mode === "deeds") {
  contents = Array.from(
    { length: count },
    (_, k) =>
      fill((i) =>
        `I walked to shop${(i + k) % 97}, then I bought bread${i % 13} and I sold car${k}. `
      ),
  );
  queries = ["what did I buy", "list everything I did", "what have I sold", "where did I walk"];
} else if (mode === "list") {
  contents = Array.from(
    { length: count },
    (_, k) => `My favourite film number ${k} is Film${k}, and my pet ${k} is Rex${k}.`,
  );
  queries = [
    "list all my favourite films",
    "what are all my pets",
    "tell me every film I like and all my pets",
  ];
}
let start = performance.now();
for (let done = 0; done < contents.length; done += 200) {
  await services.memory.storeMany(
    persona,
    contents.slice(done, done + 200).map((content, i) =>
      MemoryInput.parse({
        content,
        importance: 0.5,
        created_at: new Date(Date.parse("2025-01-01") + (done + i) * 60_000).toISOString(),
      })
    ),
  );
}
await services.quiet.drain();
console.log(`stored ${contents.length} in ${(performance.now() - start).toFixed(0)} ms`);
for (let round = 0; round < 2; round++) {
  for (const query of queries) {
    for (const n of [5, 100]) {
      start = performance.now();
      const hits = await services.memory.search(persona, {
        query,
        n_results: n,
        min_importance: 0,
      });
      console.log(
        `${round} "${query.slice(0, 40)}" (${query.length}) n=${n}: ${
          (performance.now() - start).toFixed(0)
        } ms, ${hits.length} hits, rss ${(Deno.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
      );
    }
  }
}
await close();
