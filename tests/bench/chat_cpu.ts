/**
 * Where a chat's main-thread CPU goes (`deno task bench:chat:cpu`): the chat engine in process,
 * wired as `core/services.ts` wires it, over a real SQLite file with memory on, and a model that
 * answers at once (ten streamed words) so that only the server's own work is timed. Each step the
 * engine awaits (the history window, lore, core blocks, the social sections, recall, the model
 * call, the persona check, the history append, the memory store) is timed in main-thread CPU
 * (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`; not wall time, so a loaded machine moves it
 * little), and "engine" is what is left of the chat: prompt assembly and the engine's own code.
 * The mind's background jobs are off: they run while a real model thinks, not on a chat's path.
 *
 * Sessions run one chat after another (`--sessions 1`: the steps do not overlap, so each step's
 * CPU is its own). With more sessions every session sends its next chat when its last is
 * answered, and only the total per chat is meaningful (steps interleave). `--base PATH` runs
 * another checkout (e.g. exported with `git archive`) the same way in alternating rounds, each
 * round in a fresh process; medians of the rounds are printed.
 *
 * With `--first` each measured chat is the first of a new WebSocket session (the session
 * opened, its greeting stored, its prompt window read), one after another: what a session's
 * first chat costs beside the later ones. With `--greeting` the persona has a greeting (a copy
 * of the first seeded one with a `first_mes`), which a new session opens with. With `--mind`
 * the mind reacts to each stored exchange as on a server (its extraction and reflection jobs
 * queued, in the chats' total: the quiet work is drained inside the timed span), and the jobs
 * are never run, as while a busy model keeps them waiting: the queue grows by one a chat.
 *
 * With `--heap` it also prints the heap each chat leaves behind (in use after full collections,
 * before and after the chats): what the young generation's collections copy until promoted.
 *
 *   deno task bench:chat:cpu [--chats 300] [--sessions 1] [--rounds 3] [--delay-ms 0] [--first]
 *     [--greeting] [--mind] [--heap] [--statements]
 *     [--tree PATH] [--base PATH]
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { alternatingRounds, comparedTrees, loadAverage, type Tree } from "./_table.ts";
import { roundInChild } from "./_child_round.ts";
import { shippedV8Flags } from "./_shipped_flags.ts";
import { threadClock } from "./_thread_clock.ts";
import { countStatements } from "./chat_statements.ts";
import { collectedHeap } from "./_heap_sampling.ts";
import { fakeModel, fixedAnswer } from "./_in_process.ts";

// `/proc/thread-self/schedstat` would be stale by up to a scheduler tick: the kernel adds a
// running thread's time there at ticks and switches only, so a step's CPU would land in the
// next step that sleeps. `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` is exact.
/** Main-thread CPU so far, in milliseconds. */
const threadCpuMs = threadClock();

/** The cost of one {@linkcode threadCpuMs} reading (ms), taken off every timed step. */
function readingCostMs(): number {
  const count = 2000;
  const start = threadCpuMs();
  for (let i = 1; i < count; i++) threadCpuMs();
  return (threadCpuMs() - start) / count;
}

/** Per-step CPU totals (ms) and how many chats they are of. */
type Steps = Map<string, number>;

/** `target` with each method in `methods` timed into `steps` under `prefix.method`. */
function timed<T extends object>(target: T, prefix: string, steps: Steps, reading: number): T {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key, object);
      if (typeof value !== "function" || typeof key !== "string") return value;
      return async (...args: unknown[]) => {
        const start = threadCpuMs();
        try {
          return await value.apply(object, args);
        } finally {
          const name = `${prefix}.${key}`;
          steps.set(name, (steps.get(name) ?? 0) + threadCpuMs() - start - reading);
        }
      };
    },
  });
}

/** One round in this process: `chats` chats per session on the checkout at `tree`. */
async function round(
  options: {
    tree: string;
    chats: number;
    sessions: number;
    delayMs: number;
    first: boolean;
    greeting: boolean;
    mind: boolean;
    /** Also the heap each chat leaves behind (after full collections; `--expose-gc`). */
    heap?: boolean;
    /** Also the SQLite statements per chat, by statement (`--statements`). */
    statements?: boolean;
  },
) {
  const core = `${options.tree}/core`;
  const statements = options.statements ? await countStatements(core) : undefined;
  const { createServices } = await import(`${core}/services.ts`);
  const { ChatEngine, chatSettings } = await import(`${core}/chat/mod.ts`);
  const { socialContributor } = await import(`${core}/chat/social_sections.ts`);
  const { testConfig, testLogger } = await import(`${options.tree}/tests/_helpers.ts`);
  const model = fakeModel(async (call) => {
    await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    return fixedAnswer(call);
  });
  const dataDir = await Deno.makeTempDir({ prefix: "persona-chat-cpu-" });
  const mind = options.mind ? { MEMORY_EXTRACTION: "true", MEMORY_REFLECTION: "true" } : {};
  const config = testConfig({ DATA_DIR: dataDir, ...mind });
  const services = await createServices(config, { log: testLogger(), llm: model });
  const steps: Steps = new Map();
  const reading = readingCostMs();
  const time = <T extends object>(target: T, prefix: string) =>
    timed(target, prefix, steps, reading);
  const { personas, emotions, relationships } = services;
  const engine = new ChatEngine({
    llm: time(services.llm, "model"),
    personas: time(personas, "personas"),
    memory: time(services.memory, "memory"),
    core: time(services.blocks, "core"),
    history: time(services.history, "history"),
    clock: services.clock,
    log: services.log,
    lore: time(services.lore, "lore"),
    foreground: () => services.quiet.begin(),
    settings: chatSettings(config),
    contributors: [time(socialContributor({ emotions, relationships, personas }), "social")],
  });
  try {
    await services.memory.warm();
    const seeded = (await personas.list())[0];
    const persona = options.greeting
      ? await personas.create(
        (await import(`${core}/personas/schema.ts`)).PersonaCreate.parse({
          ...Object.fromEntries(
            Object.entries(seeded).filter(([key]) =>
              !["id", "created_at", "updated_at"].includes(key)
            ),
          ),
          name: "Greeter",
          first_mes: "Hello, {{user}}. What brings you here?",
        }),
      )
      : seeded;
    // WebSocket sessions, as `bench:chat`'s clients open: their prompt windows are kept between
    // chats (`core/chat/session_windows.ts`), a REST session's are read each time.
    const sessions = Array.from(
      { length: options.sessions },
      () => services.sessions.open("websocket"),
    );
    let sent = 0;
    const chat = (session: unknown) =>
      engine.sendMessage({
        persona,
        session,
        content: `benchmark message ${sent++}`,
        sender: "user",
        roomId: null,
        onChunk: () => {},
      });
    // Warm-up: the first chats of a session (greeting, statements prepared, code compiled).
    for (const session of sessions) for (let i = 0; i < 5; i++) await chat(session);
    await services.quiet.drain();
    steps.clear();
    statements?.start();
    const heapBefore = options.heap ? collectedHeap() : 0;
    const start = threadCpuMs();
    if (options.first) {
      // `--first`: each chat the first of a new session (its greeting, its window read), one
      // after another; the session opened inside the timed span, as a connection's would be.
      for (let i = 0; i < options.chats; i++) {
        await chat(services.sessions.open("websocket"));
      }
    } else {
      await Promise.all(sessions.map(async (session) => {
        for (let i = 0; i < options.chats; i++) await chat(session);
      }));
    }
    await services.quiet.drain();
    const total = threadCpuMs() - start;
    const chats = options.sessions * options.chats;
    const perChat = Object.fromEntries([...steps].map(([name, ms]) => [name, ms / chats]));
    const measured = [...steps.values()].reduce((sum, ms) => sum + ms, 0);
    // KB a chat leaves on the heap: what young-generation collections copy until it is promoted.
    const heapKb = options.heap ? (collectedHeap() - heapBefore) / 1024 / chats : undefined;
    const statementsPerChat = statements?.perChat(chats);
    return {
      total: total / chats,
      engine: (total - measured) / chats,
      steps: perChat,
      heapKb,
      statements: statementsPerChat,
    };
  } finally {
    await services.quiet.drain();
    await services.memory.close();
    await services.db.close();
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** The figures of one round: CPU ms per chat, in total and per step. */
export type RoundFigures = Awaited<ReturnType<typeof round>>;

/** `--statements`: SQLite statements per chat by tree (medians of the rounds), most first. */
function printStatements(trees: Tree[], figures: Map<string, RoundFigures[]>): void {
  const keys = [
    ...new Set([...figures.values()].flat().flatMap((f) => Object.keys(f.statements ?? {}))),
  ];
  const per = (label: string, key: string) =>
    median(figures.get(label)!.map((f) => f.statements?.[key] ?? 0));
  const rows = keys.map((key) => ({ key, counts: trees.map((tree) => per(tree.label, key)) }))
    .sort((a, b) => b.counts[0]! - a.counts[0]!);
  const sums = trees.map((_, i) => rows.reduce((sum, row) => sum + row.counts[i]!, 0));
  console.log(
    `| SQLite statements per chat (all) | ${sums.map((n) => n.toFixed(2)).join(" | ")} |`,
  );
  for (const { key, counts } of rows) {
    console.log(
      `| ${key.replaceAll("|", "\\|")} | ${counts.map((n) => n.toFixed(2)).join(" | ")} |`,
    );
  }
}

function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

if (import.meta.main) {
  const args = Deno.args;
  const options = {
    chats: numberFlag(args, "chats", 300),
    sessions: numberFlag(args, "sessions", 1),
    delayMs: numberFlag(args, "delay-ms", 0),
    first: args.includes("--first"),
    greeting: args.includes("--greeting"),
    mind: args.includes("--mind"),
    heap: args.includes("--heap"),
    statements: args.includes("--statements"),
  };
  const child = args.indexOf("--child");
  if (child >= 0) {
    console.log(JSON.stringify(await round({ ...options, tree: args[child + 1]! })));
  } else {
    const rounds = numberFlag(args, "rounds", 3);
    const base = stringFlag(args, "base");
    const trees = comparedTrees({
      here: new URL("../..", import.meta.url).pathname,
      tree: stringFlag(args, "tree"),
      base,
    });
    const passed = ["--chats", "--sessions", "--delay-ms"].flatMap((flag) =>
      args.includes(flag) ? [flag, args[args.indexOf(flag) + 1]!] : []
    ).concat(
      options.first ? ["--first"] : [],
      options.greeting ? ["--greeting"] : [],
      options.mind ? ["--mind"] : [],
      options.heap ? ["--heap"] : [],
      options.statements ? ["--statements"] : [],
    );
    const figures = await alternatingRounds(trees, rounds, (tree) =>
      roundInChild<RoundFigures>({
        script: import.meta.url,
        tree,
        args: passed,
        // The engine runs in this process: with the V8 flags the tree's server is shipped with.
        v8Flags: [
          ...shippedV8Flags(tree.path),
          ...(passed.includes("--heap") ? ["--expose-gc"] : []),
        ],
      }));
    const names = [...new Set([...figures.values()].flat().flatMap((f) => Object.keys(f.steps)))]
      .sort();
    console.log(
      `main-thread CPU µs per chat, ${
        options.first
          ? `the first chat of ${options.chats} new sessions`
          : `${options.sessions} session(s) × ${options.chats} chats`
      }, ` +
        `${rounds} rounds (medians), model delay ${options.delayMs} ms, load ${loadAverage()}`,
    );
    console.log(`| step | ${trees.map((tree) => tree.label).join(" | ")} |`);
    console.log(`| --- | ${trees.map(() => "---:").join(" | ")} |`);
    const row = (name: string, pick: (f: RoundFigures) => number) =>
      console.log(
        `| ${name} | ${
          trees.map((tree) => (median(figures.get(tree.label)!.map(pick)) * 1000).toFixed(0))
            .join(" | ")
        } |`,
      );
    row("total", (f) => f.total);
    if (options.heap) row("heap kept per chat, bytes (after full GC)", (f) => f.heapKb ?? NaN);
    if (options.statements) printStatements(trees, figures);
    // With sessions at once the steps overlap: each one's CPU would count the others'.
    if (options.sessions === 1 || options.first) {
      row("engine (prompt assembly, own code)", (f) => f.engine);
      for (const name of names) row(name, (f) => f.steps[name] ?? 0);
    }
  }
}
