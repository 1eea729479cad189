/**
 * The server's own overhead per chat (`deno task bench:chat`), for each provider side by side in
 * one run: the Ollama-compatible and the OpenAI-compatible test server (each its own process)
 * answer after the same fixed first-token delay; the persona server (its own process) runs with
 * enough LLM slots that nothing queues. Reported: median and p99 of chat latency minus that
 * delay, and of time to first chunk minus the first-token delay, at 1 and at 32 concurrent
 * sessions, and the persona server's own CPU time per chat (read from `/proc`, so the load of
 * the benchmark's client and of the model server is not counted). Each run also times the model
 * server alone (the same streamed request sent straight to it, at the same concurrency): its
 * own HTTP and streaming time is not the persona server's either, so "latency − model alone"
 * subtracts that median instead of the bare delay. The sessions of a run send their first chat at
 * once (a new session: greeting and all): the median of those first chats and the p99 of the
 * others are shown apart, since 32 first chats are 3 % of a run of 30 each and so make its p99.
 * A server is measured only once its start-up work (word vectors, index warm-up) is over, and
 * the test server answers the mind's jobs as a model would, since they are on by default.
 *
 * Both stacks run at once and are measured in alternating rounds (samples merged), so that
 * drift of a shared machine hits both alike. The rounds are fair (`chat_rounds.ts`): every stack
 * first has an unmeasured warm-up burst (`--warm-chats` chats in each of the most sessions), and
 * another before each of its measurements (at that measurement's session count); the order is
 * ABBA (each tree first in half the rounds, hence 4 rounds by default); and every measurement
 * waits until no stack has a mind job left and every process is idle (`--no-quiet` skips that
 * wait). The figures are also printed split by the position a tree held in its
 * rounds, so that what is left of an order bias shows.
 *
 *   deno task bench:chat [--first-token-ms 100] [--chats 30] [--rounds 4] [--profile DIR]
 *     [--tree PATH] [--base PATH] [--providers ollama,openai] [--sessions 1,32]
 *     [--stubs recall,store,both,mind,unmatched,hop,hop-echo,hop-store,hop-recall,after-reply]
 *     [--tail]
 *     [--new-messages]
 *     [--no-mind] [--warm-chats 5] [--no-quiet]
 *
 * `--tail` also prints, for each row, which chats made its worst 1 % (`chat_tail.ts`): sessions'
 * first chats or later ones, by chat number, by when in the round and by round.
 *
 * `--tree PATH` runs the server of another checkout (e.g. one exported with `git archive`);
 * `--base PATH` runs that checkout beside this one (or `--tree`'s) in the same run, rounds
 * alternating, and prints a row for each (`now` and `baseline`). `--stubs` adds rows of this tree
 * with recall, storing the exchange, or both made free on the main thread (bench only, by
 * `chat_probe.ts` preloaded): an upper bound of what moving them to a worker could win. `mind`
 * stores the exchange but leaves out the mind's reaction to it (its jobs); `unmatched` stores it
 * with words no chat sends, so the next recalls do not find it (what storing costs, without what
 * the memories it leaves cost recall). `hop` sends recall and storing to a stand-in worker
 * (`chat_hop_worker.ts`) that keeps its thread busy as long as they take and answers with
 * exchange-like memories; `hop-echo` answers at once; `hop-store` sends only storing there, and
 * `hop-recall` only recall (a recall worker's bound, storing left on the main thread): a memory
 * worker's bound, its hop and its queue included. `after-reply` stores the exchange for real on
 * the main thread, but in the event loop's next turn, after the reply went out (no next read
 * waits for it): what storing after the reply could win at most, the work itself kept.
 *
 * With `--extraction`, the two stacks are one provider (`--provider`, ollama by default) with the
 * mind's background jobs off and on (fact extraction, supersession, reflection, block updates):
 * the test server then answers the jobs' JSON requests too, after the same delay. At the end it
 * prints the jobs each stack ran. `--llm-concurrency 1` measures with one model slot, Ollama's
 * default, where a job and a chat would compete for the model.
 *
 *   deno task bench:chat --extraction [--provider openai] [--llm-concurrency 1]
 *
 * @module
 */
import {
  type BenchServer,
  numberFlag,
  percentile,
  spawnBenchServer,
  spawnHelper,
  stringFlag,
} from "./_load.ts";
import {
  cpuSeconds,
  loadAverage,
  machineCpuSeconds,
  mainThreadCpuSeconds,
  type Metric,
  rssMb,
  type Tree,
} from "./_table.ts";
import { modelAlone, type Provider, settled } from "./model_alone.ts";
import { tailLines } from "./chat_tail.ts";
import { byPosition, type Placed, quiet, roundOrders, unbalancedRounds } from "./chat_rounds.ts";

export type { Provider };

/** One chat's timing. */
export interface ChatSample {
  totalMs: number;
  firstChunkMs: number;
  /** The first chat of its session (the sessions of a run all start at once). */
  opening: boolean;
  /** The chat's number in its session (0 the first). */
  index: number;
  /** When it was sent, ms after the run's first session was opened (`--tail`). */
  sentAtMs: number;
  /** The round it was measured in (from 0; set when the rounds are merged). */
  round: number;
}

/**
 * `--new-messages`: every chat's message is one no session sent before, as a real user's. By
 * default every session sends `benchmark message 0` … `chats - 1`, so the sessions' chats that
 * arrive together ask recall the same question over the same memories, which its kept work of a
 * query (prepared queries, best matches) answers again for the others: chats in lockstep are
 * cheaper than a real user's.
 */
const NEW_MESSAGES = Deno.args.includes("--new-messages");
/** Sessions opened so far by this process (numbers the new messages). */
let opened = 0;

async function session(
  wsUrl: string,
  personaId: string,
  chats: number,
  runStart = performance.now(),
): Promise<ChatSample[]> {
  // Numbers apart for up to 100,000 chats a session.
  const base = NEW_MESSAGES ? ++opened * 100_000 : 0;
  const socket = new WebSocket(wsUrl);
  await new Promise((resolve) => (socket.onopen = resolve));
  const samples: ChatSample[] = [];
  for (let i = 0; i < chats; i++) {
    const sent = performance.now();
    let firstChunk = 0;
    await new Promise<void>((resolve) => {
      socket.onmessage = (event) => {
        const message = JSON.parse(event.data);
        if (message.method === "conversation.chunk") firstChunk ||= performance.now();
        else if (message.id === i) resolve();
      };
      socket.send(JSON.stringify({
        jsonrpc: "2.0",
        id: i,
        method: "conversation.send_message",
        params: { content: `benchmark message ${base + i}`, persona_id: personaId, stream: true },
      }));
    });
    samples.push({
      totalMs: performance.now() - sent,
      firstChunkMs: firstChunk - sent,
      opening: i === 0,
      index: i,
      sentAtMs: sent - runStart,
      round: 0,
    });
  }
  await new Promise((resolve) => {
    socket.onclose = resolve;
    socket.close();
  });
  return samples;
}

/** A model server and a persona server using it. */
export interface ChatStack {
  provider: Provider;
  /** What a row says: the provider, or whether the mind's jobs are on. */
  label: string;
  tree: Tree;
  server: BenchServer;
  /** The model server's base URL (with `/v1` for `openai`). */
  modelUrl: string;
  /** The model server's process. */
  modelPid: number;
  personaId: string;
  /** What is stubbed out (bench only), if anything. */
  stub?: Stub;
  stop(): Promise<void>;
}

/** Options of {@linkcode startChatStack}. */
export interface ChatStackOptions {
  tree: Tree;
  firstTokenMs: number;
  profileDir?: string;
  /** The mind's background jobs on or off (the server's defaults when not given). */
  mind?: boolean;
  /** LLM_CONCURRENCY (64 when not given: nothing queues). */
  llmConcurrency?: number;
  label?: string;
  /**
   * Bench only: recall, storing or both made free on the server's main thread
   * (`chat_probe.ts`), an upper bound of what moving them off the event loop could win.
   */
  stub?: Stub;
}

/** Starts one provider's test server and a persona server (of `options.tree`) talking to it. */
export async function startChatStack(
  provider: Provider,
  options: ChatStackOptions,
): Promise<ChatStack> {
  const fake = await spawnHelper([
    "--allow-net=127.0.0.1",
    new URL("./fake_model_server.ts", import.meta.url).pathname,
    "--provider",
    provider,
    "--first-token-ms",
    String(options.firstTokenMs),
    ...(options.mind === false ? [] : ["--jobs"]),
  ], /URL (\S+)/);
  const settings: Record<string, string> = provider === "openai"
    ? { LLM_PROVIDER: "openai", OPENAI_BASE_URL: fake.announced }
    : { OLLAMA_HOST: fake.announced };
  const server = await spawnBenchServer({
    tree: options.tree.path,
    env: {
      ...settings,
      LLM_CONCURRENCY: String(options.llmConcurrency ?? 64),
      ...(options.mind === undefined
        ? {}
        : { MEMORY_EXTRACTION: String(options.mind), MEMORY_REFLECTION: String(options.mind) }),
      ...(options.stub ? { BENCH_STUB_MEMORY: options.stub, BENCH_TREE: options.tree.path } : {}),
    },
    profileDir: options.profileDir,
    flags: options.stub
      ? ["--preload", new URL("./chat_probe.ts", import.meta.url).pathname]
      : undefined,
  });
  const { personas } = await (await fetch(`${server.apiUrl}/personas`)).json();
  await settled(server.pid);
  return {
    provider,
    label: options.label ?? provider,
    tree: options.tree,
    server,
    modelUrl: fake.announced,
    modelPid: fake.pid,
    personaId: personas[0].id,
    stub: options.stub,
    async stop() {
      await server.stop();
      await fake.stop();
    },
  };
}

/** The samples of some chats, and the persona server's CPU seconds spent on them. */
export interface ChatRun {
  samples: ChatSample[];
  cpuSeconds: number;
  /** The server's main thread alone (its event loop): the CPU the chats queue for. */
  mainCpuSeconds: number;
  /** Wall-clock seconds the chats took (the sessions running at once). */
  wallSeconds: number;
  /** Latencies (ms) of the model server alone, at the same concurrency, just after. */
  modelMs: number[];
  /** The persona server's peak resident memory so far (MB; its young generation's size shows). */
  peakRssMb: number;
  /** Main-thread CPU ms per chat of each round merged into this run (`--tail`). */
  roundsMainCpuMs?: number[];
  /**
   * CPU seconds the others on the same cores took meanwhile: this benchmark's own process (the
   * clients of every session), the model server, and everything else on the machine.
   */
  beside: { client: number; model: number; machine: number };
}

/** `sessions` concurrent sessions of `chats` chats each on `stack` (after a short warm-up). */
export async function measureChats(
  stack: ChatStack,
  options: { sessions: number; chats: number },
): Promise<ChatRun> {
  await session(stack.server.wsUrl, stack.personaId, 3);
  const cpuBefore = await cpuSeconds(stack.server.pid);
  const mainBefore = await mainThreadCpuSeconds(stack.server.pid);
  const besideBefore = await besideSeconds(stack);
  const started = performance.now();
  const runs = await Promise.all(
    Array.from(
      { length: options.sessions },
      () => session(stack.server.wsUrl, stack.personaId, options.chats, started),
    ),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const used = await cpuSeconds(stack.server.pid) - cpuBefore;
  const mainCpuSeconds = await mainThreadCpuSeconds(stack.server.pid) - mainBefore;
  const besideAfter = await besideSeconds(stack);
  const beside = {
    client: besideAfter.client - besideBefore.client,
    model: besideAfter.model - besideBefore.model,
    // The machine's total less the three processes of the run.
    machine: besideAfter.machine - besideBefore.machine - used -
      (besideAfter.client - besideBefore.client) - (besideAfter.model - besideBefore.model),
  };
  const modelMs = await modelAlone(stack.provider, stack.modelUrl, {
    sessions: options.sessions,
    chats: Math.min(options.chats, 10),
  });
  const peakRssMb = await rssMb(stack.server.pid, { peak: true });
  return {
    samples: runs.flat(),
    cpuSeconds: used,
    mainCpuSeconds,
    wallSeconds,
    modelMs,
    beside,
    peakRssMb,
  };
}

/** An unmeasured burst: `sessions` sessions of `chats` chats each on `stack`, all at once. */
async function warmUp(stack: ChatStack, options: { sessions: number; chats: number }) {
  await Promise.all(
    Array.from(
      { length: options.sessions },
      () => session(stack.server.wsUrl, stack.personaId, options.chats),
    ),
  );
}

/** CPU seconds so far of this process, of `stack`'s model server and of the whole machine. */
async function besideSeconds(stack: ChatStack) {
  return {
    client: await cpuSeconds(Deno.pid),
    model: await cpuSeconds(stack.modelPid),
    machine: await machineCpuSeconds(),
  };
}

/** Merges runs of one configuration. */
function merge(runs: readonly ChatRun[]): ChatRun {
  return {
    samples: runs.flatMap((run, round) => run.samples.map((sample) => ({ ...sample, round }))),
    cpuSeconds: runs.reduce((sum, run) => sum + run.cpuSeconds, 0),
    mainCpuSeconds: runs.reduce((sum, run) => sum + run.mainCpuSeconds, 0),
    wallSeconds: runs.reduce((sum, run) => sum + run.wallSeconds, 0),
    modelMs: runs.flatMap((run) => run.modelMs),
    peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
    roundsMainCpuMs: runs.map((run) => (run.mainCpuSeconds * 1000) / run.samples.length),
    beside: {
      client: runs.reduce((sum, run) => sum + run.beside.client, 0),
      model: runs.reduce((sum, run) => sum + run.beside.model, 0),
      machine: runs.reduce((sum, run) => sum + run.beside.machine, 0),
    },
  };
}

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

/** What a bench-only stub makes free on the main thread (`chat_probe.ts`). */
export type Stub =
  | "recall"
  | "store"
  | "both"
  | "mind"
  | "unmatched"
  | "hop"
  | "hop-echo"
  | "hop-store"
  | "hop-recall"
  | "after-reply";

/** A row's name: the tree's label, and what is stubbed out. */
function rowName(tree: Tree, stub?: Stub): string {
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
 * {@linkcode roundOrders} (ABBA for two stacks), every measurement started from quiet (no mind
 * job left on any stack, every process idle).
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
    const warning = unbalancedRounds(stacks.length, options.rounds);
    if (warning) console.error(warning);
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
    const orders = roundOrders(stacks.length, options.rounds);
    for (let round = 0; round < options.rounds; round++) {
      for (const sessions of options.sessions) {
        for (const [position, index] of orders[round]!.entries()) {
          const stack = stacks[index]!;
          // Warmed again before it is measured: a stack that sat idle while the others ran (the
          // second of a round) was slower and spent more main-thread CPU per chat than one
          // measured right after its own last run (session 34, A/A: 2nd 3.40 against 1st 2.43
          // ms). Its burst's mind jobs are done by the quiet that follows.
          await warmUp(stack, { sessions, chats: options.warmChats ?? 5 });
          if (options.quiet !== false) waits.push(await quiet(quietStacks));
          const key = `${rowName(stack.tree, stack.stub)} ${stack.provider} ${sessions}`;
          const run = await measureChats(stack, { sessions, chats: options.chats });
          runs.set(key, [...runs.get(key) ?? [], { position, run }]);
        }
      }
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
  return new Map([...runs].map(([key, list]) => [key, merge(list.map((placed) => placed.run))]));
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

/** `--extraction`: one provider's chat overhead with the mind's jobs off and on. */
async function compareExtraction(options: { firstTokenMs: number; chats: number; rounds: number }) {
  const provider: Provider = stringFlag(Deno.args, "provider") === "openai" ? "openai" : "ollama";
  const llmConcurrency = numberFlag(Deno.args, "llm-concurrency", 64);
  const tree: Tree = { label: "now", path: new URL("../..", import.meta.url).pathname };
  const stacks = [
    await startChatStack(provider, {
      ...options,
      tree,
      llmConcurrency,
      mind: false,
      label: "extraction off",
    }),
    await startChatStack(provider, {
      ...options,
      tree,
      llmConcurrency,
      mind: true,
      label: "extraction on",
    }),
  ];
  try {
    const runs = new Map<string, ChatRun[]>();
    for (let round = 0; round < options.rounds; round++) {
      for (const sessions of [1, 32]) {
        for (const stack of round % 2 ? [...stacks].reverse() : stacks) {
          const key = `${stack.label} ${sessions}`;
          runs.set(key, [
            ...runs.get(key) ?? [],
            await measureChats(stack, { sessions, chats: options.chats }),
          ]);
        }
      }
    }
    console.log(
      `${provider}, first-token delay ${options.firstTokenMs} ms, LLM_CONCURRENCY=${llmConcurrency}, load ${loadAverage()}`,
    );
    console.log(
      "| mind | sessions | chats | latency - delay p50 ms | p99 ms | model alone - delay p50 ms | latency - model alone p50 ms | p99 ms | server CPU ms per chat |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const sessions of [1, 32]) {
      for (const stack of stacks) {
        const f = chatFigures(merge(runs.get(`${stack.label} ${sessions}`)!), options.firstTokenMs);
        const cells = [f.p50, f.p99, f.modelP50, f.ownP50, f.ownP99, f.cpuMsPerChat]
          .map((ms) => ms.toFixed(2));
        console.log(`| ${stack.label} | ${sessions} | ${f.chats} | ${cells.join(" | ")} |`);
      }
    }
    for (const stack of stacks) {
      const { jobs } = await (await fetch(`${stack.server.apiUrl}/system/status`)).json();
      console.log(`${stack.label}: background jobs ${JSON.stringify(jobs)}`);
    }
  } finally {
    for (const stack of stacks) await stack.stop();
  }
}

if (import.meta.main && Deno.args.includes("--extraction")) {
  await compareExtraction({
    firstTokenMs: numberFlag(Deno.args, "first-token-ms", 100),
    chats: numberFlag(Deno.args, "chats", 30),
    rounds: numberFlag(Deno.args, "rounds", 3),
  });
} else if (import.meta.main) {
  const firstTokenMs = numberFlag(Deno.args, "first-token-ms", 100);
  const chats = numberFlag(Deno.args, "chats", 30);
  // Four: two stacks (`--base`) each measured first in two rounds and second in two (ABBA).
  const rounds = numberFlag(Deno.args, "rounds", 4);
  const at = Deno.args.indexOf("--profile");
  const sessions = (stringFlag(Deno.args, "sessions") ?? "1,32").split(",").map(Number);
  const providers = (stringFlag(Deno.args, "providers") ?? "ollama,openai").split(",")
    .filter((name): name is Provider => name === "ollama" || name === "openai");
  const base = stringFlag(Deno.args, "base");
  const trees: Tree[] = [
    {
      label: "now",
      path: stringFlag(Deno.args, "tree") ?? new URL("../..", import.meta.url).pathname,
    },
    ...(base ? [{ label: "baseline" as const, path: base }] : []),
  ];
  const stubs = (stringFlag(Deno.args, "stubs") ?? "").split(",")
    .filter((name): name is Stub =>
      [
        "recall",
        "store",
        "both",
        "mind",
        "unmatched",
        "hop",
        "hop-echo",
        "hop-store",
        "hop-recall",
        "after-reply",
      ].includes(name)
    );
  const rows = [
    ...trees.map((tree) => rowName(tree)),
    ...stubs.map((stub) => rowName(trees[0]!, stub)),
  ];
  const placed = await chatOverheadRounds({
    trees,
    stubs,
    providers,
    sessions,
    chats,
    rounds,
    firstTokenMs,
    profileDir: at >= 0 ? Deno.args[at + 1] : undefined,
    mind: Deno.args.includes("--no-mind") ? false : undefined,
    warmChats: numberFlag(Deno.args, "warm-chats", 5),
    quiet: !Deno.args.includes("--no-quiet"),
  });
  const runs = new Map(
    [...placed].map(([key, list]) => [key, merge(list.map((entry) => entry.run))]),
  );
  console.log(
    `first-token delay ${firstTokenMs} ms, ${chats} chats per session, ${rounds} rounds, ${Deno.build.target}, load ${loadAverage()}`,
  );
  console.log(
    "| tree | provider | sessions | chats | latency - delay p50 ms | p99 ms | first chunk - delay p50 ms | p99 ms | model alone - delay p50 ms | latency - model alone p50 ms | p99 ms | sessions' first chats p50 ms | later chats p99 ms | server CPU ms per chat | main thread CPU ms per chat | main thread busy | client CPU ms per chat | model server CPU ms per chat | other work (cores) | server peak RSS MB |",
  );
  console.log(
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const count of sessions) {
    for (const provider of providers) {
      for (const row of rows) {
        const f = chatFigures(runs.get(`${row} ${provider} ${count}`)!, firstTokenMs);
        const cells = [
          f.p50,
          f.p99,
          f.firstChunkP50,
          f.firstChunkP99,
          f.modelP50,
          f.ownP50,
          f.ownP99,
          f.openingP50,
          f.laterP99,
          f.cpuMsPerChat,
          f.mainCpuMsPerChat,
        ].map((ms) => ms.toFixed(2));
        const busy = `${(f.mainBusy * 100).toFixed(0)} %`;
        const beside = [f.clientCpuMsPerChat.toFixed(2), f.modelCpuMsPerChat.toFixed(2)];
        console.log(
          `| ${row} | ${provider} | ${count} | ${f.chats} | ${cells.join(" | ")} | ${busy} | ${
            beside.join(" | ")
          } | ${f.otherCores.toFixed(2)} | ${f.peakRssMb.toFixed(0)} |`,
        );
      }
    }
  }
  // The same rows split by the position their stack held in its rounds: an order bias shows as
  // a gap between positions that both trees share.
  console.log("by position in the round (latency - model alone p50 / p99 ms, main thread ms):");
  for (const count of sessions) {
    for (const provider of providers) {
      for (const row of rows) {
        const list = placed.get(`${row} ${provider} ${count}`)!;
        const cells = [...byPosition(list.map((entry, round) => ({ ...entry, run: round })))]
          .map(([position, rounds]) => {
            const f = chatFigures(merge(rounds.map((round) => list[round]!.run)), firstTokenMs);
            return `${ordinal(position)} in round${rounds.length > 1 ? "s" : ""} ${
              rounds.map((round) => round + 1).join(",")
            }: ${f.ownP50.toFixed(2)} / ${f.ownP99.toFixed(2)}, ${f.mainCpuMsPerChat.toFixed(2)}`;
          });
        console.log(`  ${row}, ${provider}, ${count}: ${cells.join("; ")}`);
      }
    }
  }
  if (Deno.args.includes("--tail")) {
    for (const count of sessions) {
      for (const provider of providers) {
        for (const row of rows) {
          console.log(`${row}, ${provider}, ${count} sessions:`);
          for (const line of tailLines(runs.get(`${row} ${provider} ${count}`)!)) {
            console.log(`  ${line}`);
          }
        }
      }
    }
  }
}

/** 0 → "1st", 1 → "2nd", … */
function ordinal(position: number): string {
  const n = position + 1;
  return `${n}${n === 1 ? "st" : n === 2 ? "nd" : n === 3 ? "rd" : "th"}`;
}
