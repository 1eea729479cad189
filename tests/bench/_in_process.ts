/**
 * A bench's server in its own process: a checkout's services over a SQLite file in a fresh
 * temporary folder (memory on, the mind's jobs off), the chat engine wired on them as
 * `bench:chat:cpu` wires it, and a fake model answering with ten fixed words.
 *
 * @module
 */

/** What the fake model reads of a chat call. */
export interface ModelCall {
  /** The model asked for (the answer names it). */
  model: string;
  /** Called with each streamed piece of the answer. */
  onToken?: (text: string) => void;
}

/** The fake model's answer, every time. */
const ANSWER = "A fixed answer of exactly ten words for the benchmark run.";
const WORDS = ANSWER.split(" ");

/** The fixed answer: its ten words streamed to `call.onToken` one by one, then the whole. */
export function fixedAnswer(call: ModelCall): {
  text: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  firstTokenMs: number;
} {
  WORDS.forEach((word, i) => call.onToken?.(i ? ` ${word}` : word));
  const text = WORDS.join(" ");
  return { text, model: call.model, promptTokens: 100, completionTokens: 10, firstTokenMs: 1 };
}

/** A model client whose chats `chat` answers; it has no JSON calls, no embeddings, no load. */
export function fakeModel<R>(chat: (call: ModelCall) => Promise<R>) {
  return {
    provider: "ollama",
    host: "http://127.0.0.1:1",
    chat,
    chatJson: () => Promise.reject(new Error("no JSON calls in this benchmark")),
    embed: () => Promise.reject(new Error("no embedding model in this benchmark")),
    listModels: () => Promise.resolve({ models: [] }),
    load: () => ({ running: 0, waiting: 0 }),
    quietFor: () => Infinity,
  };
}

/** A model client with no model: every call of it fails (for benches that never call one). */
export function noModel() {
  const none = () => Promise.reject(new Error("no model in this benchmark"));
  return {
    provider: "ollama",
    host: "http://127.0.0.1:1",
    chat: none,
    chatJson: none,
    embed: none,
    listModels: () => Promise.resolve({ models: [] }),
    load: () => ({ running: 0, waiting: 0 }),
    quietFor: () => Infinity,
  };
}

/** Stores `bench:chat`'s exchange `i` (`benchmark message ${i}` and the fixed answer). */
export function storeExchange(
  memory: { rememberExchange(exchange: object): Promise<unknown> },
  persona: unknown,
  i: number,
): Promise<unknown> {
  return memory.rememberExchange({
    persona,
    sender: "user",
    roomId: null,
    message: `benchmark message ${i}`,
    response: ANSWER,
  });
}

/**
 * The services of the checkout at `tree` over `llm`, their data in a new temporary folder named
 * from `prefix`; `close` drains their quiet work, closes memory and database, removes the folder.
 */
export async function servicesInProcess(tree: string, prefix: string, llm: object) {
  const { createServices } = await import(`${tree}/core/services.ts`);
  const { testConfig, testLogger } = await import(`${tree}/tests/_helpers.ts`);
  const dataDir = await Deno.makeTempDir({ prefix });
  const config = testConfig({ DATA_DIR: dataDir });
  const services = await createServices(config, { log: testLogger(), llm });
  const close = async () => {
    await services.quiet.drain();
    await services.memory.close();
    await services.db.close();
    await Deno.remove(dataDir, { recursive: true });
  };
  return { config, services, close };
}

/**
 * {@linkcode servicesInProcess} and the checkout's chat engine on them, wired as
 * `bench:chat:cpu` wires it (the social sections its one contributor).
 */
export async function chatInProcess(tree: string, prefix: string, llm: object) {
  const { ChatEngine, chatSettings } = await import(`${tree}/core/chat/mod.ts`);
  const { socialContributor } = await import(`${tree}/core/chat/social_sections.ts`);
  const { config, services, close } = await servicesInProcess(tree, prefix, llm);
  const { personas, emotions, relationships } = services;
  const engine = new ChatEngine({
    llm: services.llm,
    personas,
    memory: services.memory,
    core: services.blocks,
    history: services.history,
    clock: services.clock,
    log: services.log,
    lore: services.lore,
    foreground: () => services.quiet.begin(),
    settings: chatSettings(config),
    contributors: [socialContributor({ emotions, relationships, personas })],
  });
  return { services, engine, close };
}
