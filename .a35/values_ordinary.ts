/**
 * attack35: what the value readers cost on ordinary texts, this tree beside a base, in one
 * process: the open recall sets' memories (facts, updates, distractors of set 1, 2, 4, 5, 6,
 * 9-15), each read (`statedValues`, not remembered), and every ordered pair of the valued ones
 * of a set compared (`restatesValue`, for no query and for a query on no slot), after a first
 * round that fills the memos. Alternating rounds, medians.
 *
 *   deno run -A .a35/values_ordinary.ts [base=/tmp/base35] [rounds=7]
 */
const [base = "/tmp/base35", roundsArg = "7"] = Deno.args;
const here = new URL("..", import.meta.url).pathname;
const sets = [
  "",
  "set2",
  "set4",
  "set5",
  "set6",
  "set9",
  "set10",
  "set11",
  "set12",
  "set13",
  "set14",
  "set15",
];
const textsBySet: string[][] = [];
for (const set of sets) {
  const dir = `${here}tests/bench/recall/${set ? set + "/" : ""}`;
  const facts = JSON.parse(await Deno.readTextFile(`${dir}facts.json`));
  const texts: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === "string") texts.push(value);
    else if (value && typeof value === "object") {
      for (const key of ["text", "content", "new", "old"]) {
        const inner = (value as Record<string, unknown>)[key];
        if (typeof inner === "string") texts.push(inner);
      }
    }
  };
  for (const value of Object.values(facts.facts ?? {})) add(value);
  for (const value of Object.values(facts.updates ?? {})) add(value);
  const distractors = await Deno.readTextFile(`${dir}distractors.txt`).catch(() => "");
  texts.push(...distractors.split("\n").filter(Boolean));
  textsBySet.push(texts);
}
type Tree = {
  statedValues: (text: string) => unknown[];
  restatesValue: (a: string, b: string, asked?: { terms: string[] }) => boolean;
};
const load = async (tree: string): Promise<Tree> => ({
  ...(await import(`${tree}/core/memory/stated_values.ts`)),
  ...(await import(`${tree}/core/memory/restated_values.ts`)),
});
const trees: Array<[string, Tree]> = [["base", await load(base)], ["attack35", await load(here)]];
const total = textsBySet.reduce((sum, texts) => sum + texts.length, 0);
const times = new Map<string, { read: number[]; pairs: number[] }>();
let pairsCount = 0;
let answers = "";
for (let round = 0; round <= Number(roundsArg); round++) {
  for (const [name, tree] of round % 2 === 0 ? trees : [...trees].reverse()) {
    let start = performance.now();
    for (const texts of textsBySet) for (const text of texts) tree.statedValues(text);
    const read = performance.now() - start;
    start = performance.now();
    let found = "";
    pairsCount = 0;
    for (const texts of textsBySet) {
      const valued = texts.filter((text) => tree.statedValues(text).length > 0);
      for (const a of valued) {
        for (const b of valued) {
          if (a === b) continue;
          pairsCount++;
          found += tree.restatesValue(a, b) ? "1" : "0";
          found += tree.restatesValue(a, b, { terms: ["zzz"] }) ? "1" : "0";
        }
      }
    }
    const pairs = performance.now() - start;
    if (round === 0) {
      if (answers === "") answers = found;
      else console.log(`answers identical: ${answers === found} (${found.length / 2} pairs)`);
      continue;
    }
    const entry = times.get(name) ?? { read: [], pairs: [] };
    entry.read.push(read);
    entry.pairs.push(pairs);
    times.set(name, entry);
  }
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(
  `${total} texts, ${pairsCount} valued pairs; load ${
    Deno.loadavg().map((x) => x.toFixed(1)).join(" ")
  }`,
);
for (const [name, { read, pairs }] of times) {
  console.log(
    `${name}: read all ${median(read).toFixed(1)} ms, compare pairs ${
      median(pairs).toFixed(1)
    } ms (medians of ${read.length})`,
  );
}
