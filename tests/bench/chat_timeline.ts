/**
 * Where the 32-session tail of a chat comes from (`deno task bench:chat:timeline`): one persona
 * server (its own process, a V8 CPU profile written when it stops) and the Ollama-compatible test
 * server, `--sessions` sessions sending `--chats` chats each at once, as `bench:chat` does. Each
 * chat's start and end are taken on the machine's monotonic clock, the one V8 stamps profile
 * samples with, so every chat can be laid over the server's main-thread timeline:
 *
 * - per chat: latency − the model's delay, split into the main thread's busy time inside the
 *   chat's window (its own CPU and every other chat's it waited behind), garbage collection in
 *   it, and the rest (the model server, the network, the main thread waiting for a core);
 * - the main thread's longest busy stretches (no idle sample for more than 2 ms), with what ran
 *   in them (by step, see {@linkcode stepOf});
 * - the main thread's run-queue wait (`/proc/PID/task/PID/schedstat`): time it was ready to run
 *   but had no core, which no profile shows.
 *
 * The server runs with `chat_probe.ts` preloaded: it takes each chat's phases (before, during and
 * after the model call) on the same clock, and with `--stub` it makes recall or storing cost
 * nothing on the main thread (an upper bound of what moving it off the event loop could win).
 *
 *   deno task bench:chat:timeline [--sessions 32] [--chats 30] [--first-token-ms 100]
 *     [--tree PATH] [--top 10] [--stub recall|store|both] [--save FILE.cpuprofile]
 *     [--v8-flags FLAGS] (the server's, e.g. `--single-threaded-gc`; after its tree's start task's)
 *     [--openings] (the first chats' burst phase by phase, `chat_timeline_openings.ts`)
 *
 * With `--v8-flags --trace-gc-nvp` it also prints what each scavenge copied and promoted (means).
 * `--gc-lines` prints the trace lines of the first chats' burst, placed by their stamps (with
 * `--trace-gc-nvp`: each collection's pause, what it kept and promoted); `--idle-ms N` leaves the
 * server idle N ms between the warm-up session and the burst, as `bench:chat`'s quiet wait does.
 * `--new-messages` gives every chat a message never sent before (by default the sessions repeat
 * one another's).
 *
 * @module
 */
import { numberFlag, percentile, spawnFakeOllama, stringFlag } from "./_load.ts";
import { shippedV8Flags, v8FlagsArgs } from "./_shipped_flags.ts";
import { loadAverage } from "./_table.ts";
import { settled } from "./model_alone.ts";
import { type CpuProfile, timeline } from "./chat_timeline_profile.ts";
import { printReplyPath } from "./chat_timeline_reply.ts";
import { openingPhases, printOpenings } from "./chat_timeline_openings.ts";
import {
  describe,
  gcLineShort,
  gcStampMs,
  ms,
  phases,
  printGcTrace,
  printNvpScavenges,
  printPhases,
  type Probe,
  workerStarts,
} from "./chat_timeline_report.ts";

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
interface ChatWindow {
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

async function session(url: string, personaId: string, id: number, chats: number) {
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
async function schedstat(pid: number): Promise<{ runMs: number; waitMs: number }> {
  const [run, wait] = (await Deno.readTextFile(`/proc/${pid}/task/${pid}/schedstat`)).split(" ");
  return { runMs: Number(run) / 1e6, waitMs: Number(wait) / 1e6 };
}

async function startServer(
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

if (import.meta.main) {
  const args = Deno.args;
  const sessions = numberFlag(args, "sessions", 32);
  const chats = numberFlag(args, "chats", 30);
  const firstTokenMs = numberFlag(args, "first-token-ms", 100);
  const top = numberFlag(args, "top", 10);
  const tree = stringFlag(args, "tree") ?? new URL("../..", import.meta.url).pathname;
  const stub = stringFlag(args, "stub");
  const fake = await spawnFakeOllama(firstTokenMs);
  const server = await startServer({
    tree,
    modelUrl: fake.announced,
    stub,
    v8Flags: stringFlag(args, "v8-flags"),
  });
  let windows: ChatWindow[];
  let sched: { runMs: number; waitMs: number };
  let profile: CpuProfile;
  let probes: Probe[];
  let gcLines: string[];
  let gcBefore = 0;
  try {
    const { personas } = await (await fetch(`${server.apiUrl}/personas`)).json();
    await settled(server.pid);
    await session(server.wsUrl, personas[0].id, -1, 3);
    // `--idle-ms`: the server left idle before the burst, as `bench:chat`'s quiet wait leaves it
    // (and a real server between users): V8's memory reducer may shrink the heap meanwhile.
    const idleMs = numberFlag(args, "idle-ms", 0);
    if (idleMs > 0) await new Promise((resolve) => setTimeout(resolve, idleMs));
    const before = await schedstat(server.pid);
    // Only the measured chats' probes.
    await Deno.writeTextFile(server.probeFile, "");
    gcBefore = server.gcLines.length;
    const runs = await Promise.all(
      Array.from({ length: sessions }, (_, i) => session(server.wsUrl, personas[0].id, i, chats)),
    );
    const after = await schedstat(server.pid);
    sched = { runMs: after.runMs - before.runMs, waitMs: after.waitMs - before.waitMs };
    windows = runs.flat();
  } finally {
    ({ profile, probes, gcLines } = await server.stop());
    const save = stringFlag(args, "save");
    if (save) await Deno.writeTextFile(save, JSON.stringify(profile));
    await fake.stop();
  }
  const view = timeline(profile);
  const later = windows.filter((w) => w.index > 0)
    .map((w) => (w.endUs - w.startUs) / 1000 - firstTokenMs).sort((a, b) => a - b);
  const openings = windows.filter((w) => w.index === 0)
    .map((w) => (w.endUs - w.startUs) / 1000 - firstTokenMs).sort((a, b) => a - b);
  console.log(
    `${sessions} sessions × ${chats} chats, model delay ${firstTokenMs} ms, ${
      stub ? `memory stub: ${stub}, ` : ""
    }load ${loadAverage()}`,
  );
  console.log(
    `main thread: ${(sched!.runMs / windows.length).toFixed(2)} ms CPU per chat, ` +
      `${(sched!.waitMs / windows.length).toFixed(2)} ms per chat ready but waiting for a core`,
  );
  const at = (sorted: number[], p: number) => percentile(sorted, p).toFixed(1);
  console.log(
    `client: latency − delay of chats after each session's first: p50 ${at(later, 50)} ms, ` +
      `p90 ${at(later, 90)}, p99 ${at(later, 99)}, max ${at(later, 100)}; ` +
      `sessions' first chats p50 ${at(openings, 50)}`,
  );
  printPhases(probes.map((probe) => phases(probe, view, firstTokenMs)));
  printReplyPath(probes, view, firstTokenMs);
  console.log(`\nbusy time by step over the run (ms per chat):`);
  const last = windows.reduce((max, w) => Math.max(max, w.endUs), 0);
  const first = windows.reduce((min, w) => Math.min(min, w.startUs), Infinity);
  for (const [name, us] of [...view.steps(first, last)].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${name}: ${(us / 1000 / windows.length).toFixed(3)}`);
  }
  const openingStart = Math.min(...windows.filter((w) => w.index === 0).map((w) => w.startUs));
  const openingEnd = Math.max(...windows.filter((w) => w.index === 0).map((w) => w.endUs));
  const openingBusy = view.within(openingStart, openingEnd);
  console.log(
    `\nthe sessions' first chats: ${ms(openingEnd - openingStart)} ms from the first sent to the ` +
      `last answered, main thread busy ${ms(openingBusy.busyUs)} ms (GC ${ms(openingBusy.gcUs)})`,
  );
  for (const [name, us] of [...view.steps(openingStart, openingEnd)].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${name}: ${ms(us)}`);
  }
  // The server's probes of the first chats (the first `sessions` to start): when each reached the
  // model, after the first of them came in (lockstep shows as all late, first come first served as
  // a spread).
  const openingProbes = [...probes].sort((a, b) => a.startUs - b.startUs).slice(0, sessions);
  const t0 = openingProbes[0]?.startUs ?? 0;
  const at0 = (us: number | undefined) => ms((us ?? t0) - t0);
  console.log(
    `  taken at (ms): ${openingProbes.map((p) => at0(p.startUs)).join(" ")}\n` +
      `  model called at (ms): ${openingProbes.map((p) => at0(p.model?.startUs)).join(" ")}\n` +
      `  model answered at (ms): ${openingProbes.map((p) => at0(p.model?.endUs)).join(" ")}\n` +
      `  answered at (ms): ${openingProbes.map((p) => at0(p.endUs)).join(" ")}`,
  );
  // The connections: from the first socket's upgrade (the client's windows start once it is
  // open) to the first chat taken.
  const connecting = view.stretches(openingStart - 200_000).find((stretch) =>
    stretch.endUs >= t0 - 5_000 && stretch.startUs <= t0
  );
  if (connecting) {
    const connectBusy = view.within(connecting.startUs, t0);
    console.log(
      `  before the first was taken: busy ${ms(connectBusy.busyUs)} ms from ${
        ms(t0 - connecting.startUs)
      } ms before it; top functions (self, ms): ${
        [...view.functions(connecting.startUs, t0)].sort((a, b) => b[1] - a[1]).slice(0, top)
          .map(([name, us]) => `${ms(us)} ${name}`).join("; ")
      }`,
    );
  }
  if (args.includes("--openings")) {
    const laterChats = windows.filter((w) => w.startUs >= openingEnd);
    printOpenings(view, {
      phases: openingPhases(openingProbes, openingStart),
      chats: openingProbes.length,
      later: [openingEnd, last],
      laterChats: laterChats.length,
      top,
      probes: { openings: openingProbes, later: probes.filter((p) => !openingProbes.includes(p)) },
    });
  }
  console.log(`  top functions (self time, ms; samples of the thread off its core left out):`);
  const own = [...view.functions(openingStart, openingEnd)].sort((a, b) => b[1] - a[1]);
  for (const [name, us] of own.slice(0, top)) console.log(`    ${ms(us)}  ${name}`);
  console.log(`\nlongest busy stretches of the main thread during the chats:`);
  const stretches = view.stretches(first);
  for (const stretch of stretches.slice(0, top)) {
    console.log(`  at +${ms(stretch.startUs - first)} ms: ${describe(stretch)}`);
  }
  for (const line of workerStarts(stretches, first)) console.log(line);
  const collections = view.collections(first);
  console.log(
    `\ngarbage collections: ${collections.length}, ${
      ms(collections.reduce((sum, [, us]) => sum + us, 0))
    } ms; longest: ${collections.slice(0, 5).map(([, us]) => ms(us)).join(", ")} ms`,
  );
  printGcTrace(gcLines!.slice(gcBefore));
  if (args.includes("--gc-lines")) {
    // The trace comes through a buffered pipe, so lines are placed by their stamps (ms since the
    // isolate began, taken as the spawn: a few ms early).
    console.log(
      `\nV8 trace lines of the first chats' burst and the idle time before (ms from its first chat sent):`,
    );
    for (const line of gcLines!) {
      const stamp = gcStampMs(line);
      if (stamp === undefined) continue;
      const at = (stamp * 1000 + server.spawnUs - openingStart) / 1000;
      if (
        at >= -numberFlag(args, "idle-ms", 0) - 50 && at <= (openingEnd - openingStart) / 1000 + 20
      ) {
        console.log(`  +${at.toFixed(0)} ${gcLineShort(line)}`);
      }
    }
  }
  printNvpScavenges(gcLines!.slice(gcBefore));
}
