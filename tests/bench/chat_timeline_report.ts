/**
 * What `chat_timeline.ts` prints: each chat's phases laid over the main thread's timeline, busy
 * stretches, and V8's GC trace.
 *
 * @module
 */
import { type Stretch, type timeline, WORKER_START } from "./chat_timeline_profile.ts";

/** One chat as the server saw it (`chat_probe.ts`), µs on the monotonic clock. */
export interface Probe {
  startUs: number;
  model?: { startUs: number; endUs: number };
  endUs: number;
  /** The reply path's marks (`chat_probe.ts`): steps' starts and ends, and `sent`. */
  marks?: Record<string, number>;
  /** The session's first chat. */
  first?: boolean;
  /** SQLite calls parked behind another context's transaction so far, and their wait (ms). */
  parked?: { count: number; ms: number };
}

/** A chat's phases in ms: before the model call, the call less its delay, after it. */
export function phases(probe: Probe, view: ReturnType<typeof timeline>, delayMs: number) {
  const model = probe.model ?? { startUs: probe.endUs, endUs: probe.endUs };
  const before = view.within(probe.startUs, model.startUs);
  const after = view.within(model.endUs, probe.endUs);
  return {
    totalMs: (probe.endUs - probe.startUs) / 1000 - delayMs,
    beforeMs: (model.startUs - probe.startUs) / 1000,
    beforeBusyMs: before.busyUs / 1000,
    modelMs: (model.endUs - model.startUs) / 1000 - delayMs,
    modelBusyMs: view.within(model.startUs, model.endUs).busyUs / 1000,
    afterMs: (probe.endUs - model.endUs) / 1000,
    afterBusyMs: after.busyUs / 1000,
    gcMs: view.within(probe.startUs, probe.endUs).gcUs / 1000,
  };
}

export type Phases = ReturnType<typeof phases>;

/** The chats at p50, p90, p99 of the server's own time, and the slowest 1 % on average. */
export function printPhases(all: Phases[]): void {
  const sorted = [...all].sort((a, b) => a.totalMs - b.totalMs);
  console.log(
    "\nserver (engine, from taking a chat to its answer), ms: the phases, and how long the main " +
      "thread was busy in them (this chat's CPU and every other chat's it waited behind)",
  );
  console.log(
    "| chat | engine − delay | before model | loop busy then | model − delay | loop busy in model call | after model | loop busy then | GC in chat |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  const row = (label: string, f: Phases) =>
    console.log(
      `| ${label} | ${
        [
          f.totalMs,
          f.beforeMs,
          f.beforeBusyMs,
          f.modelMs,
          f.modelBusyMs,
          f.afterMs,
          f.afterBusyMs,
          f.gcMs,
        ]
          .map((value) => value.toFixed(1)).join(" | ")
      } |`,
    );
  for (const p of [50, 90, 99]) {
    row(`p${p}`, sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)]!);
  }
  const slow = sorted.slice(-Math.max(1, Math.round(sorted.length / 100)));
  const mean = Object.fromEntries(
    Object.keys(slow[0]!).map((key) => [
      key,
      slow.reduce((sum, f) => sum + f[key as keyof Phases], 0) / slow.length,
    ]),
  ) as Phases;
  row(`slowest 1 % (${slow.length}), mean`, mean);
}

/** V8's `--trace-gc` lines of the measured chats: collections by kind, pauses, heap size. */
export function printGcTrace(lines: string[]): void {
  const kinds = new Map<string, number[]>();
  let heap = "";
  for (const line of lines) {
    // "… 1160 ms: Incremental Mark-Compact 83.2 (139.2) -> 11.9 (69.2) MB, pooled: 52.5 MB, 63.91 / 0.00 ms …"
    const match =
      /ms: ([A-Za-z() -]+?) ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ ([\d.]+) ms/
        .exec(line);
    if (!match) continue;
    kinds.set(match[1]!, [...kinds.get(match[1]!) ?? [], Number(match[6])]);
    heap = `${match[2]} -> ${match[4]} MB`;
  }
  console.log(`V8 trace (main-thread pause ms): last heap ${heap}`);
  for (const [kind, pauses] of kinds) {
    pauses.sort((a, b) => b - a);
    const total = pauses.reduce((sum, pause) => sum + pause, 0);
    console.log(
      `  ${kind}: ${pauses.length}, ${total.toFixed(1)} ms, longest ${
        pauses.slice(0, 5).join(", ")
      }`,
    );
  }
}

/** A V8 trace line's stamp: ms since its isolate began (`[pid:0x…]   1234 ms: …`). */
export function gcStampMs(line: string): number | undefined {
  const stamp = /(\d+(?:\.\d+)?) ms: /.exec(line);
  return stamp ? Number(stamp[1]) : undefined;
}

/** One collection of a `--trace-gc-nvp` line. */
export interface NvpCollection {
  /** V8's kind: `s` a scavenge, `mc` a mark-compact, … */
  kind: string;
  pauseMs: number;
  /** Bytes allocated since the collection before. */
  allocated: number;
  /** Bytes the young generation kept (copied within it). */
  survived: number;
  /** Bytes moved to the old generation. */
  promoted: number;
}

/** A `--trace-gc-nvp` line's collection, or undefined for any other line. */
export function nvpCollection(line: string): NvpCollection | undefined {
  const at = line.indexOf("GC: {");
  if (at < 0) return undefined;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line.slice(at + 4));
  } catch {
    return undefined;
  }
  const bytes = (value: unknown) => Number(value ?? 0) || 0;
  return {
    kind: String(entry.gc),
    pauseMs: bytes(entry.pause),
    allocated: bytes(entry.allocated),
    survived: entry.gc === "s" ? bytes(entry.new_space_survived) : 0,
    promoted: bytes(entry.promoted),
  };
}

/**
 * A trace line, short: a `--trace-gc-nvp` line as its kind, pause, what the young generation
 * kept and what was promoted; any other line as it is (from its stamp on).
 */
export function gcLineShort(line: string): string {
  const text = line.slice(line.indexOf("ms: ") + 4);
  const collection = nvpCollection(line);
  if (!collection) return text.slice(0, 200);
  const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
  return `${collection.kind} pause ${collection.pauseMs.toFixed(1)} ms, kept ${
    mb(collection.survived)
  } MB, promoted ${mb(collection.promoted)} MB, allocated before it ${mb(collection.allocated)} MB`;
}

/** One young-generation collection of a `--trace-gc-nvp` line: its pause and what it moved. */
export interface NvpScavenge {
  pauseMs: number;
  /** KB copied within the young generation (what survived it and stays young). */
  survivedKb: number;
  /** KB promoted to the old generation. */
  promotedKb: number;
}

/**
 * The scavenges of V8's `--trace-gc-nvp` lines (`… ms: GC: {"pause":…,"gc":"s",…}`): a
 * scavenge's pause follows what it copies and promotes, the young objects alive at the time.
 */
export function nvpScavenges(lines: readonly string[]): NvpScavenge[] {
  const found: NvpScavenge[] = [];
  for (const line of lines) {
    const at = line.indexOf("GC: {");
    if (at < 0) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line.slice(at + 4));
    } catch {
      continue;
    }
    if (entry.gc !== "s") continue;
    found.push({
      pauseMs: Number(entry.pause),
      survivedKb: Number(entry.new_space_survived) / 1024,
      promotedKb: Number(entry.promoted) / 1024,
    });
  }
  return found;
}

/** With `--v8-flags --trace-gc-nvp`: the scavenges' means (what each copied and promoted). */
export function printNvpScavenges(lines: readonly string[]): void {
  const scavenges = nvpScavenges(lines);
  if (scavenges.length === 0) return;
  const mean = (pick: (s: NvpScavenge) => number) =>
    (scavenges.reduce((sum, s) => sum + pick(s), 0) / scavenges.length).toFixed(1);
  console.log(
    `V8 nvp trace: ${scavenges.length} scavenges, mean pause ${mean((s) => s.pauseMs)} ms, ` +
      `survived ${mean((s) => s.survivedKb)} KB, promoted ${mean((s) => s.promotedKb)} KB each`,
  );
}

/** µs as ms, one decimal. */
export function ms(us: number): string {
  return (us / 1000).toFixed(1);
}

/** A busy stretch: its length and its five largest steps. */
export function describe(stretch: Stretch): string {
  const steps = [...stretch.steps].sort((a, b) => b[1] - a[1]).slice(0, 5)
    .map(([name, us]) => `${name} ${ms(us)}`).join(", ");
  return `${ms(stretch.endUs - stretch.startUs)} ms busy (${steps})`;
}

/** The worker starts among `stretches` (one-off stalls of the main thread), as lines. */
export function workerStarts(stretches: readonly Stretch[], fromUs: number): string[] {
  return stretches.filter((stretch) => stretch.steps.has(WORKER_START)).map((stretch) =>
    `  at +${ms(stretch.startUs - fromUs)} ms: ${
      ms(stretch.steps.get(WORKER_START)!)
    } ms of main thread starting a worker (the WAL checkpointer's, once per server), ` +
    `in a ${ms(stretch.endUs - stretch.startUs)} ms busy stretch`
  );
}
