/**
 * Bytes a chat allocates on the main thread, by stage (`deno task bench:chat:alloc`): the chat
 * engine in process, wired as `bench:chat:cpu` wires it, over a real SQLite file holding the
 * open recall sets' memories (a few thousand; the held-out sets are never read), each chat's
 * message one of those sets' questions, and a model that answers at once (ten streamed words).
 * Bytes, not times: a loaded machine does not move them. V8's sampling heap profiler records
 * the measured chats with the objects later collected kept in (what the young generation's
 * collections pay for), and `_alloc_stages.ts` splits them by the stage on the stack: query
 * analysis, candidate search, ranking, the rest of recall, storing the exchange, history,
 * prompt assembly, other (the runtime, SQLite bindings' wrappers, the fake model).
 *
 * With `--first` each measured chat is the first of a new WebSocket session (opened inside the
 * measured span, as a connection's would be): what a session's first chat allocates beside the
 * later ones (`bench:chat`'s slowest 1 % are its sessions' first chats).
 *
 * Chats run one after another, after `--warm` unmeasured ones. `--base PATH` runs another checkout the same way in alternating
 * rounds, each round in a fresh process; medians of the rounds are printed. `--top N` lists the
 * N functions allocating most (of the last round of the first tree); `--save FILE` writes each
 * round's raw profile there (the last round's is left: open it in Chrome's DevTools as a
 * `.heapprofile`).
 *
 *   deno task bench:chat:alloc [--chats 100] [--warm 150] [--rounds 3] [--interval 256] [--top 0]
 *     [--save FILE] [--first] [--tree PATH] [--base PATH]
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { alternatingRounds, comparedTrees, loadAverage } from "./_table.ts";
import { roundInChild } from "./_child_round.ts";
import { shippedV8Flags } from "./_shipped_flags.ts";
import { plainMemory } from "./_memory_sentences.ts";
import { allocationsByStage, type ProfileNode, STAGES } from "./_alloc_stages.ts";
import { chatInProcess, fakeModel, fixedAnswer } from "./_in_process.ts";
import { connectedInspector } from "./_heap_sampling.ts";
import { HELD_OUT_SETS, isHeldOut, loadNamedSet } from "./recall/_set.ts";

/** The open recall sets whose memories are stored and whose questions are the chats. */
const OPEN_SETS = ["set1", "set2", "set4", "set5", "set6", "set9", "set10", "set11", "set12"]
  .concat(["set13", "set14"]);
if (OPEN_SETS.some(isHeldOut) || HELD_OUT_SETS.some((set) => OPEN_SETS.includes(set))) {
  throw new Error("a held-out set among the open ones");
}

/** Bytes per chat by stage, and by function. */
type RoundFigures = { total: number; stages: Record<string, number>; top: [string, number][] };

/** One round in this process: `chats` chats on the checkout at `tree`. */
async function round(
  options: {
    tree: string;
    chats: number;
    warm: number;
    interval: number;
    top: number;
    save?: string;
    first?: boolean;
  },
) {
  const model = fakeModel((call) => Promise.resolve(fixedAnswer(call)));
  const sets = OPEN_SETS.map(loadNamedSet);
  const memories = sets.flatMap((set) => set.memories.map((memory) => memory.text));
  const questions = sets.flatMap((set) => set.queries.map((query) => query.text));
  const { services, engine, close } = await chatInProcess(
    options.tree,
    "persona-chat-alloc-",
    model,
  );
  const { personas } = services;
  const { inspector: session, post } = connectedInspector();
  try {
    await services.memory.warm();
    const persona = (await personas.list())[0];
    for (let i = 0; i < memories.length; i += 500) {
      await services.memory.storeMany(
        persona,
        memories.slice(i, i + 500).map(plainMemory),
      );
    }
    const chatSession = services.sessions.open("websocket");
    let sent = 0;
    const chat = (session: unknown = chatSession) =>
      engine.sendMessage({
        persona,
        session,
        content: questions[sent++ % questions.length]!,
        sender: "user",
        roomId: null,
        onChunk: () => {},
      });
    // Warm-up: statements prepared, memos of the persona filled, and the hot code optimised
    // (unoptimised code boxes each number it computes: bytes a steady server does not spend).
    for (let i = 0; i < options.warm; i++) await chat();
    await services.quiet.drain();
    await post("HeapProfiler.enable");
    await post("HeapProfiler.startSampling", {
      samplingInterval: options.interval,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    for (let i = 0; i < options.chats; i++) {
      await chat(options.first ? services.sessions.open("websocket") : chatSession);
    }
    await services.quiet.drain();
    const { profile } = await post<{ profile: { head: ProfileNode } }>("HeapProfiler.stopSampling");
    if (options.save) await Deno.writeTextFile(options.save, JSON.stringify(profile));
    const { stages, functions } = allocationsByStage(profile.head);
    const perChat = (bytes: number) => bytes / options.chats;
    return {
      total: perChat([...stages.values()].reduce((sum, bytes) => sum + bytes, 0)),
      stages: Object.fromEntries([...stages].map(([name, bytes]) => [name, perChat(bytes)])),
      top: [...functions].sort((a, b) => b[1] - a[1]).slice(0, options.top)
        .map(([name, bytes]) => [name, perChat(bytes)] as [string, number]),
    };
  } finally {
    session.disconnect();
    await close();
  }
}

function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

if (import.meta.main) {
  const args = Deno.args;
  const options = {
    chats: numberFlag(args, "chats", 100),
    warm: numberFlag(args, "warm", 150),
    interval: numberFlag(args, "interval", 256),
    top: numberFlag(args, "top", 0),
    save: stringFlag(args, "save"),
    first: args.includes("--first"),
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
    const passed = [
      ...["--chats", "--warm", "--interval", "--top", "--save"].flatMap((flag) =>
        args.includes(flag) ? [flag, args[args.indexOf(flag) + 1]!] : []
      ),
      ...(options.first ? ["--first"] : []),
    ];
    const figures = await alternatingRounds(trees, rounds, (tree) =>
      roundInChild<RoundFigures>({
        script: import.meta.url,
        tree,
        args: passed,
        // With the V8 flags the tree's server is shipped with.
        v8Flags: shippedV8Flags(tree.path),
      }));
    console.log(
      `KB allocated per ${
        options.first ? "first chat of a new session" : "chat"
      } (sampled every ${options.interval} bytes on average), ` +
        `${options.chats} chats × ${rounds} rounds (medians), load ${loadAverage()}`,
    );
    console.log(`| stage | ${trees.map((tree) => tree.label).join(" | ")} |`);
    console.log(`| --- | ${trees.map(() => "---:").join(" | ")} |`);
    const row = (name: string, pick: (f: RoundFigures) => number) =>
      console.log(
        `| ${name} | ${
          trees.map((tree) => (median(figures.get(tree.label)!.map(pick)) / 1024).toFixed(1))
            .join(" | ")
        } |`,
      );
    row("total", (f) => f.total);
    for (const name of [...STAGES.map((stage) => stage.name), "other"]) {
      row(name, (f) => f.stages[name] ?? 0);
    }
    const top = figures.get(trees[0]!.label)!.at(-1)!.top;
    if (top.length > 0) {
      console.log(`\ntop allocating functions (${trees[0]!.label}, last round), KB per chat:`);
      for (const [name, bytes] of top) console.log(`${(bytes / 1024).toFixed(1)}  ${name}`);
    }
  }
}
