/**
 * Main-thread CPU of the model client alone, per streamed chat (`deno task bench:model`): the
 * LLM service (queue, deadline, idle watch) over the Ollama backend (`fetch`, the NDJSON stream
 * read line by line), against the Ollama-compatible test server in its own process, with
 * `--sessions` chats at once as `bench:chat` sends them. Each token is handed on as a chat hands
 * it to its WebSocket (`conversation.chunk` serialised), so the per-token path is in it. Thread
 * CPU (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`), so a loaded machine moves it little.
 *
 *   deno task bench:model [--chats 2000] [--sessions 32] [--rounds 5] [--words N] [--base PATH]
 *
 * `--words N` streams an answer of N words (one line each) instead of the ten-word one: a real
 * model's reply of a few hundred tokens, where the per-token path outweighs the call's own cost.
 *
 * `--base PATH` runs another checkout's client (e.g. exported with `git archive`) in alternating
 * rounds, each round in a fresh process; medians of the rounds are printed.
 *
 * @module
 */
import { numberFlag, percentile, spawnHelper, stringFlag } from "./_load.ts";
import { loadAverage, type Tree } from "./_table.ts";
import { threadClock } from "./_thread_clock.ts";

/** A prompt the size of a chat's (a system prompt with memories, a few turns). */
function prompt(i: number) {
  const system = `You are Aria. ${
    "She remembers the garden, the rain and the old house. ".repeat(40)
  }`;
  return [
    { role: "system" as const, content: system },
    { role: "user" as const, content: `benchmark message ${i}` },
  ];
}

/** One round in this process: µs of main-thread CPU per chat on the checkout at `tree`. */
async function round(options: { tree: string; host: string; chats: number; sessions: number }) {
  const { LlmService } = await import(`${options.tree}/core/llm/service.ts`);
  const { OllamaBackend } = await import(`${options.tree}/core/llm/ollama.ts`);
  const service = new LlmService({
    defaultProvider: "ollama",
    backends: { ollama: new OllamaBackend(options.host) },
    settings: { timeoutMs: 60_000, streamIdleMs: 30_000, concurrency: 64, queueLimit: 256 },
  });
  const sent: string[] = [];
  let n = 0;
  const chat = async () => {
    const i = n++;
    let index = 0;
    await service.chat({
      model: "llama3.1:8b",
      messages: prompt(i),
      onToken: (text: string) => {
        const message = {
          jsonrpc: "2.0",
          method: "conversation.chunk",
          params: { request_id: i, persona_id: "p_bench", index: index++, text },
        };
        sent.push(JSON.stringify(message));
        if (sent.length > 64) sent.length = 0;
      },
    });
  };
  const run = async (chats: number) => {
    const perSession = Math.ceil(chats / options.sessions);
    await Promise.all(
      Array.from({ length: options.sessions }, async () => {
        for (let i = 0; i < perSession; i++) await chat();
      }),
    );
    return perSession * options.sessions;
  };
  await run(options.sessions * 5);
  const clock = threadClock();
  const start = clock();
  const done = await run(options.chats);
  return (clock() - start) / done * 1000;
}

function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

if (import.meta.main) {
  const args = Deno.args;
  const chats = numberFlag(args, "chats", 2000);
  const sessions = numberFlag(args, "sessions", 32);
  const child = args.indexOf("--child");
  if (child >= 0) {
    const [tree, host] = [args[child + 1]!, args[child + 2]!];
    console.log(JSON.stringify(await round({ tree, host, chats, sessions })));
  } else {
    const rounds = numberFlag(args, "rounds", 5);
    const words = numberFlag(args, "words", 0);
    const base = stringFlag(args, "base");
    const here = new URL("../..", import.meta.url).pathname;
    const trees: Tree[] = [
      { label: "now", path: stringFlag(args, "tree") ?? here },
      ...(base ? [{ label: "baseline" as const, path: base }] : []),
    ];
    const model = await spawnHelper(
      [
        "--allow-net",
        new URL("./fake_model_server.ts", import.meta.url).pathname,
        "--provider",
        "ollama",
        "--first-token-ms",
        "1",
        "--words",
        String(words),
      ],
      /URL (\S+)/,
    );
    const figures = new Map<string, number[]>(trees.map((tree) => [tree.label, []]));
    const load = [loadAverage()];
    try {
      for (let i = 0; i < rounds; i++) {
        for (const tree of i % 2 ? [...trees].reverse() : trees) {
          const output = await new Deno.Command(Deno.execPath(), {
            args: [
              "run",
              "--lock=tests/deno.lock",
              "-A",
              new URL(import.meta.url).pathname,
              "--child",
              tree.path,
              model.announced,
              "--chats",
              String(chats),
              "--sessions",
              String(sessions),
            ],
            stderr: "inherit",
          }).output();
          if (!output.success) throw new Error(`round on ${tree.label} failed`);
          const lines = new TextDecoder().decode(output.stdout).trim().split("\n");
          figures.get(tree.label)!.push(JSON.parse(lines.at(-1)!));
        }
      }
    } finally {
      await model.stop();
    }
    load.push(loadAverage());
    console.log(
      `model client: main-thread CPU µs per streamed chat (${
        words > 0 ? `${words} words` : "12 lines"
      }), ` +
        `${sessions} at once, ` +
        `${chats} chats, ${rounds} rounds; load ${load.join(" → ")}`,
    );
    for (const tree of trees) {
      const values = figures.get(tree.label)!;
      console.log(
        `| ${tree.label} | ${median(values).toFixed(1)} | ${values.map((v) => v.toFixed(0))} |`,
      );
    }
  }
}
