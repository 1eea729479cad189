/**
 * The sessions and the server of `chat_timeline.ts`: the monotonic clock each chat's window is
 * taken on, a session sending its chats, the main thread's schedstat, and the persona server
 * started with its CPU profile, GC trace and `chat_probe.ts`.
 *
 * @module
 */
import { shippedV8Flags, v8FlagsArgs } from "./_shipped_flags.ts";
import type { CpuProfile } from "./chat_timeline_profile.ts";
import type { Probe } from "./chat_timeline_report.ts";

const CLOCK_MONOTONIC = 1;
const libc = Deno.dlopen("libc.so.6", {
  clock_gettime: { parameters: ["i32", "buffer"], result: "i32" },
});
const timespec = new BigInt64Array(2);

/** The monotonic clock in µs (V8's `TimeTicks` on Linux, the profile's clock). */
function monoUs(): number {
  libc.symbols.clock_gettime(CLOCK_MONOTONIC, new Uint8Array(timespec.buffer));
  return Number(timespec[0]) * 1e6 + Number(timespec[1]) / 1e3;
}

/** One chat's window on the monotonic clock (µs). */
export interface ChatWindow {
  session: number;
  index: number;
  startUs: number;
  endUs: number;
}

/**
 * `--new-messages`: every chat's message is one no session sent before, as a real user's (by
 * default all sessions send `benchmark message 0` … `chats - 1`, so recall meets each query 32
 * times and finds what it remembered of it).
 */
const NEW_MESSAGES = Deno.args.includes("--new-messages");

/**
 * One session: a WebSocket sending `chats` chats to `personaId` one after another (`id` numbers
 * the session), each chat's window taken on the monotonic clock.
 */
export async function session(
  url: string,
  { personaId, id, chats }: { personaId: string; id: number; chats: number },
) {
  const socket = new WebSocket(url);
  await new Promise((resolve) => (socket.onopen = resolve));
  const windows: ChatWindow[] = [];
  for (let index = 0; index < chats; index++) {
    const startUs = monoUs();
    await new Promise<void>((resolve) => {
      socket.onmessage = (event) => {
        if (JSON.parse(event.data).id === index) resolve();
      };
      socket.send(JSON.stringify({
        jsonrpc: "2.0",
        id: index,
        method: "conversation.send_message",
        params: {
          content: `benchmark message ${NEW_MESSAGES ? (id + 1) * 1000 + index : index}`,
          persona_id: personaId,
          stream: true,
        },
      }));
    });
    windows.push({ session: id, index, startUs, endUs: monoUs() });
  }
  await new Promise((resolve) => {
    socket.onclose = resolve;
    socket.close();
  });
  return windows;
}

/** The main thread's CPU and run-queue wait so far (ms), from the kernel's schedstat. */
export async function schedstat(pid: number): Promise<{ runMs: number; waitMs: number }> {
  const [run, wait] = (await Deno.readTextFile(`/proc/${pid}/task/${pid}/schedstat`)).split(" ");
  return { runMs: Number(run) / 1e6, waitMs: Number(wait) / 1e6 };
}

/**
 * Starts the persona server of `options.tree` with a V8 CPU profile, its GC trace read from
 * stdout and `chat_probe.ts` preloaded; resolves on its READY line.
 */
export async function startServer(
  options: { tree: string; modelUrl: string; stub?: string; v8Flags?: string },
) {
  const dataDir = await Deno.makeTempDir({ prefix: "persona-timeline-" });
  const profileDir = `${dataDir}/profile`;
  // V8 stamps its trace lines with ms since the isolate began, a few ms after the spawn.
  const spawnUs = monoUs();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--cpu-prof",
      `--cpu-prof-dir=${profileDir}`,
      // The tree's shipped V8 flags (its `deno task start`), then the trace and `--v8-flags`.
      ...v8FlagsArgs([
        ...shippedV8Flags(options.tree),
        "--trace-gc",
        ...(options.v8Flags ? options.v8Flags.split(",") : []),
      ]),
      "--preload",
      new URL("./chat_probe.ts", import.meta.url).pathname,
      `${options.tree}/main.ts`,
    ],
    cwd: options.tree,
    env: {
      SERVER_PORT: "0",
      API_PORT: "0",
      ENV_FILE: "/nonexistent",
      LOG_LEVEL: "warn",
      OLLAMA_HOST: options.modelUrl,
      LLM_CONCURRENCY: "64",
      DATA_DIR: dataDir,
      BENCH_PROBE_FILE: `${dataDir}/probe.jsonl`,
      BENCH_TREE: options.tree,
      ...(options.stub ? { BENCH_STUB_MEMORY: options.stub } : {}),
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // V8's GC trace (`--trace-gc`) goes to stdout: one line per collection.
  const gcLines: string[] = [];
  const gcTrace = (async () => {
    // Whole lines only: a `--trace-gc-nvp` line (kilobytes of JSON) spans several reads.
    let rest = "";
    for await (const text of child.stdout.pipeThrough(new TextDecoderStream())) {
      const lines = (rest + text).split("\n");
      rest = lines.pop()!;
      gcLines.push(...lines.filter((line) => line.includes("ms: ")));
    }
  })();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  const ready = /READY persona-mcp \S+ websocket=(\S+) rest=(\S+)/;
  let text = "";
  while (!ready.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited before it was ready:\n${text}`);
    text += value;
  }
  const drain = (async () => {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (read.value.trim()) console.error(read.value.trimEnd());
    }
  })();
  const [, wsUrl, apiUrl] = ready.exec(text)!;
  return {
    wsUrl: wsUrl!,
    apiUrl: apiUrl!,
    pid: child.pid,
    spawnUs,
    probeFile: `${dataDir}/probe.jsonl`,
    gcLines,
    /** Stops the server and returns its CPU profile. */
    async stop(): Promise<{ profile: CpuProfile; probes: Probe[]; gcLines: string[] }> {
      child.kill("SIGTERM");
      await child.status;
      await drain;
      await gcTrace;
      // The main thread's profile (each worker writes its own `…worker-N.cpuprofile`).
      const [file] = [...Deno.readDirSync(profileDir)]
        .filter((entry) => /^CPU\.\d+\.\d+\.cpuprofile$/.test(entry.name));
      const profile = JSON.parse(await Deno.readTextFile(`${profileDir}/${file!.name}`));
      const probes = (await Deno.readTextFile(`${dataDir}/probe.jsonl`)).trim().split("\n")
        .map((line) => JSON.parse(line));
      await Deno.remove(dataDir, { recursive: true });
      return { profile, probes, gcLines };
    },
  };
}
