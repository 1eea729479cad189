/**
 * Bench only, never in the server: `chat_timeline.ts` loads it with `deno run --preload` before
 * the server's main module. ES modules are one instance per URL, so the server's own imports find
 * the classes patched here.
 *
 * The server's checkout is `BENCH_TREE` (this one when not set): its modules are the ones patched.
 *
 * - With `BENCH_PROBE_FILE` set, each chat appends one JSON line there: when the engine took it,
 *   when its model call began and ended, and when the engine answered, on the monotonic clock
 *   in µs (the one V8 stamps profile samples with); and its steps after the model (`marks`: the
 *   history append, storing the exchange and its insert, each start and end) and when its reply
 *   was handed to the socket (`sent`).
 * - `BENCH_STUB_MEMORY=recall` makes recall return nothing at no cost, `store` makes storing an
 *   exchange cost nothing (and say it did), `both` both: an upper bound of what moving either
 *   off the event loop could ever win. `hop`, `hop-echo`, `hop-store` and `hop-recall` send
 *   recall, storing or both to a stand-in worker (below). `after-reply` stores the exchange for
 *   real, but after the reply: what storing after the reply is sent could win at most.
 *
 * @module
 */
import type { ChatEngine as Engine } from "../../core/chat/engine.ts";
import type { LlmService as Llm } from "../../core/llm/service.ts";
import type { MemoryService as Memory } from "../../core/memory/service.ts";
import type { SessionWindows as Windows } from "../../core/chat/session_windows.ts";
import type { InsertBatcher as Inserts } from "../../core/memory/insert_batch.ts";
import type { OllamaBackend as Ollama } from "../../core/llm/ollama.ts";
import type { SqliteDatabase as Sqlite } from "../../core/storage/sqlite.ts";
import type { Outbound as Out } from "../../core/server/transport/outbound.ts";
import { AsyncLocalStorage } from "node:async_hooks";
import { setImmediate } from "node:timers";

// The server's checkout (`BENCH_TREE`), which may be another than this one (`--tree`, `--base`).
const tree = Deno.env.get("BENCH_TREE") ?? new URL("../..", import.meta.url).pathname;
const { ChatEngine }: { ChatEngine: typeof Engine } = await import(`${tree}/core/chat/engine.ts`);
const { LlmService }: { LlmService: typeof Llm } = await import(`${tree}/core/llm/service.ts`);
const { MemoryService }: { MemoryService: typeof Memory } = await import(
  `${tree}/core/memory/service.ts`
);

const { SessionWindows }: { SessionWindows: typeof Windows } = await import(
  `${tree}/core/chat/session_windows.ts`
);
const { InsertBatcher }: { InsertBatcher: typeof Inserts } = await import(
  `${tree}/core/memory/insert_batch.ts`
);
const { OllamaBackend }: { OllamaBackend: typeof Ollama } = await import(
  `${tree}/core/llm/ollama.ts`
);
const { SqliteDatabase }: { SqliteDatabase: typeof Sqlite } = await import(
  `${tree}/core/storage/sqlite.ts`
);
const { Outbound }: { Outbound: typeof Out } = await import(
  `${tree}/core/server/transport/outbound.ts`
);

const stub = Deno.env.get("BENCH_STUB_MEMORY") ?? "";
// The stubs that replace the inline store (`rememberExchange`) were made for a chat that stores
// before its reply: with one, chats store inline again (no `core/memory/write_behind.ts`).
const INLINE = ["store", "both", "after-reply", "hop", "hop-echo", "hop-store", "unmatched"];
if (INLINE.includes(stub)) {
  delete (MemoryService.prototype as { keepExchange?: unknown }).keepExchange;
}
if (stub === "recall" || stub === "both") {
  MemoryService.prototype.recall = () => Promise.resolve([]);
}
if (stub === "store" || stub === "both") {
  MemoryService.prototype.rememberExchange = () => Promise.resolve({ memory_id: "stub" });
}
if (stub === "after-reply") {
  // The chat answers at once and the exchange is stored in the next turn of the event loop,
  // after the reply went to its socket (every step to it is a microtask): the stores of a
  // burst's replies still share their turn's insert, and no next read waits for them.
  const remember = MemoryService.prototype.rememberExchange;
  MemoryService.prototype.rememberExchange = function (exchange) {
    setImmediate(() => remember.call(this, exchange).catch(() => {}));
    return Promise.resolve({ memory_id: "after-reply" });
  };
}
/** Ends the `hop` stubs' stand-in worker, if one was made (tests; a server ends it on SIGTERM). */
export let closeHopWorker = (): void => {};
if (stub === "hop" || stub === "hop-echo" || stub === "hop-store" || stub === "hop-recall") {
  // A memory worker's bound: recall and storing go to a stand-in worker (`chat_hop_worker.ts`)
  // and back, the main thread only posting the request and taking the answer (the hits as
  // records). `hop` keeps the worker busy as long as recall and storing take per chat (the
  // timeline's figures, `BENCH_HOP_RECALL_US`, `BENCH_HOP_STORE_US`), so it competes for the
  // cores as a real worker would; `hop-echo` answers at once. `hop-store` sends only the store
  // there (busy as `hop`), recall stays as it is; `hop-recall` only recall (a recall worker's
  // bound: storing stays on the main thread, as it would with a worker that only searches).
  // What a recall of the benchmark's chats finds (exchange memories, `limit` of them once the
  // memory has grown): every recall gets these back, as records, from the worker.
  const memories = Array.from({ length: 32 }, (_, i) => ({
    id: crypto.randomUUID(),
    content: `user said: benchmark message ${i}\nAria replied: A fixed answer of exactly ten ` +
      "words for the benchmark run.",
    importance: 0.215,
    memory_type: "conversation",
    created_at: new Date().toISOString(),
    score: 0.11 + i / 1000,
  }));
  // Made at the first request: a worker made while the server's modules load holds its start.
  let worker: Worker | undefined;
  const waiting = new Map<number, (data: Record<string, unknown>) => void>();
  const started = () => {
    if (worker) return worker;
    worker = new Worker(new URL("./chat_hop_worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    };
    worker.postMessage({
      kind: "init",
      memories,
      recallUs: spin ? Number(Deno.env.get("BENCH_HOP_RECALL_US") ?? 730) : 0,
      storeUs: spin ? Number(Deno.env.get("BENCH_HOP_STORE_US") ?? 580) : 0,
    });
    closeHopWorker = () => worker?.terminate();
    // The worker would keep the server's event loop alive after its shutdown.
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      Deno.addSignalListener(signal, () => worker?.terminate());
    }
    return worker;
  };
  let next = 0;
  const ask = (request: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      started().postMessage({ ...request, id });
    });
  const spin = stub !== "hop-echo";
  type Recalled = Awaited<ReturnType<typeof MemoryService.prototype.recall>>;
  if (stub !== "hop-store") {
    MemoryService.prototype.recall = async function (persona, query, options) {
      const answer = await ask({
        kind: "recall",
        personaId: persona.id,
        query,
        limit: options.limit,
      });
      return answer.memories as Recalled;
    };
  }
  if (stub !== "hop-recall") {
    MemoryService.prototype.rememberExchange = async (exchange) => {
      const answer = await ask({
        kind: "store",
        personaId: exchange.persona.id,
        message: exchange.message,
        response: exchange.response,
      });
      return { memory_id: answer.memory_id as string };
    };
  }
}
if (stub === "unmatched") {
  // The exchange is stored (its insert, indexes and the mind's reaction as they are) with
  // words no chat's message has, as long as the real ones: recall's candidates do not grow
  // with it, so this row beside "store free" and the real one separates what storing costs
  // from what the memories it leaves cost the next recalls.
  // A fixed vocabulary: new terms cost a store more than known ones (the term table, postings).
  const remember = MemoryService.prototype.rememberExchange;
  const vocabulary = Array.from(
    { length: 64 },
    (_, i) => `zq${"abcdefgh"[i >> 3]}${"abcdefgh"[i & 7]}`,
  );
  let n = 0;
  const unmatched = (text: string) =>
    text.replace(/[A-Za-z0-9]+/g, () => vocabulary[n++ % vocabulary.length]!);
  MemoryService.prototype.rememberExchange = function (exchange) {
    return remember.call(this, {
      ...exchange,
      message: unmatched(exchange.message),
      response: unmatched(exchange.response),
    });
  };
}
if (stub === "mind") {
  // The exchange is stored and indexed; only the mind's reaction to it (job inserts, the
  // reflection count, their quiet-time pieces) is left out.
  const { Mind }: typeof import("../../core/mind/mind.ts") = await import(
    `${tree}/core/mind/mind.ts`
  );
  Mind.prototype.stored = () => {};
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
  /** One chat's marks (µs): the engine's steps after the model, and the reply's hand-over. */
  type Line = Record<string, unknown> & { marks: Record<string, number> };
  const current = new AsyncLocalStorage<Line>();
  const mark = (name: string) => {
    const line = current.getStore();
    if (line) line.marks[name] = monoUs();
  };
  /** Wraps `proto[name]` so that its start and end are marked as `${label}Start`/`${label}End`. */
  const marked = (proto: Record<string, unknown>, name: string, label: string) => {
    const original = proto[name] as (...args: unknown[]) => Promise<unknown>;
    proto[name] = async function (this: unknown, ...args: unknown[]) {
      mark(`${label}Start`);
      try {
        return await original.apply(this, args);
      } finally {
        mark(`${label}End`);
      }
    };
  };
  marked(SessionWindows.prototype as never, "append", "history");
  // The model server's answer: its headers, then its first text (the body's first read).
  const backendChat = OllamaBackend.prototype.chat;
  OllamaBackend.prototype.chat = function (request, io) {
    let first = true;
    return backendChat.call(this, request, {
      ...io,
      answered: () => (mark("headers"), io.answered()),
      onText: (piece) => {
        if (first) mark("body");
        first = false;
        io.onText(piece);
      },
    });
  };
  marked(MemoryService.prototype as never, "rememberExchange", "store");
  marked(InsertBatcher.prototype as never, "insert", "insert");
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
  const write = (line: Line) =>
    Deno.writeTextFileSync(file, `${JSON.stringify(line)}\n`, { append: true });
  // SQLite calls parked behind another context's open transaction (`exclusive` waits for it to
  // commit): counted, with the time from the call to its work, over the whole server.
  const parked = { count: 0, ms: 0 };
  const exclusive = SqliteDatabase.prototype.exclusive;
  SqliteDatabase.prototype.exclusive = function (this: Sqlite, work) {
    const called = performance.now();
    let first = true;
    return exclusive.call(this, (connection: Parameters<typeof work>[0]) => {
      if (first) {
        const waited = performance.now() - called;
        if (waited > 0.05) {
          parked.count++;
          parked.ms += waited;
        }
      }
      first = false;
      return work(connection);
    });
  } as typeof exclusive;
  /** Answered chats by message id, until their reply is handed to the socket. */
  const unsent = new Map<string, Line>();
  const send = Outbound.prototype.send;
  Outbound.prototype.send = function (text: string) {
    const id = /"message_id":"(msg_[^"]+)"/.exec(text)?.[1];
    const line = id === undefined ? undefined : unsent.get(id);
    if (line) {
      unsent.delete(id!);
      line.marks.sent = monoUs();
      line.parked = { ...parked };
      write(line);
    }
    return send.call(this, text);
  };
  const sendMessage = ChatEngine.prototype.sendMessage;
  ChatEngine.prototype.sendMessage = function (input) {
    const signal = input.signal ?? new AbortController().signal;
    // A session's first chat (32 of them arrive at once) is left out of the reply path's figures.
    const line: Line = { startUs: monoUs(), first: input.session.messageCount === 0, marks: {} };
    return current.run(line, async () => {
      let messageId: string | undefined;
      try {
        const result = await sendMessage.call(this, { ...input, signal });
        messageId = result.message_id;
        return result;
      } finally {
        Object.assign(line, { model: model.get(signal), endUs: monoUs() });
        if (messageId === undefined) write(line);
        else unsent.set(messageId, line);
      }
    });
  };
}
