/**
 * The rounds of `chat_overhead.ts`: every configuration's stack started, warmed and measured in
 * turn from quiet (strictly alternating, after a lead-in burst), each run's figures, and the figures as metrics of
 * `deno task bench:all`.
 *
 * @module
 */
import { percentile } from "./_load.ts";
import type { Metric, Tree } from "./_table.ts";
import type { Provider } from "./model_alone.ts";
import { measurementPlan, type Placed, quiet } from "./chat_rounds.ts";
import {
  type ChatRun,
  type ChatStack,
  measureChats,
  mergeChatRuns,
  startChatStack,
  type Stub,
  warmUp,
} from "./chat_stack.ts";

/**
 * Median and p99 of overhead and first chunk (minus the delay, and minus the model server's
 * own median time), and CPU ms per chat.
 */
export function chatFigures(run: ChatRun, firstTokenMs: number) {
  const sorted = (values: number[]) => values.sort((a, b) => a - b);
  const overhead = sorted(run.samples.map((s) => s.totalMs - firstTokenMs));
  const firstChunk = sorted(run.samples.map((s) => s.firstChunkMs - firstTokenMs));
  const model = percentile(sorted([...run.modelMs]), 50);
  const own = sorted(run.samples.map((s) => s.totalMs - model));
  const opening = sorted(run.samples.filter((s) => s.opening).map((s) => s.totalMs - model));
  const later = sorted(run.samples.filter((s) => !s.opening).map((s) => s.totalMs - model));
  return {
    chats: run.samples.length,
    p50: percentile(overhead, 50),
    p99: percentile(overhead, 99),
    modelP50: model - firstTokenMs,
    ownP50: percentile(own, 50),
    ownP99: percentile(own, 99),
    /** Latency − model alone of the sessions' first chats (all sent at once), and of the rest. */
    openingP50: percentile(opening, 50),
    laterP99: percentile(later, 99),
    firstChunkP50: percentile(firstChunk, 50),
    firstChunkP99: percentile(firstChunk, 99),
    cpuMsPerChat: (run.cpuSeconds * 1000) / run.samples.length,
    /** The main thread's CPU per chat (the rest is GC helpers and Deno's other threads). */
    mainCpuMsPerChat: (run.mainCpuSeconds * 1000) / run.samples.length,
    /** The server's CPU per chat by kind of thread (`_thread_split.ts`). */
    threadMsPerChat: new Map(
      [...run.threadMs].map(([kind, ms]) => [kind, ms / run.samples.length]),
    ),
    /** Share of the run's wall time the main thread was on a CPU (1: the loop saturated). */
    mainBusy: run.mainCpuSeconds / run.wallSeconds,
    /** The benchmark's clients' and the model server's CPU per chat, on the same cores. */
    clientCpuMsPerChat: (run.beside.client * 1000) / run.samples.length,
    modelCpuMsPerChat: (run.beside.model * 1000) / run.samples.length,
    /** Cores the rest of the machine kept busy over the run (other work than this benchmark). */
    otherCores: run.beside.machine / run.wallSeconds,
    peakRssMb: run.peakRssMb,
  };
}

/** A row's name: the tree's label, and what is stubbed out. */
export function rowName(tree: Tree, stub?: Stub): string {
  return stub
    ? `${tree.label}, ${
      stub === "both"
        ? "recall and store free"
        : stub === "mind"
        ? "the mind's reaction free"
        : stub === "hop"
        ? "recall and store on a stand-in worker"
        : stub === "hop-store"
        ? "store on a stand-in worker"
        : stub === "hop-recall"
        ? "recall on a stand-in worker"
        : stub === "hop-echo"
        ? "recall and store on an echo worker"
        : stub === "after-reply"
        ? "store after the reply"
        : `${stub} free`
    }`
    : tree.label;
}

/** Options of {@linkcode chatOverheads}. */
export interface ChatOverheadOptions {
  trees: readonly Tree[];
  /** Stacks of the first tree with memory work stubbed out, measured beside the others. */
  stubs?: readonly Stub[];
  providers: readonly Provider[];
  sessions: readonly number[];
  chats: number;
  rounds: number;
  firstTokenMs: number;
  profileDir?: string;
  /**
   * The mind's background jobs on or off in every stack (`--no-mind`; the servers' defaults, on,
   * when not given): how many of them run inside the measured chats differs from one server to
   * the next, and their CPU is counted in the chats'.
   */
  mind?: boolean;
  /**
   * Chats per session of the unmeasured warm-up bursts (5 when not given): one on every stack
   * before the first round, and one right before each measurement, at its session count.
   */
  warmChats?: number;
  /** `false`: measure without waiting for quiet (the mind's jobs, idle processes) first. */
  quiet?: boolean;
}

/**
 * Runs by `<tree> <provider> <sessions>`, each with the position its stack held in its round:
 * a warm-up burst on every stack first (unmeasured), then the rounds in the order of
 * {@linkcode measurementPlan} (the stacks strictly alternating, the first measurement after an
 * unmeasured lead-in burst of the last stack), every measurement started from quiet (no mind job
 * left on any stack, every process idle).
 */
export async function chatOverheadRounds(
  options: ChatOverheadOptions,
): Promise<Map<string, Placed<ChatRun>[]>> {
  const stacks: ChatStack[] = [];
  try {
    for (const tree of options.trees) {
      for (const provider of options.providers) {
        stacks.push(await startChatStack(provider, { ...options, tree }));
      }
    }
    for (const stub of options.stubs ?? []) {
      for (const provider of options.providers) {
        stacks.push(
          await startChatStack(provider, { ...options, tree: options.trees[0]!, stub }),
        );
      }
    }
    const quietStacks = stacks.map((stack) => ({
      apiUrl: stack.server.apiUrl,
      pids: [stack.server.pid, stack.modelPid],
    }));
    // The first burst of a run pays cold code of this client and of the model server, and a
    // fresh server's once-only work: every stack has it before any is measured.
    const warmSessions = Math.max(...options.sessions);
    for (const stack of stacks) {
      await measureChats(stack, { sessions: warmSessions, chats: options.warmChats ?? 5 });
    }
    const runs = new Map<string, Placed<ChatRun>[]>();
    const waits: number[] = [];
    const plan = measurementPlan({
      count: stacks.length,
      rounds: options.rounds,
      sessions: options.sessions,
    });
    for (const { stack: index, sessions, position, measured } of plan) {
      const stack = stacks[index]!;
      // Warmed again before it is measured: a stack that sat idle while the others ran (the
      // second of a round) was slower and spent more main-thread CPU per chat than one
      // measured right after its own last run (session 34, A/A: 2nd 3.40 against 1st 2.43
      // ms). Its burst's mind jobs are done by the quiet that follows.
      await warmUp(stack, { sessions, chats: options.warmChats ?? 5 });
      if (options.quiet !== false) {
        const waited = await quiet(quietStacks);
        if (measured) waits.push(waited);
      }
      const run = await measureChats(stack, { sessions, chats: options.chats });
      // The lead-in only gives the first measurement the same kind of burst before it.
      if (!measured) continue;
      const key = `${rowName(stack.tree, stack.stub)} ${stack.provider} ${sessions}`;
      runs.set(key, [...runs.get(key) ?? [], { position, run }]);
    }
    if (waits.length) {
      const sorted = waits.sort((a, b) => a - b);
      console.error(
        `quiet before each measurement: median ${percentile(sorted, 50).toFixed(0)} ms, ` +
          `max ${sorted.at(-1)!.toFixed(0)} ms`,
      );
    }
    // What the mind did meanwhile: how many extraction jobs ran or the cap dropped, and the
    // memories it left (what the next recalls rank), since these move the figures above.
    for (const stack of stacks) await printMindWork(stack);
    return runs;
  } finally {
    for (const stack of stacks) await stack.stop();
  }
}

/** {@linkcode chatOverheadRounds}' runs of each configuration merged. */
export async function chatOverheads(options: ChatOverheadOptions): Promise<Map<string, ChatRun>> {
  const runs = await chatOverheadRounds(options);
  return new Map(
    [...runs].map(([key, list]) => [key, mergeChatRuns(list.map((placed) => placed.run))]),
  );
}

/** One line per stack: its job counts and its persona's memories by type. */
async function printMindWork(stack: ChatStack): Promise<void> {
  const { jobs } = await (await fetch(`${stack.server.apiUrl}/system/status`)).json();
  const stats =
    await (await fetch(`${stack.server.apiUrl}/personas/${stack.personaId}/memories/stats`))
      .json();
  console.error(
    `${rowName(stack.tree, stack.stub)} ${stack.provider}: jobs ${JSON.stringify(jobs)}; ` +
      `memories ${JSON.stringify(stats.memory_types)}`,
  );
}

/** The chat figures (Ollama provider) as metrics of `deno task bench:all`. */
export function chatMetrics(
  runs: Map<string, ChatRun>,
  options: { trees: readonly Tree[]; sessions: readonly number[]; firstTokenMs: number },
): Metric[] {
  const metrics: Metric[] = [];
  for (const sessions of options.sessions) {
    const figures = new Map(options.trees.map((tree) => [
      tree.label,
      chatFigures(runs.get(`${tree.label} ollama ${sessions}`)!, options.firstTokenMs),
    ]));
    const metric = (
      name: string,
      unit: string,
      pick: (f: ReturnType<typeof chatFigures>) => number,
    ): Metric => ({
      benchmark: `chat overhead, ${sessions} session${sessions > 1 ? "s" : ""}`,
      name,
      unit,
      better: "lower",
      values: Object.fromEntries([...figures].map(([label, f]) => [label, pick(f)])),
    });
    metrics.push(
      metric("latency − delay p50", "ms", (f) => f.p50),
      metric("latency − delay p99", "ms", (f) => f.p99),
      metric("latency − model alone p50", "ms", (f) => f.ownP50),
      metric("latency − model alone p99", "ms", (f) => f.ownP99),
      metric("server CPU per chat", "ms", (f) => f.cpuMsPerChat),
      metric("server main-thread CPU per chat", "ms", (f) => f.mainCpuMsPerChat),
    );
  }
  return metrics;
}
