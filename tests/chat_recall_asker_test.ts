/**
 * A chat's recall tells memory who asks: the message's sender, the one user of the store its
 * question's "I" and names are read for (`core/memory/user_names.ts`).
 */
import assert from "node:assert/strict";
import { ChatEngine, chatSettings } from "../core/chat/mod.ts";
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

Deno.test("recall77: a chat's recall passes its sender to memory as the asker", async () => {
  const dataDir = await Deno.makeTempDir();
  const config = testConfig({ DATA_DIR: dataDir });
  const services = await createServices(config, { log: testLogger(), llm: llm as never });
  const persona = (await services.personas.list())[0]!;
  const askers: (string | undefined)[] = [];
  const memory = services.memory;
  const engine = new ChatEngine({
    llm: services.llm,
    personas: services.personas,
    memory: {
      recall: (who, query, options) => {
        askers.push(options.asker);
        return memory.recall(who, query, options);
      },
      rememberExchange: (record) => memory.rememberExchange(record),
    },
    history: services.history,
    clock: services.clock,
    log: services.log,
    settings: chatSettings(config),
  });
  const session = services.sessions.open("websocket");
  try {
    await engine.sendMessage({
      persona,
      session,
      content: "what do I take for anxiety",
      sender: "Theo",
      roomId: null,
    });
    assert.deepEqual(askers, ["Theo"]);
  } finally {
    await services.quiet.drain();
    await services.memory.close();
    await services.db.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});
