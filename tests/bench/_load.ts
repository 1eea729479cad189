/**
 * Shared pieces of the load scripts: closed-loop WebSocket load and percentile reporting.
 *
 * @module
 */
import { cpuSeconds } from "./_table.ts";
import { shippedV8Flags, v8FlagsArgs } from "./_shipped_flags.ts";

/** Latency summary of one load run. */
export interface LoadResult {
  label: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time the answering process spent per request (µs), when it was read. */
  cpuMicrosPerRequest?: number;
}

/** The `p`-th percentile (0-100) of sorted `values`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

/** Summarises latencies (ms) measured over `seconds`. */
export function summarize(label: string, latencies: number[], seconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    label,
    requests: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

/** Options of {@linkcode runWebSocketLoad}. */
export interface WebSocketLoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** Builds the frame for request number `n` on a connection. */
  frame(n: number): string;
  /** The answering process: its CPU time during the load is read (Linux `/proc`). */
  serverPid?: number;
}

/** Raw samples of one load run. */
export interface LoadSamples {
  latencies: number[];
  seconds: number;
  /** CPU seconds the answering process spent meanwhile (read from `/proc`), if asked. */
  cpuSeconds?: number;
}

/** Merges runs of the same load (alternating rounds) into one summary. */
export function mergeRuns(label: string, runs: readonly LoadSamples[]): LoadResult {
  const result = summarize(
    label,
    runs.flatMap((run) => run.latencies),
    runs.reduce((sum, run) => sum + run.seconds, 0),
  );
  if (runs.some((run) => run.cpuSeconds === undefined)) return result;
  const cpu = runs.reduce((sum, run) => sum + run.cpuSeconds!, 0);
  return { ...result, cpuMicrosPerRequest: (cpu * 1e6) / result.requests };
}

/** Opens `connections` sockets; each sends a frame, waits for the answer, repeats. */
export async function runWebSocketLoad(options: WebSocketLoadOptions): Promise<LoadSamples> {
  const latencies: number[] = [];
  const deadline = { at: 0 };
  const workers = Array.from({ length: options.connections }, async () => {
    const socket = new WebSocket(options.url);
    const inbox: string[] = [];
    let wake: (() => void) | undefined;
    socket.onmessage = (event) => {
      inbox.push(event.data as string);
      wake?.();
    };
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const next = async () => {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      return inbox.shift()!;
    };
    return { socket, next };
  });
  const ready = await Promise.all(workers);
  const cpu = () => options.serverPid === undefined ? 0 : cpuSeconds(options.serverPid);
  const cpuBefore = await cpu();
  deadline.at = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(ready.map(async ({ socket, next }) => {
    let n = 0;
    while (performance.now() < deadline.at) {
      const sentAt = performance.now();
      socket.send(options.frame(n++));
      await next();
      latencies.push(performance.now() - sentAt);
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = await cpu();
  await Promise.all(ready.map(({ socket }) =>
    new Promise((resolve) => {
      socket.onclose = resolve;
      socket.close();
    })
  ));
  return {
    latencies,
    seconds: elapsed,
    ...(options.serverPid === undefined ? {} : { cpuSeconds: cpuAfter - cpuBefore }),
  };
}

/** Prints results as a table plus the ratio of each to the first. */
export function printResults(results: readonly LoadResult[]): void {
  const base = results[0];
  console.log(
    "| run | requests | req/s | p50 ms | p99 ms | req/s vs first | server CPU µs/request |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const result of results) {
    const cells = [
      result.label,
      result.requests,
      result.perSecond.toFixed(0),
      result.p50Ms.toFixed(3),
      result.p99Ms.toFixed(3),
      (result.perSecond / base!.perSecond).toFixed(3),
      result.cpuMicrosPerRequest?.toFixed(1) ?? "–",
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
}

/** Reads `--name value` from `args` as a number. */
export function numberFlag(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

/** A helper process started by a benchmark. */
export interface HelperProcess {
  /** The first capture group of the line the process announced itself with. */
  announced: string;
  pid: number;
  stop(): Promise<void>;
}

/** Runs `deno run <args>` and waits for a stdout line matching `ready` (one capture group). */
export async function spawnHelper(args: string[], ready: RegExp): Promise<HelperProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...args],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!ready.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`helper ${args.join(" ")} exited before it was ready`);
    text += value;
  }
  reader.releaseLock();
  return {
    announced: ready.exec(text)![1]!,
    pid: child.pid,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await child.stdout.cancel().catch(() => {});
    },
  };
}

/**
 * The Ollama-speaking fake model server (`fake_model_server.ts`) with jobs answered, its first
 * token after `firstTokenMs`; `announced` is its URL.
 */
export function spawnFakeOllama(firstTokenMs: number): Promise<HelperProcess> {
  return spawnHelper([
    "--allow-net=127.0.0.1",
    new URL("./fake_model_server.ts", import.meta.url).pathname,
    "--provider",
    "ollama",
    "--first-token-ms",
    String(firstTokenMs),
    "--jobs",
  ], /URL (\S+)/);
}

/** Options of {@linkcode spawnBenchServer}. */
export interface BenchServerOptions {
  /** Settings (environment) of the server; ports and DATA_DIR default to fresh ones. */
  env?: Record<string, string>;
  /** The checkout to run (its `main.ts`, with its `deno.json`); default: this one. */
  tree?: string;
  /** Writes a V8 CPU profile (`--cpu-prof`) into this folder when the server stops. */
  profileDir?: string;
  /** Open-file limit of the server process (`ulimit -n`); default: inherited. */
  fdLimit?: number;
  /** More `deno run` flags for the server (e.g. `--preload FILE`). */
  flags?: string[];
}

/** A server process of a benchmark. */
export interface BenchServer {
  wsUrl: string;
  apiUrl: string;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

const REPO = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** Starts `main.ts` of `options.tree` in its own process; resolves on its READY line. */
export async function spawnBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const tree = options.tree ?? REPO;
  const dataDir = options.env?.DATA_DIR ?? await Deno.makeTempDir({ prefix: "persona-bench-" });
  const profile = options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] : [];
  const command = [
    Deno.execPath(),
    "run",
    "-A",
    ...profile,
    // The V8 flags `deno task start` of that tree gives (young-generation size): as shipped.
    ...v8FlagsArgs(shippedV8Flags(tree)),
    ...options.flags ?? [],
    `${tree}/main.ts`,
  ];
  const child = new Deno.Command(options.fdLimit ? "sh" : command[0]!, {
    // `exec` keeps the pid: it is the server's (its CPU time and memory are read by pid).
    args: options.fdLimit
      ? ["-c", 'ulimit -n "$0" && exec "$@"', String(options.fdLimit), ...command]
      : command.slice(1),
    cwd: tree,
    env: {
      SERVER_PORT: "0",
      API_PORT: "0",
      ENV_FILE: "/nonexistent",
      LOG_LEVEL: "warn",
      ...options.env,
      DATA_DIR: dataDir,
    },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  const ready = /READY persona-mcp \S+ websocket=(\S+) rest=(\S+)/;
  let text = "";
  let match: RegExpExecArray | null = null;
  while (!match) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited before it was ready:\n${text}`);
    text += value;
    match = ready.exec(text);
  }
  // Keep reading so that the server never blocks on a full pipe; show its warnings.
  const drain = (async () => {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      if (value.trim()) console.error(value.trimEnd());
    }
  })();
  return {
    wsUrl: match[1]!,
    apiUrl: match[2]!,
    pid: child.pid,
    dataDir,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone.
      }
      await child.status;
      await drain;
      if (!options.env?.DATA_DIR) await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    },
  };
}

/** Options of {@linkcode settle}. */
export interface SettleOptions {
  /** How often the CPU time is read (its resolution is 10 ms). */
  intervalMs?: number;
  /** Busy below this share of one core over an interval counts as idle. */
  idleShare?: number;
  /** Gives up (and says so) after this long. */
  timeoutMs?: number;
}

/**
 * Resolves once process `pid` is idle: its CPU time grew by less than `idleShare` of the
 * interval, twice in a row. A server that just printed READY still loads in the background (the
 * word vectors: seconds of CPU on a busy machine, with long GC pauses); measured then, a load
 * would count that work as its own CPU per request and its pauses as its tail latency.
 */
export async function settle(pid: number, options: SettleOptions = {}): Promise<void> {
  const { intervalMs = 500, idleShare = 0.06, timeoutMs = 60_000 } = options;
  const deadline = performance.now() + timeoutMs;
  let quiet = 0;
  let before = await cpuSeconds(pid);
  while (quiet < 2) {
    if (performance.now() > deadline) {
      console.error(`process ${pid} still busy after ${timeoutMs} ms; measuring anyway`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const now = await cpuSeconds(pid);
    quiet = (now - before) * 1000 < intervalMs * idleShare ? quiet + 1 : 0;
    before = now;
  }
}

/** Reads `--name value` from `args` as a string. */
export function stringFlag(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}
