/**
 * attack39 A2: two memories whose one line holds ~`count` capitalised names (a change told of
 * the same run but its last name), then timed searches; in process, SQLite.
 * Usage: deno run -A .a39/names_search.ts [tree] [count]
 */
import { noModel, servicesInProcess } from "../tests/bench/_in_process.ts";

const [treeArg = "", countText = "800"] = Deno.args;
const tree = treeArg || new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const { services, close } = await servicesInProcess(tree, "a39-names-", noModel());
await services.memory.warm();
const { MemoryInput } = await import(`${tree}/core/memory/schema.ts`);
const { PersonaCreate } = await import(`${tree}/core/personas/schema.ts`);
const persona = await services.personas.create(
  PersonaCreate.parse({ name: "Names", description: "x" }),
);
const syl = ["ka", "lo", "mi", "ren", "tor", "va", "shu", "pel", "dri", "nox", "qua", "bel"];
const all: string[] = [];
for (const a of syl) {
  for (const b of syl) for (const c of syl) all.push(a[0]!.toUpperCase() + a.slice(1) + b + c);
}
const run = all.slice(0, Number(countText)).join(" ");
const contents = [
  `I work at the ${run} Xaxa with my friends.`,
  `I quit my job at the ${run} Yaya last week.`,
  `I moved to the ${run} Zaza in March.`,
  `My sister works at ${run} Wawa now.`,
];
await services.memory.storeMany(
  persona,
  contents.map((content, i) =>
    MemoryInput.parse({
      content,
      importance: 0.5,
      created_at: new Date(Date.parse("2025-01-01") + i * 86_400_000).toISOString(),
    })
  ),
);
await services.quiet.drain();
for (const query of ["where do I work", "did I quit my job", "where did I move", "Kakaka"]) {
  const start = performance.now();
  const hits = await services.memory.search(persona, { query, n_results: 5, min_importance: 0 });
  console.log(`"${query}": ${(performance.now() - start).toFixed(0)} ms, ${hits.length} hits`);
}
await close();
