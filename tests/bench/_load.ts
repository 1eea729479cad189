/**
 * Shared pieces of the load scripts: closed-loop WebSocket load and percentile reporting.
 *
 * @module
 */

/** Latency summary of one load run. */
export interface LoadResult {
  label: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
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
}

/** Raw samples of one load run. */
export interface LoadSamples {
  latencies: number[];
  seconds: number;
}

/** Merges runs of the same load (alternating rounds) into one summary. */
export function mergeRuns(label: string, runs: readonly LoadSamples[]): LoadResult {
  return summarize(
    label,
    runs.flatMap((run) => run.latencies),
    runs.reduce((sum, run) => sum + run.seconds, 0),
  );
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
  await Promise.all(ready.map(({ socket }) =>
    new Promise((resolve) => {
      socket.onclose = resolve;
      socket.close();
    })
  ));
  return { latencies, seconds: elapsed };
}

/** Prints results as a table plus the ratio of each to the first. */
export function printResults(results: readonly LoadResult[]): void {
  const base = results[0];
  console.log("| run | requests | req/s | p50 ms | p99 ms | req/s vs first |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const result of results) {
    console.log(
      `| ${result.label} | ${result.requests} | ${result.perSecond.toFixed(0)} | ${
        result.p50Ms.toFixed(3)
      } | ${result.p99Ms.toFixed(3)} | ${(result.perSecond / base!.perSecond).toFixed(3)} |`,
    );
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
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await child.stdout.cancel().catch(() => {});
    },
  };
}
