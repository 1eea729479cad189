/**
 * Many idle WebSocket connections in one server (`deno task bench:sockets`): a holder process
 * opens `--idle` sockets to a server and makes one call on each, then leaves them open; 64
 * active connections load `persona.get` on that server and, in alternating rounds, on a second
 * server of the same checkout that holds nothing. Reported: sockets held (and refused with 503),
 * the server's RSS and open files with them and without, and the active load's p99 with the idle
 * sockets and without.
 *
 *   deno task bench:sockets [--idle 10000] [--active 64] [--seconds 8] [--rounds 2]
 *     [--fd-limit N] [--base PATH] [--runs N] [--settle 30]
 *
 * `--settle S`: the RSS of both servers again S seconds after the last active round, the idle
 * sockets still held and nothing else sent (V8 gives back what a quiet process no longer needs
 * only while nothing allocates: the young generation grown by the load, the garbage promoted);
 * 0 skips it.
 *
 * With `--base` the same measure is made of that checkout too, `--runs` times each (default 3
 * with a base, else 1), the two trees alternating run by run (this tree first in odd runs, the
 * base first in even ones) so that both see the same machine; each run's figures and the
 * medians of both are printed.
 *
 * Both the servers and the holder run with `ulimit -n` set to `--fd-limit` (default: what the
 * server needs for the idle and active sockets, `fileLimitFor`, as in the server README's table):
 * lower it to see the server refuse upgrades with 503 instead of running out of descriptors.
 *
 * @module
 */
import {
  type BenchServer,
  type LoadSamples,
  mergeRuns,
  numberFlag,
  runWebSocketLoad,
  spawnBenchServer,
} from "./_load.ts";
import { loadAverage, type Metric, rssMb, type Tree } from "./_table.ts";
import { fileLimitFor } from "../../core/server/transport/fd_limit.ts";

/** Options of {@linkcode idleSockets}. */
export interface IdleSocketOptions {
  tree: Tree;
  idle: number;
  active: number;
  seconds: number;
  rounds: number;
  fdLimit: number;
  /** Seconds after the load at which the RSS is read again (0: not read). */
  settleSeconds?: number;
}

/** What {@linkcode idleSockets} measured. */
export interface IdleSocketResult {
  held: number;
  refused: number;
  failed: number;
  /** Server RSS (MB) and open files, with the idle sockets and without. */
  rssMb: { idle: number; quiet: number };
  /** The same `settleSeconds` after the load, when asked for. */
  settledRssMb?: { idle: number; quiet: number };
  openFiles: { idle: number; quiet: number };
  /** The active load's p99 (ms) and req/s, with the idle sockets and without. */
  p99Ms: { idle: number; quiet: number };
  perSecond: { idle: number; quiet: number };
}

async function openFiles(pid: number): Promise<number> {
  const { stdout } = await new Deno.Command("sh", {
    args: ["-c", `ls /proc/${pid}/fd | wc -l`],
  }).output();
  return Number(new TextDecoder().decode(stdout).trim());
}

/** Holds `count` sockets to `url` in a child process; resolves once they are open. */
export async function holdSockets(url: string, count: number, fdLimit: number) {
  const child = new Deno.Command("sh", {
    args: [
      "-c",
      'ulimit -n "$0" && exec "$@"',
      String(fdLimit),
      Deno.execPath(),
      "run",
      "--allow-net",
      new URL("./socket_holder.ts", import.meta.url).pathname,
      "--url",
      url,
      "--count",
      String(count),
    ],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!/HELD \d+ REFUSED \d+ FAILED \d+/.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`socket holder exited: ${text}`);
    text += value;
  }
  const [, held, refused, failed] = /HELD (\d+) REFUSED (\d+) FAILED (\d+)/.exec(text)!.map(
    Number,
  );
  return {
    held: held!,
    refused: refused!,
    failed: failed!,
    async release() {
      await child.stdin.close();
      await child.status;
      await reader.cancel().catch(() => {});
    },
  };
}

/** Loads a server with and one without `options.idle` held sockets, alternating. */
export async function idleSockets(options: IdleSocketOptions): Promise<IdleSocketResult> {
  const spawn = () =>
    spawnBenchServer({
      tree: options.tree.path,
      fdLimit: options.fdLimit,
      // A connection limit of its own (when the checkout has one) must not stop the run.
      env: { MAX_CONNECTIONS: String(options.idle + options.active + 16) },
    });
  const servers: BenchServer[] = [];
  try {
    servers.push(await spawn(), await spawn());
    const [idle, quiet] = servers as [BenchServer, BenchServer];
    const holder = await holdSockets(idle.wsUrl, options.idle, options.fdLimit);
    try {
      const frames = [];
      for (const server of servers) {
        const { personas } = await (await fetch(`${server.apiUrl}/personas`)).json();
        const personaId = personas[0].id as string;
        frames.push((n: number) =>
          JSON.stringify({
            jsonrpc: "2.0",
            method: "persona.get",
            params: { persona_id: personaId },
            id: n,
          })
        );
      }
      const runs: LoadSamples[][] = [[], []];
      const seconds = options.seconds / options.rounds;
      // A full server refuses the active connections too: then only the refusals are reported.
      const rounds = holder.refused > 0 ? 0 : options.rounds;
      for (let round = 0; round < rounds; round++) {
        for (const i of round % 2 ? [1, 0] : [0, 1]) {
          runs[i]!.push(
            await runWebSocketLoad({
              url: servers[i]!.wsUrl,
              connections: options.active,
              seconds,
              frame: frames[i]!,
            }),
          );
        }
      }
      const [withIdle, without] = runs.map((list) => mergeRuns("", list)) as [
        ReturnType<typeof mergeRuns>,
        ReturnType<typeof mergeRuns>,
      ];
      const rss = { idle: await rssMb(idle.pid), quiet: await rssMb(quiet.pid) };
      let settled: IdleSocketResult["settledRssMb"];
      if (options.settleSeconds && rounds > 0) {
        await new Promise((resolve) => setTimeout(resolve, options.settleSeconds! * 1000));
        settled = { idle: await rssMb(idle.pid), quiet: await rssMb(quiet.pid) };
      }
      return {
        held: holder.held,
        refused: holder.refused,
        failed: holder.failed,
        rssMb: rss,
        ...(settled ? { settledRssMb: settled } : {}),
        openFiles: { idle: await openFiles(idle.pid), quiet: await openFiles(quiet.pid) },
        p99Ms: { idle: withIdle.p99Ms, quiet: without.p99Ms },
        perSecond: { idle: withIdle.perSecond, quiet: without.perSecond },
      };
    } finally {
      await holder.release();
    }
  } finally {
    for (const server of servers) await server.stop();
  }
}

/**
 * The open-file limit the benchmark's processes get by default: what the server needs for the
 * idle and the active sockets (as the README's table says), with a margin.
 */
function benchFileLimit(options: { idle: number; active: number }): number {
  return fileLimitFor(options.idle + options.active + 64);
}

/** The idle-socket figures as metrics of `deno task bench:all`. */
export async function idleSocketMetrics(
  options: { trees: readonly Tree[]; idle: number; active: number; seconds: number },
): Promise<Metric[]> {
  const results = new Map<Tree["label"], IdleSocketResult>();
  for (const tree of options.trees) {
    results.set(
      tree.label,
      await idleSockets({ ...options, tree, rounds: 2, fdLimit: benchFileLimit(options) }),
    );
  }
  const benchmark = `${
    options.idle.toLocaleString("en-US")
  } idle sockets + ${options.active} active`;
  const metric = (
    name: string,
    unit: string,
    better: Metric["better"],
    pick: (r: IdleSocketResult) => number,
  ): Metric => ({
    benchmark,
    name,
    unit,
    better,
    values: Object.fromEntries([...results].map(([label, r]) => [label, pick(r)])),
  });
  return [
    metric("sockets held", "", "higher", (r) => r.held),
    metric("server RSS with them", "MB", "lower", (r) => r.rssMb.idle),
    metric("active p99 ÷ p99 without idle", "×", "lower", (r) => r.p99Ms.idle / r.p99Ms.quiet),
  ];
}

/** The median of `values` (the mean of the two middle ones for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

if (import.meta.main) {
  const idle = numberFlag(Deno.args, "idle", 10_000);
  const active = numberFlag(Deno.args, "active", 64);
  const at = Deno.args.indexOf("--base");
  const base = at >= 0 ? Deno.args[at + 1] : undefined;
  const trees: Tree[] = [{ label: "now", path: new URL("../..", import.meta.url).pathname }];
  if (base) trees.push({ label: "baseline", path: base });
  const runs = numberFlag(Deno.args, "runs", base ? 3 : 1);
  const results = new Map<Tree["label"], IdleSocketResult[]>(trees.map((t) => [t.label, []]));
  console.log(`${Deno.build.target}, load average ${loadAverage()}`);
  for (let run = 0; run < runs; run++) {
    for (const tree of run % 2 ? [...trees].reverse() : trees) {
      const result = await idleSockets({
        tree,
        idle,
        active,
        seconds: numberFlag(Deno.args, "seconds", 8),
        rounds: numberFlag(Deno.args, "rounds", 2),
        fdLimit: numberFlag(Deno.args, "fd-limit", benchFileLimit({ idle, active })),
        settleSeconds: numberFlag(Deno.args, "settle", 30),
      });
      results.get(tree.label)!.push(result);
      console.log(`run ${run + 1} ${tree.label} (load average ${loadAverage()})`);
      console.log(JSON.stringify(result, null, 2));
    }
  }
  if (runs > 1 || base) {
    for (const [label, list] of results) {
      const figure = (pick: (r: IdleSocketResult) => number) =>
        `${median(list.map(pick)).toFixed(1)} (${list.map((r) => pick(r).toFixed(1)).join(", ")})`;
      console.log(
        `${label}: RSS with the idle sockets ${figure((r) => r.rssMb.idle)} MB, without ${
          figure((r) => r.rssMb.quiet)
        } MB; held ${list.map((r) => r.held).join(", ")}; active p99 ${
          figure((r) => r.p99Ms.idle)
        } ms with them, ${figure((r) => r.p99Ms.quiet)} ms without`,
      );
      if (list.every((r) => r.settledRssMb)) {
        console.log(
          `${label}: settled RSS with the idle sockets ${
            figure((r) => r.settledRssMb!.idle)
          } MB, without ${figure((r) => r.settledRssMb!.quiet)} MB`,
        );
      }
    }
  }
}
