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
import { loadAverage } from "./_table.ts";
import { settled } from "./model_alone.ts";
import { type CpuProfile, timeline } from "./chat_timeline_profile.ts";
import { type ChatWindow, schedstat, session, startServer } from "./chat_timeline_server.ts";
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
    await session(server.wsUrl, { personaId: personas[0].id, id: -1, chats: 3 });
    // `--idle-ms`: the server left idle before the burst, as `bench:chat`'s quiet wait leaves it
    // (and a real server between users): V8's memory reducer may shrink the heap meanwhile.
    const idleMs = numberFlag(args, "idle-ms", 0);
    if (idleMs > 0) await new Promise((resolve) => setTimeout(resolve, idleMs));
    const before = await schedstat(server.pid);
    // Only the measured chats' probes.
    await Deno.writeTextFile(server.probeFile, "");
    gcBefore = server.gcLines.length;
    const runs = await Promise.all(
      Array.from(
        { length: sessions },
        (_, i) => session(server.wsUrl, { personaId: personas[0].id, id: i, chats }),
      ),
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
