/**
 * What a burst's lockstep costs the garbage collector (`deno run -A tests/bench/lockstep_gc.ts`):
 * recalls 32 at once (`together`, as `bench:chat`'s 32 first chats prepare: SQLite's awaits
 * settle on microtasks, so each step of the 32 runs before the next step of any) against the same
 * recalls one after another (`alone`), in process over a SQLite file with memory on (no model).
 * Two figures a loaded machine does not move:
 *
 * - **held**: the heap (after full collections) once the 32nd recall of a burst asks for its
 *   candidates, less the heap before the burst, per other recall: what each in-flight recall
 *   keeps alive across its awaits (32 at once) or left behind (one after another), and the
 *   functions that allocated it (a sampling heap profile, collected objects left out);
 * - **scavenges**: V8's `--trace-gc-nvp` over `--recalls` recalls: bytes each young-generation
 *   collection kept and promoted, and per MB allocated. A scavenge's pause follows what it copies.
 *
 * Each mode runs in a fresh process per round (`--rounds`), in turn; medians are printed. Pauses
 * are printed too, but they are the machine's (helper threads waiting for a core).
 *
 *   deno run -A tests/bench/lockstep_gc.ts [--tree PATH] [--recalls 1280] [--rounds 3]
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { loadAverage } from "./_table.ts";
import { gcStampMs, type NvpCollection, nvpCollection } from "./chat_timeline_report.ts";
import type { ProfileNode } from "./_alloc_stages.ts";
import { noModel, servicesInProcess, storeExchange } from "./_in_process.ts";
import { collectedHeap, connectedInspector, topAllocators } from "./_heap_sampling.ts";

const MODES = ["together", "alone"] as const;
type Mode = typeof MODES[number];
/** Chats of one burst (as `bench:chat --sessions 32`). */
const BURST = 32;
/** Prefix of the child's result line among V8's trace lines. */
const RESULT = "LOCKSTEP_GC ";

/** A child's result: bytes held per other recall, the top holders, and the measured span. */
interface ChildResult {
  heldPerRecall: number;
  top: [string, number][];
  /** The measured recalls' span and the first forced collection, on `performance.now()`. */
  spanMs: [number, number];
  forcedAtMs: number;
}

/** One mode in this process (run with `--expose-gc,--trace-gc-nvp`). */
async function child(tree: string, mode: Mode, recalls: number): Promise<ChildResult> {
  const forcedAtMs = performance.now();
  (globalThis as { gc?: () => void }).gc!();
  const { SqliteBackend } = await import(`${tree}/core/memory/sqlite_backend.ts`);
  const { services, close } = await servicesInProcess(tree, "persona-lockstep-gc-", noModel());
  const { inspector, post } = connectedInspector();
  try {
    await services.memory.warm();
    const persona = (await services.personas.list())[0];
    const store = (i: number) => storeExchange(services.memory, persona, i);
    // `bench:chat`'s messages: each session sends "benchmark message 0" … 29.
    const recall = (i: number) =>
      services.memory.recall(persona, `benchmark message ${i % 30}`, { limit: 5 });
    const burst = (from: number) =>
      Promise.all(Array.from({ length: BURST }, (_, j) => recall(from + j)));
    const run = async (from: number, count: number) => {
      if (mode === "together") { for (let i = 0; i < count; i += BURST) await burst(from + i); }
      else for (let i = 0; i < count; i++) await recall(from + i);
    };
    // Warm-up: exchanges kept (stored in batches, as a burst's are), code compiled.
    for (let i = 0; i < 640; i += BURST) {
      await Promise.all(Array.from({ length: BURST }, (_, j) => store(i + j)));
    }
    await run(0, 640);
    await services.quiet.drain();
    // Held: the heap once the 32nd recall asks for its candidates, against before the first.
    const before = collectedHeap();
    await post("HeapProfiler.enable");
    await post("HeapProfiler.startSampling", { samplingInterval: 128 });
    let held = 0;
    let profile: { head: ProfileNode } | undefined;
    const candidates = SqliteBackend.prototype.candidates;
    let calls = 0;
    SqliteBackend.prototype.candidates = function (...args: unknown[]) {
      if (++calls === BURST) {
        held = collectedHeap() - before;
        inspector.post("HeapProfiler.stopSampling", {}, (error, result) => {
          if (error) console.error("stopSampling:", error);
          profile = (result as { profile: { head: ProfileNode } }).profile;
        });
      }
      return candidates.apply(this, args);
    };
    try {
      await run(10_000, BURST);
    } finally {
      SqliteBackend.prototype.candidates = candidates;
    }
    // The profile's answer comes on a later turn of the event loop.
    for (let waits = 0; !profile; waits++) {
      if (waits > 5000) throw new Error("the heap profile was not taken");
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await services.quiet.drain();
    const start = performance.now();
    await run(20_000, recalls);
    const end = performance.now();
    return {
      heldPerRecall: held / (BURST - 1),
      top: topAllocators(profile.head, 12).map(([name, bytes]) => [name, bytes / (BURST - 1)]),
      spanMs: [start, end],
      forcedAtMs,
    };
  } finally {
    inspector.disconnect();
    await close();
  }
}

/** The collections of `lines` whose stamps fall in `result`'s measured span. */
export function collectionsInSpan(
  lines: readonly string[],
  span: { fromMs: number; toMs: number; forcedAtMs: number },
): NvpCollection[] {
  const stamped = lines.flatMap((line) => {
    const collection = nvpCollection(line);
    const at = gcStampMs(line);
    return collection && at !== undefined ? [{ collection, at }] : [];
  });
  // The child's first collection is the one it forced at `forcedAtMs` (V8's stamps count from
  // the isolate's start, `performance.now()` from the runtime's): the offset between the clocks.
  const forced = stamped.find((entry) => entry.collection.kind !== "s");
  if (!forced) return [];
  const offset = forced.at - span.forcedAtMs;
  return stamped.filter((entry) =>
    entry.at >= span.fromMs + offset && entry.at <= span.toMs + offset
  ).map((entry) => entry.collection);
}

/** Runs one mode in a child process; its result and the scavenges of its measured span. */
async function round(tree: string, mode: Mode, recalls: number) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--v8-flags=--expose-gc,--trace-gc-nvp",
      new URL(import.meta.url).pathname,
      "--child",
      tree,
      "--mode",
      mode,
      "--recalls",
      String(recalls),
    ],
    env: { LOG_LEVEL: "error" },
    stderr: "inherit",
  }).output();
  const lines = new TextDecoder().decode(output.stdout).split("\n");
  // V8 writes its trace through a buffer of its own: a chunk of it may end inside a line.
  const line = lines.find((text) => text.includes(RESULT));
  if (!output.success || !line) throw new Error(`the ${mode} round failed`);
  const result = JSON.parse(line.slice(line.indexOf(RESULT) + RESULT.length)) as ChildResult;
  const collections = collectionsInSpan(lines, {
    fromMs: result.spanMs[0],
    toMs: result.spanMs[1],
    forcedAtMs: result.forcedAtMs,
  });
  const scavenges = collections.filter((c) => c.kind === "s");
  const sum = (pick: (c: NvpCollection) => number, of = scavenges) =>
    of.reduce((total, c) => total + pick(c), 0);
  const allocated = sum((c) => c.allocated, collections);
  return {
    result,
    scavenges: scavenges.length,
    keptKb: sum((c) => c.survived) / 1024 / Math.max(1, scavenges.length),
    promotedKb: sum((c) => c.promoted) / 1024 / Math.max(1, scavenges.length),
    copiedPerMbKb: (sum((c) => c.survived + c.promoted) / Math.max(1, allocated)) * 1024,
    pauseMs: sum((c) => c.pauseMs) / Math.max(1, scavenges.length),
    majors: collections.filter((c) => c.kind !== "s").map((c) => c.pauseMs),
  };
}

if (import.meta.main) {
  const args = Deno.args;
  const recalls = numberFlag(args, "recalls", 1280);
  const at = args.indexOf("--child");
  if (at >= 0) {
    const mode = stringFlag(args, "mode") as Mode;
    console.log(RESULT + JSON.stringify(await child(args[at + 1]!, mode, recalls)));
  } else {
    const tree = stringFlag(args, "tree") ?? new URL("../..", import.meta.url).pathname;
    const rounds = numberFlag(args, "rounds", 3);
    const figures = new Map<Mode, Awaited<ReturnType<typeof round>>[]>();
    for (let i = 0; i < rounds; i++) {
      for (const mode of i % 2 ? [...MODES].reverse() : MODES) {
        figures.set(mode, [...figures.get(mode) ?? [], await round(tree, mode, recalls)]);
      }
    }
    const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
    console.log(
      `${tree}: ${recalls} recalls a round, ${rounds} rounds (medians), load ${loadAverage()}`,
    );
    console.log(
      "| mode | KB held per in-flight recall | scavenges | KB kept per scavenge | KB promoted per scavenge | KB copied or promoted per MB allocated | scavenge pause ms (the machine's) | major collections, ms |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (const mode of MODES) {
      const rows = figures.get(mode)!;
      const cell = (pick: (row: typeof rows[number]) => number) =>
        median(rows.map(pick)).toFixed(1);
      console.log(
        `| ${mode} | ${cell((row) => row.result.heldPerRecall / 1024)} | ${
          cell((row) => row.scavenges)
        } | ${cell((row) => row.keptKb)} | ${cell((row) => row.promotedKb)} | ${
          cell((row) => row.copiedPerMbKb)
        } | ${cell((row) => row.pauseMs)} | ${
          rows.map((row) => row.majors.map((ms) => ms.toFixed(0)).join("+") || "0").join(", ")
        } |`,
      );
    }
    for (const mode of MODES) {
      console.log(
        `\nwhat an in-flight recall holds (${mode}, last round), KB by allocating function:`,
      );
      for (const [name, bytes] of figures.get(mode)!.at(-1)!.result.top) {
        console.log(`  ${(bytes / 1024).toFixed(1)}  ${name}`);
      }
    }
  }
}
