/**
 * The stacks `chat_overhead.ts` measures: a model server and a persona server talking to it,
 * sessions sending chats to it, and one measurement's samples and CPU seconds (with the runs of
 * one configuration merged).
 *
 * @module
 */
import { type BenchServer, spawnBenchServer, spawnHelper } from "./_load.ts";
import { cpuSeconds, machineCpuSeconds, mainThreadCpuSeconds, rssMb, type Tree } from "./_table.ts";
import { modelAlone, type Provider, settled } from "./model_alone.ts";
import { THREAD_KINDS, threadCpuMs, type ThreadKind, threadSplit } from "./_thread_split.ts";

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
  /**
   * The server's CPU ms by kind of thread (`_thread_split.ts`; threads that ended left out);
   * empty where there is no `/proc` to read.
   */
  threadMs: Map<ThreadKind, number>;
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
  const threadsBefore = await threadCpuMs(stack.server.pid);
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
  // The machine's reading before the thread listing, as before the chats in the other order:
  // the listing's `sh` processes then fall outside the window ("everything else on the machine").
  const besideAfter = await besideSeconds(stack);
  const threadMs = threadSplit(threadsBefore, await threadCpuMs(stack.server.pid));
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
    threadMs,
    wallSeconds,
    modelMs,
    beside,
    peakRssMb,
  };
}

/** An unmeasured burst: `sessions` sessions of `chats` chats each on `stack`, all at once. */
export async function warmUp(stack: ChatStack, options: { sessions: number; chats: number }) {
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
export function mergeChatRuns(runs: readonly ChatRun[]): ChatRun {
  return {
    samples: runs.flatMap((run, round) => run.samples.map((sample) => ({ ...sample, round }))),
    cpuSeconds: runs.reduce((sum, run) => sum + run.cpuSeconds, 0),
    mainCpuSeconds: runs.reduce((sum, run) => sum + run.mainCpuSeconds, 0),
    // Only the kinds measured: runs with no split (no /proc) stay without one.
    threadMs: new Map(
      THREAD_KINDS.filter((kind) => runs.some((run) => run.threadMs.has(kind))).map((kind) => [
        kind,
        runs.reduce((sum, run) => sum + (run.threadMs.get(kind) ?? 0), 0),
      ]),
    ),
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
