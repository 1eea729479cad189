/**
 * Bench only, never in the server: `chat_timeline.ts` loads it with `deno run --preload` before
 * the server's main module. ES modules are one instance per URL, so the server's own imports find
 * the classes patched here.
 *
 * The server's checkout is `BENCH_TREE` (this one when not set): its modules are the ones patched.
 *
 * - With `BENCH_PROBE_FILE` set, each chat appends one JSON line there: when the engine took it,
 *   when its model call began and ended, and when the engine answered, on the monotonic clock
 *   in µs (the one V8 stamps profile samples with).
 * - `BENCH_STUB_MEMORY=recall` makes recall return nothing at no cost, `store` makes storing an
 *   exchange cost nothing (and say it did), `both` both: an upper bound of what moving either
 *   off the event loop could ever win.
 *
 * @module
 */
import type { ChatEngine as Engine } from "../../core/chat/engine.ts";
import type { LlmService as Llm } from "../../core/llm/service.ts";
import type { MemoryService as Memory } from "../../core/memory/service.ts";

// The server's checkout (`BENCH_TREE`), which may be another than this one (`--tree`, `--base`).
const tree = Deno.env.get("BENCH_TREE") ?? new URL("../..", import.meta.url).pathname;
const { ChatEngine }: { ChatEngine: typeof Engine } = await import(`${tree}/core/chat/engine.ts`);
const { LlmService }: { LlmService: typeof Llm } = await import(`${tree}/core/llm/service.ts`);
const { MemoryService }: { MemoryService: typeof Memory } = await import(
  `${tree}/core/memory/service.ts`
);

const stub = Deno.env.get("BENCH_STUB_MEMORY") ?? "";
if (stub === "recall" || stub === "both") {
  MemoryService.prototype.recall = () => Promise.resolve([]);
}
if (stub === "store" || stub === "both") {
  MemoryService.prototype.rememberExchange = () => Promise.resolve({ memory_id: "stub" });
}

const file = Deno.env.get("BENCH_PROBE_FILE");
if (file) {
  const libc = Deno.dlopen("libc.so.6", {
    clock_gettime: { parameters: ["i32", "buffer"], result: "i32" },
  });
  const timespec = new BigInt64Array(2);
  const monoUs = () => {
    libc.symbols.clock_gettime(1, new Uint8Array(timespec.buffer));
    return Number(timespec[0]) * 1e6 + Number(timespec[1]) / 1e3;
  };
  /** Model call times by the chat's abort signal (one per request). */
  const model = new WeakMap<AbortSignal, { startUs: number; endUs: number }>();
  const chat = LlmService.prototype.chat;
  LlmService.prototype.chat = async function (call) {
    const startUs = monoUs();
    try {
      return await chat.call(this, call);
    } finally {
      if (call.signal) model.set(call.signal, { startUs, endUs: monoUs() });
    }
  };
  const send = ChatEngine.prototype.sendMessage;
  ChatEngine.prototype.sendMessage = async function (input) {
    const signal = input.signal ?? new AbortController().signal;
    const startUs = monoUs();
    try {
      return await send.call(this, { ...input, signal });
    } finally {
      const line = { startUs, model: model.get(signal), endUs: monoUs() };
      Deno.writeTextFileSync(file, `${JSON.stringify(line)}\n`, { append: true });
    }
  };
}
