/**
 * The one table of `deno task bench:all`: every benchmark reports metrics measured for one or
 * two checkouts (this one, and a baseline when asked), side by side in the same run.
 *
 * @module
 */

/** A checkout that benchmarks run: this one ("now") or another commit ("baseline"). */
export interface Tree {
  label: "now" | "baseline";
  /** Its root folder (with its own `deno.json` and `main.ts`). */
  path: string;
}

/**
 * The trees a side-by-side bench compares: this checkout ("now", or `--tree`'s folder) and, with
 * `--base`, the baseline folder.
 */
export function comparedTrees(options: { here: string; tree?: string; base?: string }): Tree[] {
  return [
    { label: "now", path: options.tree ?? options.here },
    ...(options.base ? [{ label: "baseline" as const, path: options.base }] : []),
  ];
}

/**
 * Runs `round` for every tree, `rounds` times, reversing the order every other round so neither
 * tree always goes first (the first one pays the machine's cold caches); figures per label.
 */
export async function alternatingRounds<T>(
  trees: readonly Tree[],
  rounds: number,
  round: (tree: Tree) => Promise<T>,
): Promise<Map<string, T[]>> {
  const figures = new Map<string, T[]>(trees.map((tree) => [tree.label, []]));
  for (let i = 0; i < rounds; i++) {
    for (const tree of i % 2 ? [...trees].reverse() : trees) {
      figures.get(tree.label)!.push(await round(tree));
    }
  }
  return figures;
}

/** One figure of one benchmark, for each tree measured. */
export interface Metric {
  benchmark: string;
  name: string;
  unit: string;
  /** Whether a larger value is the better one (throughput) or a smaller one (latency). */
  better: "higher" | "lower";
  values: Partial<Record<Tree["label"], number>>;
}

function format(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  const digits = unit === "×" ? 3 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString("en-US", { maximumFractionDigits: digits })} ${unit}`.trim();
}

/** The table as Markdown: now, baseline and now ÷ baseline (a ratio above 1 is better). */
export function metricTable(metrics: readonly Metric[], withBaseline: boolean): string {
  const head = withBaseline
    ? "| benchmark | metric | now | baseline | better by (×) |\n| --- | --- | ---: | ---: | ---: |"
    : "| benchmark | metric | now |\n| --- | --- | ---: |";
  const lines = metrics.map((metric) => {
    const { now, baseline } = metric.values;
    const cells = [metric.benchmark, metric.name, format(now, metric.unit)];
    if (withBaseline) {
      const gain = now === undefined || baseline === undefined
        ? undefined
        : metric.better === "higher"
        ? now / baseline
        : baseline / now;
      cells.push(format(baseline, metric.unit), format(gain, "×"));
    }
    return `| ${cells.join(" | ")} |`;
  });
  return [head, ...lines].join("\n");
}

/** Each metric's median over several runs of the same benchmarks (its values by tree). */
export function medianMetrics(runs: readonly (readonly Metric[])[]): Metric[] {
  const byKey = new Map<string, Metric[]>();
  for (const run of runs) {
    for (const metric of run) {
      const key = `${metric.benchmark}\u0000${metric.name}`;
      byKey.set(key, [...byKey.get(key) ?? [], metric]);
    }
  }
  return [...byKey.values()].map((same) => {
    const labels = new Set(same.flatMap((metric) => Object.keys(metric.values))) as Set<
      Tree["label"]
    >;
    const values: Metric["values"] = {};
    for (const label of labels) {
      const sorted = same.map((metric) => metric.values[label])
        .filter((value): value is number => value !== undefined && !Number.isNaN(value))
        .sort((a, b) => a - b);
      if (sorted.length === 0) continue;
      const middle = Math.floor(sorted.length / 2);
      values[label] = sorted.length % 2
        ? sorted[middle]!
        : (sorted[middle - 1]! + sorted[middle]!) / 2;
    }
    return { ...same[0]!, values };
  });
}

/** The load average (1, 5, 15 minutes) of a shared machine, to print beside its figures. */
export function loadAverage(): string {
  return Deno.loadavg().map((value) => value.toFixed(2)).join(" ");
}

/**
 * A file of another process's `/proc/<pid>/`, read through `cat`: Deno lets a program read
 * another process's `/proc` entries only with `--allow-all`, the benchmarks have `--allow-run`.
 */
async function procFile(pid: number, name: string): Promise<string> {
  const { stdout } = await new Deno.Command("cat", { args: [`/proc/${pid}/${name}`] }).output();
  return new TextDecoder().decode(stdout);
}

/**
 * CPU seconds every process of the machine has used so far (`/proc/stat`: user, nice, system,
 * irq, softirq, steal over all cores): less a benchmark's own processes, what others took
 * from the same cores meanwhile.
 */
export async function machineCpuSeconds(): Promise<number> {
  const { stdout } = await new Deno.Command("cat", { args: ["/proc/stat"] }).output();
  const [user, nice, system, , , irq, softirq, steal] = new TextDecoder().decode(stdout)
    .split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const busy = [user, nice, system, irq, softirq, steal];
  return busy.reduce((sum: number, ticks) => sum + (ticks ?? 0), 0) / 100;
}

/** CPU seconds (user + system) of a `/proc` stat line. */
function statSeconds(stat: string): number {
  // Fields after the command name (which may hold spaces) start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/** CPU seconds (user + system) used so far by process `pid` (Linux `/proc`), all its threads. */
export async function cpuSeconds(pid: number): Promise<number> {
  return statSeconds(await procFile(pid, "stat"));
}

/**
 * CPU seconds used so far by the main thread of process `pid` alone (its event loop, for a Deno
 * server), without V8's garbage-collection helpers and Deno's other threads.
 */
export async function mainThreadCpuSeconds(pid: number): Promise<number> {
  return statSeconds(await procFile(pid, `task/${pid}/stat`));
}

/** CPU seconds used so far by process `pid` and its live descendants (e.g. `deno task` and the
 * server it runs), a figure the machine's load hardly moves. */
export async function treeCpuSeconds(pid: number): Promise<number> {
  let total = await cpuSeconds(pid);
  const children = (await procFile(pid, `task/${pid}/children`)).split(" ").filter(Boolean);
  for (const child of children) total += await treeCpuSeconds(Number(child));
  return total;
}

/** Resident memory of process `pid` in MB (Linux `/proc`); `peak`: its high-water mark. */
export async function rssMb(pid: number, options: { peak?: boolean } = {}): Promise<number> {
  const field = options.peak ? /VmHWM:\s+(\d+)/ : /VmRSS:\s+(\d+)/;
  const kb = Number(field.exec(await procFile(pid, "status"))?.[1] ?? NaN);
  return kb / 1024;
}
