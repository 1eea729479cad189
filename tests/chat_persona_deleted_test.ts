/**
 * A chat keeps nothing of a persona deleted while the model spoke, told by the history row's
 * foreign key (`HistoryRepository.append`), not by a lookup of the persona on every chat.
 */
import assert from "node:assert/strict";
import { ChatEngine, chatSettings } from "../core/chat/mod.ts";
import { PersonaNotFound } from "../core/errors.ts";
import { createServices } from "../core/services.ts";
import { testConfig, testLogger } from "./_helpers.ts";

/** A model that answers after `beforeAnswer` has run. */
function model(beforeAnswer: () => Promise<void>) {
  return {
    provider: "ollama",
    host: "http://127.0.0.1:1",
    async chat(call: { model: string }) {
      await beforeAnswer();
      return { text: "Hello.", model: call.model, promptTokens: 1, completionTokens: 1 };
    },
    chatJson: () => Promise.reject(new Error("no JSON calls here")),
    embed: () => Promise.reject(new Error("no embedding model here")),
    listModels: () => Promise.resolve({ models: [] }),
    load: () => ({ running: 0, waiting: 0 }),
    quietFor: () => Infinity,
  };
}

Deno.test("a chat looks its persona up no more once the model answered; a deleted one keeps nothing", async () => {
  const dataDir = await Deno.makeTempDir();
  /** What the model runs before it answers (the persona's deletion, in the second chat). */
  const meanwhile = { run: () => Promise.resolve() };
  const llm = model(() => meanwhile.run());
  const config = testConfig({ DATA_DIR: dataDir });
  const services = await createServices(config, { log: testLogger(), llm: llm as never });
  const persona = (await services.personas.list())[0]!;
  let lookups = 0;
  const personas = new Proxy(services.personas, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        lookups++;
        return value.apply(target, args);
      };
    },
  });
  const engine = new ChatEngine({
    llm: services.llm,
    personas,
    memory: services.memory,
    history: services.history,
    clock: services.clock,
    log: services.log,
    settings: chatSettings(config),
  });
  const session = services.sessions.open("websocket");
  const send = () =>
    engine.sendMessage({ persona, session, content: "hi", sender: "user", roomId: null });
  try {
    const kept = await send();
    assert.equal(kept.memory_stored, true);
    assert.equal(lookups, 0, "the chat asked the persona service nothing");
    meanwhile.run = async () => void await services.personas.delete(persona.id);
    await assert.rejects(send(), PersonaNotFound);
    const rows = await services.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM messages WHERE persona_id = ?",
      persona.id,
    );
    assert.equal(rows!.n, 0, "nothing kept: the persona's earlier rows went with it");
  } finally {
    await services.quiet.drain();
    await services.memory.close();
    await services.db.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});
