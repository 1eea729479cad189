/**
 * Pathological regex keys, side by side with another tree (each run in a fresh process, so every
 * key is compiled and its DFA built on first use, as on a server that has not seen the book):
 *
 * - `repro`: 10 entries keyed `/(?:[^z]{1,N})[zZ]/` (N = 1000..991), scan depth 1000, over 10
 *   messages of `"ab " × 5000` (150 KB), as the adversarial test sent to `lorebook.test`;
 * - `many`: 600 distinct such keys (N = 1000..401) against one 11-character message;
 * - `normal`: 300 SillyTavern-style `/pattern/i` keys over the same 150 KB (must not slow down).
 *
 * Prints, per tree and scenario, the median wall time of the first `activateLore` call (the time
 * the event loop is held), its process CPU, the wall time of a second call (keys cached), the RSS
 * growth, fired and cut counts (of the first call).
 * Run: `deno run -A tests/bench/lore_regex_keys.ts --tree /tmp/base13 [--rounds 3]`.
 */
import { median } from "./_lore_fixtures.ts";

type Scenario = "repro" | "many" | "normal";
const SCENARIOS: Scenario[] = ["repro", "many", "normal"];

function entries(scenario: Scenario) {
  const keyed = (keys: string[], i: number) => ({
    keys,
    content: `entry ${i}`,
    extensions: {},
    enabled: true,
    insertion_order: 100,
    use_regex: false,
  });
  if (scenario === "repro") {
    return Array.from({ length: 10 }, (_, i) => keyed([`/(?:[^z]{1,${1000 - i}})[zZ]/`], i));
  }
  if (scenario === "many") {
    return Array.from({ length: 600 }, (_, i) => keyed([`/(?:[^z]{1,${1000 - i}})[zZ]/`], i));
  }
  return Array.from(
    { length: 300 },
    (_, i) => keyed([`/\\b(elf${i}|elves${i}|elven)s?\\b/i`, `/(?:sword|blade)${i}s?/i`], i),
  );
}

function messages(scenario: Scenario) {
  if (scenario === "many") return [{ name: "", text: "ab ab ab ab" }];
  return Array.from({ length: 10 }, () => ({ name: "", text: "ab ".repeat(5000) }));
}

async function child(tree: string, scenario: Scenario): Promise<void> {
  const { activateLore } = await import(`file://${tree}/core/lore/activate.ts`);
  const book = { extensions: {}, entries: entries(scenario), scan_depth: 1000 };
  const input = { books: [{ id: "b", name: "B", book }], messages: messages(scenario) };
  const rss = Deno.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = activateLore(input);
  const ms = performance.now() - start;
  const after = process.cpuUsage(cpu);
  const warmStart = performance.now();
  activateLore(input);
  const warmMs = performance.now() - warmStart;
  const cpuMs = (after.user + after.system) / 1000;
  console.log(JSON.stringify({
    ms,
    warmMs,
    cpuMs,
    rssMb: (Deno.memoryUsage().rss - rss) / 2 ** 20,
    fired: result.fired.length,
    cut: result.cut.length,
  }));
}

interface Sample {
  ms: number;
  warmMs: number;
  cpuMs: number;
  rssMb: number;
  fired: number;
  cut: number;
}

async function runChild(tree: string, scenario: Scenario): Promise<Sample> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--config",
      `${tree}/deno.json`,
      import.meta.filename!,
      "--child",
      tree,
      scenario,
    ],
    cwd: tree,
    stdout: "piped",
    stderr: "inherit",
  }).output();
  return JSON.parse(new TextDecoder().decode(output.stdout).trim().split("\n").at(-1)!);
}

/** The value after `--name` in the command line. */
function flag(name: string): string | undefined {
  const at = Deno.args.indexOf(`--${name}`);
  return at < 0 ? undefined : Deno.args[at + 1];
}

const args = {
  child: flag("child"),
  tree: flag("tree"),
  rounds: flag("rounds"),
  _: Deno.args.slice(-1),
};
if (args.child) {
  await child(args.child, args._[0] as Scenario);
} else {
  const here = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
  const trees = [args.tree ?? "/tmp/base13", here];
  const rounds = Number(args.rounds ?? 3);
  console.log(`load before: ${(await Deno.readTextFile("/proc/loadavg")).trim()}`);
  for (const scenario of SCENARIOS) {
    const samples = new Map<string, Sample[]>(trees.map((t) => [t, []]));
    for (let round = 0; round < rounds; round++) {
      // Alternate which tree goes first, so drifting load hits both alike.
      for (const tree of round % 2 ? trees.toReversed() : trees) {
        samples.get(tree)!.push(await runChild(tree, scenario));
      }
    }
    const [base, mine] = trees.map((t) => samples.get(t)!);
    const row = (name: string, s: Sample[]) =>
      `  ${name.padEnd(5)} ${median(s.map((x) => x.ms)).toFixed(1).padStart(8)} ms wall ` +
      `${median(s.map((x) => x.cpuMs)).toFixed(1).padStart(8)} ms cpu ` +
      `${median(s.map((x) => x.warmMs)).toFixed(1).padStart(8)} ms warm ` +
      `${median(s.map((x) => x.rssMb)).toFixed(1).padStart(7)} MiB rss+ ` +
      `fired ${s[0]!.fired} cut ${s[0]!.cut}`;
    console.log(`${scenario} (${rounds} rounds, medians)`);
    console.log(row("base", base!));
    console.log(row("new", mine!));
    console.log(
      `  ratio new/base wall ${
        (median(mine!.map((x) => x.ms)) / median(base!.map((x) => x.ms))).toFixed(3)
      }`,
    );
  }
  console.log(`load after: ${(await Deno.readTextFile("/proc/loadavg")).trim()}`);
}
