/**
 * Side-by-side memory benchmark (`deno task bench:memory:compare`): runs `bench:memory` at a base
 * revision (default: `main`) in a temporary git worktree and at this checkout, alternately, in
 * one run on the same machine, then prints each figure's median over the rounds and the ratio
 * (this / base).
 *
 *   deno task bench:memory:compare [--base main] [--rounds 2] [--sizes 10000] [--queries 200]
 *
 * `--base` may also name a folder holding another checkout (an export made with `git archive`,
 * its dependencies installed): it is run as it is.
 */
const args = Deno.args;
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] ?? fallback : fallback;
};
const base = flag("base", "main");
const rounds = Number(flag("rounds", "2"));
const sizes = flag("sizes", "10000");
const queries = flag("queries", "200");
const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

async function run(command: string[], cwd: string): Promise<string> {
  const output = await new Deno.Command(command[0]!, {
    args: command.slice(1),
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout);
  if (!output.success) {
    throw new Error(`${command.join(" ")} failed:\n${new TextDecoder().decode(output.stderr)}`);
  }
  return text;
}

/**
 * The benchmark's table rows: size → [ws median, ws p99, service median, service p99, first,
 * bulk insert per second, restart: start to first answer, then first search, after warm-up].
 */
function parse(text: string): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  for (const line of text.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim()).filter(Boolean);
    if (cells.length < 7 || !/^\d+$/.test(cells[0]!)) continue;
    rows.set(cells[0]!, cells.slice(1, 10).map((cell) => Number.parseFloat(cell)));
  }
  return rows;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const exported = await Deno.stat(base).then((info) => info.isDirectory, () => false);
const revision = exported ? base : (await run(["git", "rev-parse", "--short", base], root)).trim();
const head = (await run(["git", "rev-parse", "--short", "HEAD"], root)).trim();
const tree = exported ? base : await Deno.makeTempDir({ prefix: "bench-base-" });
if (!exported) await run(["git", "worktree", "add", "--detach", tree, revision], root);
const bench = ["deno", "task", "bench:memory", "--sizes", sizes, "--queries", queries];
const results: Record<"base" | "head", Array<Map<string, number[]>>> = { base: [], head: [] };
try {
  for (let round = 0; round < rounds; round++) {
    // Alternate the order so slow drift of the machine does not favour one side.
    const order = round % 2 === 0 ? ["base", "head"] as const : ["head", "base"] as const;
    for (const side of order) {
      const text = await run([...bench, "--stores", "50"], side === "base" ? tree : root);
      results[side].push(parse(text));
      console.error(`round ${round + 1}/${rounds}: ${side} done`);
    }
  }
} finally {
  if (!exported) await run(["git", "worktree", "remove", "--force", tree], root);
}

const labels = [
  "search median (WS)",
  "p99 (WS)",
  "median (service)",
  "p99 (service)",
  "first search",
  "bulk insert (per s)",
  "restart: start to first answer",
  "restart: then first search",
  "restart: search after warm-up",
];
console.log(
  `memory.search, base ${base} (${revision}) vs this checkout (${head}), ${rounds} rounds`,
);
console.log("medians over the rounds, in ms\n");
console.log("| memories | figure | base | this | this / base |");
console.log("| ---: | --- | ---: | ---: | ---: |");
for (const size of sizes.split(",")) {
  labels.forEach((label, i) => {
    const value = (side: "base" | "head") =>
      median(results[side].map((rows) => rows.get(size)?.[i] ?? Number.NaN));
    const [b, h] = [value("base"), value("head")];
    console.log(
      `| ${size} | ${label} | ${b.toFixed(2)} | ${h.toFixed(2)} | ${(h / b).toFixed(2)} |`,
    );
  });
}
