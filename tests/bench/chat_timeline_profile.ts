/**
 * A V8 CPU profile (`deno run --cpu-prof`) as a main-thread timeline, for `chat_timeline.ts`:
 * each sample's time on the monotonic clock, whether the thread was busy, and which step of a
 * chat it was in (see {@linkcode stepOf}).
 *
 * @module
 */

/** One node of the profile's call tree. */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** A V8 CPU profile: samples (node ids) with the µs since the previous one. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A run of busy samples with no idle gap longer than the stretch's gap. */
export interface Stretch {
  startUs: number;
  endUs: number;
  /** Busy µs by step. */
  steps: Map<string, number>;
}

/**
 * A worker's start: Deno's `op_create_worker` holds the main thread until the new isolate is up
 * (23-35 ms on the development machine). The server starts one during chats once: the WAL
 * checkpointer's, when the WAL file first grows past its threshold (`checkpointer_start.ts`).
 */
export const WORKER_START = "worker start (a new isolate)";

/** Steps by the first frame (from the root) that names one: [what the frame's text holds, step]. */
const STEPS: ReadonlyArray<[RegExp, string]> = [
  [/^op_create_worker /, WORKER_START],
  [
    /core\/memory\/.*(writer|write|insert|store|embed|importance|lexical_batch|postings|touch)/,
    "memory: store",
  ],
  [/rememberExchange|storeAll|#store\b|\bstore /, "memory: store"],
  [/core\/memory\//, "memory: recall and other"],
  [/core\/chat\/history|countInSession/, "chat: history"],
  [/core\/chat\//, "chat: engine, prompt"],
  [/core\/lore\//, "lore"],
  [/core\/(emotions|relationships|mind\/blocks)/, "social, core blocks"],
  [/core\/(mind|jobs)\//, "mind, jobs"],
  [/core\/llm\//, "model client"],
  [/core\/storage\//, "storage"],
  [/core\/(server|sessions)\/|handlers\//, "wire: JSON-RPC, sessions"],
  [/core\//, "core: other"],
  [/ext:|node:|deno/, "runtime (sockets, HTTP, timers)"],
];

/** The step of a sample whose stack (root first) is `frames` (`functionName url` each). */
export function stepOf(frames: readonly string[]): string {
  const leaf = frames.at(-1) ?? "";
  if (leaf.startsWith("(garbage collector)")) return "GC";
  if (leaf.startsWith("(program)")) return "(program): native, not JS";
  for (const [pattern, step] of STEPS) {
    if (frames.some((frame) => pattern.test(frame))) return step;
  }
  return "other";
}

/** What one chat's window held. */
export interface WindowFigures {
  /** Main-thread busy µs (every chat's work, and anything else on the loop). */
  busyUs: number;
  gcUs: number;
}

/** A sample longer than this (µs; V8 samples every ~1 ms) had the thread off its core. */
export const OFF_CORE_US = 2_500;

/** Idle samples: the thread was waiting for work (`(idle)`), not running. */
function isIdle(name: string): boolean {
  return name === "(idle)";
}

/** The profile as a timeline (times in the profile's µs, the monotonic clock). */
export function timeline(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const stepById = new Map<number, string>();
  const step = (id: number): string => {
    let known = stepById.get(id);
    if (known) return known;
    const frames: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url } = byId.get(at)!.callFrame;
      frames.unshift(`${functionName || "(anonymous)"} ${url}`);
    }
    known = isIdle(byId.get(id)!.callFrame.functionName) ? "idle" : stepOf(frames);
    stepById.set(id, known);
    return known;
  };
  // Sample i covers (time[i-1], time[i]].
  const times: number[] = [];
  let now = profile.startTime;
  for (const delta of profile.timeDeltas) times.push(now += delta);
  const samples = profile.samples.map((id, i) => ({
    endUs: times[i]!,
    us: profile.timeDeltas[i]!,
    step: step(id),
    id,
  }));
  return {
    /**
     * Busy µs by function (the sample's own frame: self time) between `startUs` and `endUs`.
     * Samples longer than {@linkcode OFF_CORE_US} are left out: the thread was off its core
     * (waiting for one on a busy machine) and the whole gap lands on whatever frame it was in.
     */
    functions(startUs: number, endUs: number): Map<string, number> {
      const self = new Map<string, number>();
      for (const sample of samples) {
        if (sample.endUs <= startUs || sample.endUs > endUs || sample.step === "idle") continue;
        if (sample.us > OFF_CORE_US) continue;
        const { functionName, url, lineNumber } = byId.get(sample.id)!.callFrame;
        const where = url.replace(/^.*\/(core|handlers|tests)\//, "$1/").replace(
          /^.*\/ext\//,
          "ext:",
        );
        const name = `${functionName || "(anonymous)"} ${where}${url ? `:${lineNumber + 1}` : ""}`;
        self.set(name, (self.get(name) ?? 0) + sample.us);
      }
      return self;
    },
    /** Busy µs by step between `startUs` and `endUs`. */
    steps(startUs: number, endUs: number): Map<string, number> {
      const steps = new Map<string, number>();
      for (const sample of samples) {
        if (sample.endUs <= startUs || sample.endUs > endUs || sample.step === "idle") continue;
        steps.set(sample.step, (steps.get(sample.step) ?? 0) + sample.us);
      }
      return steps;
    },
    /** Busy and GC µs between `startUs` and `endUs`, from the samples' end times. */
    within(startUs: number, endUs: number): WindowFigures {
      let busyUs = 0;
      let gcUs = 0;
      for (const sample of samples) {
        if (sample.endUs <= startUs || sample.endUs > endUs || sample.step === "idle") continue;
        busyUs += sample.us;
        if (sample.step === "GC") gcUs += sample.us;
      }
      return { busyUs, gcUs };
    },
    /** Garbage collections after `fromUs` (runs of GC samples), longest first: [start, µs]. */
    collections(fromUs: number): Array<[number, number]> {
      const found: Array<[number, number]> = [];
      let open: [number, number] | null = null;
      for (const sample of samples) {
        if (sample.endUs < fromUs) continue;
        if (sample.step !== "GC") {
          open = null;
          continue;
        }
        if (!open) found.push(open = [sample.endUs - sample.us, 0]);
        open[1] += sample.us;
      }
      return found.sort((a, b) => b[1] - a[1]);
    },
    /** Busy stretches after `fromUs` (idle gaps up to `gapUs` joined), longest first. */
    stretches(fromUs: number, gapUs = 2000): Stretch[] {
      const found: Stretch[] = [];
      let open: Stretch | null = null;
      let idleUs = 0;
      for (const sample of samples) {
        if (sample.endUs < fromUs) continue;
        if (sample.step === "idle") {
          idleUs += sample.us;
          if (open && idleUs > gapUs) {
            found.push(open);
            open = null;
          }
          continue;
        }
        idleUs = 0;
        open ??= { startUs: sample.endUs - sample.us, endUs: 0, steps: new Map() };
        open.endUs = sample.endUs;
        open.steps.set(sample.step, (open.steps.get(sample.step) ?? 0) + sample.us);
      }
      if (open) found.push(open);
      return found.sort((a, b) => (b.endUs - b.startUs) - (a.endUs - a.startUs));
    },
  };
}
