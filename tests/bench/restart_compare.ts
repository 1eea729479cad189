/**
 * Restart benchmark, side by side (`deno task bench:memory:restart`): the first search of a new
 * server process on one stored data directory (made by `bench:memory --keep DIR`), this checkout
 * against a base checkout (an export with its dependencies installed), alternately, each run on
 * a fresh copy of the data (a search's touches would otherwise change the next run's file).
 *
 *   deno task bench:memory:restart --base /tmp/base --data DIR/100000 [--runs 7]
 *
 * Each run is `memory_search.ts --restart` of its checkout: start to first answer, then the
 * first search, then a search after the warm-up. The first search depends on how much of the
 * warm-up's index read is left when it comes, which moves by tens of milliseconds from run to
 * run: `bench:memory`'s three restarts per size are too few to compare it; take 7 runs or more.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { numberFlag } from "./_load.ts";

const args = Deno.args;
const flag = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const base = flag("base");
const data = flag("data");
if (!base || !data) {
  throw new Error("usage: restart_compare.ts --base DIR --data DATA_DIR [--runs N]");
}
const runs = numberFlag(args, "runs", 7);
const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** Query texts: three words of stored contents (read before any server opens the file). */
const texts = (() => {
  const db = new DatabaseSync(`${data}/persona.db`, { readOnly: true });
  try {
    return db.prepare("SELECT content FROM memories WHERE seq % 997 = 1 LIMIT 40").all()
      .map((row) => String(row.content).split(" ").slice(2, 5).join(" "));
  } finally {
    db.close();
  }
})();

type Restart = { listening: number; immediate: number; warmed: number };

/** One restart of `tree`'s server on a fresh copy of the data. */
async function restart(tree: string, run: number): Promise<Restart> {
  const copy = await Deno.makeTempDir({ prefix: "restart-" });
  try {
    await Deno.copyFile(`${data}/persona.db`, `${copy}/persona.db`);
    const output = await new Deno.Command("deno", {
      args: [
        "run",
        "-A",
        "tests/bench/memory_search.ts",
        "--restart",
        copy,
        texts[(2 * run) % texts.length]!,
        texts[(2 * run + 1) % texts.length]!,
      ],
      cwd: tree,
      stdout: "piped",
      stderr: "inherit",
    }).output();
    if (!output.success) throw new Error(`the restarted server of ${tree} failed`);
    return JSON.parse(new TextDecoder().decode(output.stdout).trim().split("\n").at(-1)!);
  } finally {
    await Deno.remove(copy, { recursive: true });
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const results = { base: [] as Restart[], head: [] as Restart[] };
for (let run = 0; run < runs; run++) {
  // Alternate the order so slow drift of the machine does not favour one side.
  const order = run % 2 === 0 ? ["base", "head"] as const : ["head", "base"] as const;
  for (const side of order) results[side].push(await restart(side === "base" ? base : root, run));
  console.error(`run ${run + 1}/${runs} done`);
}

const figures: Array<[string, (restart: Restart) => number]> = [
  ["start to first answer", (r) => r.listening],
  ["then first search", (r) => r.immediate],
  ["start to first search answered", (r) => r.listening + r.immediate],
  ["search after warm-up", (r) => r.warmed],
];
console.log(`restart at ${data}, ${runs} runs each; load ${Deno.loadavg().join(" ")}\n`);
console.log("| figure | this (median) | base (median) | this / base |");
console.log("| --- | ---: | ---: | ---: |");
for (const [label, of] of figures) {
  const head = median(results.head.map(of));
  const was = median(results.base.map(of));
  console.log(
    `| ${label} | ${head.toFixed(1)} ms | ${was.toFixed(1)} ms | ${(head / was).toFixed(2)} |`,
  );
}
