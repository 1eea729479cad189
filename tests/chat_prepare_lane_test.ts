/**
 * The chat engine prepares at most `PREPARE_WIDTH` chats at once (`core/chat/prepare_lane.ts`):
 * a chat's place frees when it calls its model or when its preparation fails.
 */
import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { ChatEngine, chatSettings } from "../core/chat/mod.ts";
import { PREPARE_WIDTH } from "../core/chat/prepare_lane.ts";
import { createServices } from "../core/services.ts";
import { testConfig, testLogger } from "./_helpers.ts";

const llm = {
  provider: "ollama",
  host: "http://127.0.0.1:1",
  chat: (call: { model: string }) =>
    Promise.resolve({ text: "Hello.", model: call.model, promptTokens: 1, completionTokens: 1 }),
  chatJson: () => Promise.reject(new Error("no JSON calls here")),
  embed: () => Promise.reject(new Error("no embedding model here")),
  listModels: () => Promise.resolve({ models: [] }),
  load: () => ({ running: 0, waiting: 0 }),
  quietFor: () => Infinity,
};

/** A few turns of the event loop: whatever the lane would let in has been. */
async function turns(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** What a test gets: the recalls' releases in the order begun, a chat sender. */
interface Held {
  recalling: Array<() => void>;
  /** Sends a chat in a new session; settles when it is answered or fails. */
  chat(signal?: AbortSignal): Promise<unknown>;
}

/**
 * Runs `body` with an engine whose recalls wait until released: `recalling[i]` releases the
 * i-th recall begun (with no memories); a recall whose chat's signal aborts rejects.
 */
async function withHeldRecalls(body: (held: Held) => Promise<void>) {
  const dataDir = await Deno.makeTempDir();
  const config = testConfig({ DATA_DIR: dataDir });
  const services = await createServices(config, { log: testLogger(), llm: llm as never });
  const persona = (await services.personas.list())[0]!;
  const memory = services.memory;
  const recalling: Array<() => void> = [];
  const engine = new ChatEngine({
    llm: services.llm,
    personas: services.personas,
    memory: {
      recall: (_who, _query, options) =>
        new Promise((resolve, reject) => {
          recalling.push(() => resolve([]));
          options.signal?.addEventListener("abort", () => reject(options.signal!.reason));
        }),
      rememberExchange: (record) => memory.rememberExchange(record),
    },
    history: services.history,
    clock: services.clock,
    log: services.log,
    settings: chatSettings(config),
  });
  const chat = (signal?: AbortSignal) =>
    engine.sendMessage({
      persona,
      session: services.sessions.open("websocket"),
      content: "what did I say about the lake",
      sender: "Theo",
      roomId: null,
      signal,
    }).then((answer) => answer, (error) => error);
  try {
    await body({ recalling, chat });
  } finally {
    await services.quiet.drain();
    await services.memory.close();
    await services.db.close();
    await Deno.remove(dataDir, { recursive: true });
  }
}

Deno.test("a chat past PREPARE_WIDTH preparing waits until one of them calls its model", async () => {
  await withHeldRecalls(async ({ recalling, chat }) => {
    const chats = Array.from({ length: PREPARE_WIDTH + 1 }, () => chat());
    await turns();
    assert.equal(recalling.length, PREPARE_WIDTH, "the last chat has not begun its preparation");
    recalling[0]!();
    await turns();
    assert.equal(recalling.length, PREPARE_WIDTH + 1, "the first called its model: a place freed");
    for (const release of recalling.slice(1)) release();
    const answers = await Promise.all(chats);
    assert.ok(answers.every((answer) => !(answer instanceof Error)));
  });
});

Deno.test("a chat whose preparation fails frees its place in the lane", async () => {
  await withHeldRecalls(async ({ recalling, chat }) => {
    const aborted = new AbortController();
    const failing = chat(aborted.signal);
    const chats = Array.from({ length: PREPARE_WIDTH }, () => chat());
    await turns();
    assert.equal(recalling.length, PREPARE_WIDTH);
    aborted.abort(new Error("the client went away"));
    assert.ok(await failing instanceof Error);
    await turns();
    assert.equal(recalling.length, PREPARE_WIDTH + 1, "the failed chat's place went to the next");
    for (const release of recalling.slice(1)) release();
    await Promise.all(chats);
  });
});
