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
 * another before each of its measurements (at that measurement's session count); the stacks
 * strictly alternate (A B | A B | …, after an unmeasured lead-in burst of B), so every
 * measurement follows the other stack's (ABBA gave one its last two back to back: perf80); and
 * every measurement waits until no stack has a mind job left and every process is idle
 * (`--no-quiet` skips that wait). A tree now keeps one position: a bias left by the order shows
 * by swapping `--tree` and `--base`, or in an A/A run.
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
import { numberFlag, stringFlag } from "./_load.ts";
import { loadAverage, type Tree } from "./_table.ts";
import type { Provider } from "./model_alone.ts";
import { tailLines } from "./chat_tail.ts";
import { byPosition } from "./chat_rounds.ts";
import {
  type ChatRun,
  measureChats,
  mergeChatRuns,
  startChatStack,
  type Stub,
} from "./chat_stack.ts";
import { chatFigures, chatOverheadRounds, rowName } from "./chat_overhead_rounds.ts";

export type { Provider };
export {
  type ChatRun,
  type ChatSample,
  type ChatStack,
  type ChatStackOptions,
  measureChats,
  startChatStack,
  type Stub,
} from "./chat_stack.ts";
export {
  chatFigures,
  chatMetrics,
  type ChatOverheadOptions,
  chatOverheadRounds,
  chatOverheads,
} from "./chat_overhead_rounds.ts";

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
        const f = chatFigures(
          mergeChatRuns(runs.get(`${stack.label} ${sessions}`)!),
          options.firstTokenMs,
        );
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
  // Four: each stack measured four times, every one right after the other stack's burst.
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
    [...placed].map(([key, list]) => [key, mergeChatRuns(list.map((entry) => entry.run))]),
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
  // The same rows split by the position their stack held in its rounds (one per stack since the
  // stacks alternate strictly: swap --tree and --base to see what is left of an order bias).
  console.log(
    "server CPU ms per chat by thread (main; V8 helpers: background compiles, GC; workers: the WAL checkpointer's; other; threads that ended between readings are only in the table's total):",
  );
  for (const count of sessions) {
    for (const provider of providers) {
      for (const row of rows) {
        const f = chatFigures(runs.get(`${row} ${provider} ${count}`)!, firstTokenMs);
        const split = [...f.threadMsPerChat].map(([kind, ms]) => `${kind} ${ms.toFixed(2)}`);
        console.log(`  ${row}, ${provider}, ${count}: ${split.join(", ")}`);
      }
    }
  }
  console.log("by position in the round (latency - model alone p50 / p99 ms, main thread ms):");
  for (const count of sessions) {
    for (const provider of providers) {
      for (const row of rows) {
        const list = placed.get(`${row} ${provider} ${count}`)!;
        const cells = [...byPosition(list.map((entry, round) => ({ ...entry, run: round })))]
          .map(([position, rounds]) => {
            const f = chatFigures(
              mergeChatRuns(rounds.map((round) => list[round]!.run)),
              firstTokenMs,
            );
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
