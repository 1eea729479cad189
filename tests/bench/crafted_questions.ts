/**
 * Crafted questions over crafted memories (session 40, attack40), two checkouts side by side in
 * ONE process, each tree's still server with the same store:
 *
 * - `kinds`: 16 memories of ~10,000 characters of "Kalomi, the dog." ties that also hold the
 *   question's last word, asked "which dog w1 … w200 zorbly" (`kind_bridges.ts`, K1);
 * - `names`: `--memories` memories of ~10,000 characters of "Dritorbel's coach" chains, asked a
 *   1,988-character chain of other names' coaches (`name_clippings.ts`, `possessed_topics.ts`,
 *   N1 and P1).
 *
 * Each case asks its question `--searches` times of both trees, the order alternating; prints each
 * tree's first search and the median of the later ones, wall time and main-thread CPU, and the
 * load. Run it three times and report the medians.
 *
 *   deno run -A tests/bench/crafted_questions.ts --base PATH [--tree PATH] [--memories 60]
 *     [--searches 7]
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { threadClock } from "./_thread_clock.ts";
import { plainMemory } from "./_memory_sentences.ts";

const args = Deno.args;
const base = stringFlag(args, "base");
if (!base) throw new Error("usage: crafted_questions.ts --base PATH [--tree PATH] ...");
const tree = stringFlag(args, "tree") ??
  new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const memories = numberFlag(args, "memories", 60);
const searches = numberFlag(args, "searches", 7);

const SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "va", "shu", "pel", "dri", "nox", "qua", "bel"];
/** A distinct capitalised made-up name for `i`. */
function nameOf(i: number): string {
  let name = "";
  for (let rest = i + 200; rest > 0; rest = Math.floor(rest / 12)) name += SYLLABLES[rest % 12];
  return name[0]!.toUpperCase() + name.slice(1);
}
/** `part(i)` for i = 0, 1, … joined by spaces, up to `limit` characters. */
function filled(part: (i: number) => string, limit: number, opening: string[] = []): string {
  const parts = [...opening];
  for (let i = 0, length = 0; length < limit; i++) {
    length += parts[parts.push(part(i)) - 1]!.length + 1;
  }
  return parts.join(" ").slice(0, limit).replace(/ \S*$/, "");
}

const CASES: ReadonlyArray<{ name: string; contents: string[]; question: string }> = [
  {
    name: "kinds",
    contents: Array.from(
      { length: 16 },
      (_, m) => filled((i) => `${nameOf(m * 10_000 + i)}, the dog.`, 10_000, ["zorbly."]),
    ),
    question: `${filled((i) => `w${nameOf(i).toLowerCase()}`, 1_980, ["which", "dog"])} zorbly`,
  },
  {
    name: "names",
    contents: Array.from(
      { length: memories },
      (_, m) => filled((i) => `${nameOf(m * 3_000 + i)}'s coach`, 10_000),
    ),
    question: filled((i) => `${nameOf(900_000 + i)}'s coach`, 2_000),
  },
];

type Search = (text: string) => Promise<unknown>;

async function open(path: string, contents: readonly string[]) {
  const dir = await Deno.makeTempDir({ prefix: "persona-crafted-" });
  const { startStillServer } = await import(`${path}/tests/bench/_memory_data.ts`);
  const server = await startStillServer(dir);
  const persona = (await server.services.personas.list())
    .find((item: { name: string }) => item.name === "Aria");
  await server.services.memory.storeMany(persona, contents.map(plainMemory));
  const search: Search = (query) =>
    server.services.memory.search(persona, { query, n_results: 5, min_importance: 0 });
  return {
    search,
    close: async () => {
      await server.shutdown();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

const clock = threadClock();
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
console.log("| case | tree | first (wall / CPU) | later: median wall | median CPU |");
console.log("| --- | --- | ---: | ---: | ---: |");
for (const { name, contents, question } of CASES) {
  const sides = [await open(tree, contents), await open(base, contents)];
  const wall: number[][] = [[], []];
  const cpu: number[][] = [[], []];
  try {
    for (let i = 0; i < searches; i++) {
      for (const side of i % 2 === 0 ? [0, 1] : [1, 0]) {
        const [startWall, startCpu] = [performance.now(), clock()];
        await sides[side]!.search(question);
        wall[side]!.push(performance.now() - startWall);
        cpu[side]!.push(clock() - startCpu);
      }
    }
  } finally {
    for (const side of sides) await side.close();
  }
  ["tree", "base"].forEach((which, side) => {
    const [first, ...later] = wall[side]!;
    const [firstCpu, ...laterCpu] = cpu[side]!;
    console.log(
      `| ${name} | ${which} | ${first!.toFixed(0)} / ${firstCpu!.toFixed(0)} ms | ${
        median(later).toFixed(0)
      } ms | ${median(laterCpu).toFixed(0)} ms |`,
    );
  });
}
console.log(`load ${Deno.loadavg().map((value) => value.toFixed(2)).join(" ")}`);
