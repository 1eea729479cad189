/**
 * attack39 A3: one persona with `count` memories of ~10,000 characters (all naming Zed), stored
 * in process through `storeMany`, then timed searches (n_results 100 and 5); when the tree's
 * text_memo.ts exports `memoComputes`, the analyses each search made.
 * Usage: deno run -A .a39/long.ts [tree] [count] [rounds]
 */
import { seeded } from "./wire.ts";
import { noModel, servicesInProcess } from "../tests/bench/_in_process.ts";

const [treeArg = "", countText = "1400", roundsText = "2"] = Deno.args;
const tree = treeArg || new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const { services, close } = await servicesInProcess(tree, "a39-long-", noModel());
const memo = await import(`${tree}/core/memory/text_memo.ts`);
const random = seeded(38);
const syllables = ["ka", "lo", "mi", "ren", "tor", "va", "shu", "pel", "dri", "nox", "qua", "bel"];
const word = () =>
  Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * 12)])
    .join("");
await services.memory.warm();
const { MemoryInput } = await import(`${tree}/core/memory/schema.ts`);
const { PersonaCreate } = await import(`${tree}/core/personas/schema.ts`);
const persona = await services.personas.create(
  PersonaCreate.parse({ name: "Long", description: "x" }),
);
const count = Number(countText);
let start = performance.now();
for (let done = 0; done < count; done += 200) {
  const batch = Array.from({ length: Math.min(200, count - done) }, (_, k) => {
    const parts = [`Zed ${word()}`];
    let length = 0;
    while (length < 9_900) length += parts[parts.push(word()) - 1]!.length + 1;
    return MemoryInput.parse({
      content: parts.join(" ").slice(0, 9_990),
      memory_type: "fact" as const,
      importance: 0.5,
      created_at: new Date(Date.parse("2025-01-01") + (done + k) * 1000).toISOString(),
    });
  });
  await services.memory.storeMany(persona, batch);
}
await services.quiet.drain();
console.log(`stored ${count} in ${(performance.now() - start).toFixed(0)} ms`);
const rss = () => (Deno.memoryUsage().rss / 2 ** 20).toFixed(0);
const queries = [["Zed kalo", 100], ["what does kalo mean", 100], ["Zed kalo", 5], ["tell me about Zed", 100]] as const;
for (let round = 0; round < Number(roundsText); round++) {
  for (const [query, n] of queries) {
    const before = memo.memoComputes?.() ?? 0;
    start = performance.now();
    const hits = await services.memory.search(persona, { query, n_results: n, min_importance: 0 });
    const ms = performance.now() - start;
    const computes = (memo.memoComputes?.() ?? 0) - before;
    console.log(
      `round ${round} "${query}" n=${n}: ${ms.toFixed(0)} ms, ${hits.length} hits, ` +
        `${computes} analyses, held ${memo.heldTexts()}, rss ${rss()} MiB`,
    );
  }
}
await close();
