/**
 * What a chat holds on the heap while it waits for its model (`deno run -A tests/bench/chat_held.ts`): the
 * bytes a young-generation collection copies (and, once copied twice, promotes) for every chat
 * in flight. `bench:chat`'s 32 sessions send their first chats in one burst and prepare them in
 * lockstep, so every scavenge of that burst finds all 32 waiting chats' objects alive; later
 * chats are spread over the model's delay and fewer are in flight at once.
 *
 * The chat engine in process, wired as `bench:chat:cpu` wires it (SQLite file, memory on, the
 * mind's jobs off), `--sessions` WebSocket sessions warmed with `--warm` chats each; then
 * `--sessions` chats at once, each the first of a new session (`--later`: the next chat of the
 * warmed sessions), with a model that holds every call until all of them are in it. With all of
 * them waiting the heap is collected (full collections, `--expose-gc`) and compared with the heap
 * before they were sent: bytes held per waiting chat. A sampling heap profile (taken from the
 * send, with collected objects left out) names the functions that allocated what is held.
 * Bytes, not times: a loaded machine does not move them.
 *
 *   deno run -A tests/bench/chat_held.ts [--sessions 32] [--warm 5] [--rounds 3] [--later] [--top 15]
 *     [--tree PATH] [--base PATH]
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { alternatingRounds, comparedTrees, loadAverage } from "./_table.ts";
import { roundInChild } from "./_child_round.ts";
import { shippedV8Flags } from "./_shipped_flags.ts";
import type { ProfileNode } from "./_alloc_stages.ts";
import { chatInProcess, fakeModel, fixedAnswer } from "./_in_process.ts";
import { collectedHeap, connectedInspector, topAllocators } from "./_heap_sampling.ts";

/** The figures of one round. */
interface RoundFigures {
  /** Bytes held per waiting chat (heap after full collections, waiting less before). */
  heldPerChat: number;
  /** Live bytes per waiting chat the sampling profile saw allocated since the send, by function. */
  top: [string, number][];
}

/** One round in this process on the checkout at `tree`. */
async function round(
  options: { tree: string; sessions: number; warm: number; later: boolean; top: number },
): Promise<RoundFigures> {
  // While `hold` is set, every model call waits for it; `inModel` counts the calls waiting.
  let hold: Promise<void> | null = null;
  let inModel = 0;
  const model = fakeModel(async (call) => {
    inModel++;
    await hold;
    inModel--;
    return fixedAnswer(call);
  });
  const { services, engine, close } = await chatInProcess(
    options.tree,
    "persona-chat-held-",
    model,
  );
  const { personas } = services;
  const { inspector, post } = connectedInspector();
  try {
    await services.memory.warm();
    const persona = (await personas.list())[0];
    const open = () => services.sessions.open("websocket");
    const sessions = Array.from({ length: options.sessions }, open);
    let sent = 0;
    const chat = (session: unknown) =>
      engine.sendMessage({
        persona,
        session,
        content: `benchmark message ${sent++ % 30}`,
        sender: "user",
        roomId: null,
        onChunk: () => {},
      });
    // Warm-up as `bench:chat`'s burst: statements prepared, code optimised, exchanges stored.
    for (let i = 0; i < options.warm; i++) await Promise.all(sessions.map(chat));
    await services.quiet.drain();
    const before = collectedHeap();
    await post("HeapProfiler.enable");
    await post("HeapProfiler.startSampling", { samplingInterval: 256 });
    let release = () => {};
    hold = new Promise((resolve) => (release = resolve));
    const waiting = (options.later ? sessions : Array.from({ length: options.sessions }, open))
      .map(chat);
    while (inModel < options.sessions) await new Promise((resolve) => setTimeout(resolve, 1));
    const during = collectedHeap();
    const { profile } = await post<{ profile: { head: ProfileNode } }>("HeapProfiler.stopSampling");
    release();
    await Promise.all(waiting);
    await services.quiet.drain();
    const perChat = (bytes: number) => bytes / options.sessions;
    return {
      heldPerChat: perChat(during - before),
      top: topAllocators(profile.head, options.top).map(([name, bytes]) => [name, perChat(bytes)]),
    };
  } finally {
    inspector.disconnect();
    await close();
  }
}

if (import.meta.main) {
  const args = Deno.args;
  const options = {
    sessions: numberFlag(args, "sessions", 32),
    warm: numberFlag(args, "warm", 5),
    later: args.includes("--later"),
    top: numberFlag(args, "top", 15),
  };
  const child = args.indexOf("--child");
  if (child >= 0) {
    console.log(JSON.stringify(await round({ ...options, tree: args[child + 1]! })));
  } else {
    const rounds = numberFlag(args, "rounds", 3);
    const trees = comparedTrees({
      here: new URL("../..", import.meta.url).pathname,
      tree: stringFlag(args, "tree"),
      base: stringFlag(args, "base"),
    });
    const passed = [
      ...["--sessions", "--warm", "--top"].flatMap((flag) =>
        args.includes(flag) ? [flag, args[args.indexOf(flag) + 1]!] : []
      ),
      ...(options.later ? ["--later"] : []),
    ];
    const figures = await alternatingRounds(trees, rounds, (tree) =>
      roundInChild<RoundFigures>({
        script: import.meta.url,
        tree,
        args: passed,
        v8Flags: [...shippedV8Flags(tree.path), "--expose-gc"],
      }));
    const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
    console.log(
      `KB held per chat waiting for its model, ${options.sessions} ${
        options.later ? "later chats" : "first chats of new sessions"
      } at once, ${rounds} rounds (medians), load ${loadAverage()}`,
    );
    for (const tree of trees) {
      const rows = figures.get(tree.label)!;
      console.log(
        `${tree.label}: ${(median(rows.map((row) => row.heldPerChat)) / 1024).toFixed(1)} KB (${
          rows.map((row) => (row.heldPerChat / 1024).toFixed(1)).join(", ")
        })`,
      );
    }
    const top = figures.get(trees[0]!.label)!.at(-1)!.top;
    console.log(
      `\nlive bytes allocated since the send (${trees[0]!.label}, last round), KB per chat:`,
    );
    for (const [name, bytes] of top) console.log(`${(bytes / 1024).toFixed(1)}  ${name}`);
  }
}
