/**
 * The processes a benchmark starts: helpers announcing themselves on stdout (the fake model
 * server), the persona-mcp server of a checkout, and the wait for a process to go idle.
 *
 * @module
 */
import { cpuSeconds } from "./_table.ts";
import { shippedV8Flags, v8FlagsArgs } from "./_shipped_flags.ts";
import { readReadyLine } from "../_ready_line.ts";

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
  const { wsUrl, apiUrl, reader } = await readReadyLine(child);
  // Keep reading so that the server never blocks on a full pipe; show its warnings.
  const drain = (async () => {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      if (value.trim()) console.error(value.trimEnd());
    }
  })();
  return {
    wsUrl,
    apiUrl,
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
