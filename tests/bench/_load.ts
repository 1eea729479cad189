/**
 * Shared pieces of the load scripts: closed-loop WebSocket load and percentile reporting. The
 * processes they start (the server, helpers, the wait for idle) are in `_processes.ts`,
 * re-exported here for the scripts that import them from this file.
 *
 * @module
 */
import { cpuSeconds } from "./_table.ts";

export {
  type BenchServer,
  type BenchServerOptions,
  type HelperProcess,
  settle,
  type SettleOptions,
  spawnBenchServer,
  spawnFakeOllama,
  spawnHelper,
} from "./_processes.ts";

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

/** Reads `--name value` from `args` as a string. */
export function stringFlag(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}
