/**
 * Chats that arrive together prepare a few at a time (`core/chat/preparation_gate.ts`): the
 * first ones' model requests are made, and the runtime gets a turn to send them, before the
 * later ones' preparations begin, instead of every request waiting for the last preparation.
 */
import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { ChatEngine, chatSettings } from "../core/chat/mod.ts";
import { PREPARING_AT_ONCE } from "../core/chat/preparation_gate.ts";
import { createServices } from "../core/services.ts";
import { testConfig, testLogger } from "./_helpers.ts";

/** A model that answers at once, noting each call in `events`. */
function model(events: string[]) {
  return {
    provider: "ollama",
    host: "http://127.0.0.1:1",
    chat(call: { model: string; messages: { content: string }[] }) {
      const asked = call.messages.at(-1)!.content.split(" ").at(-1);
      events.push(`model ${asked}`);
      return Promise.resolve({
        text: "Hello.",
        model: call.model,
        promptTokens: 1,
        completionTokens: 1,
      });
    },
    chatJson: () => Promise.reject(new Error("no JSON calls here")),
    embed: () => Promise.reject(new Error("no embedding model here")),
    listModels: () => Promise.resolve({ models: [] }),
    load: () => ({ running: 0, waiting: 0 }),
    quietFor: () => Infinity,
  };
}

/** `chats` chats sent at once, each in its own new session, with `preparingAtOnce` slots. */
async function burst(chats: number, options: { preparingAtOnce?: number; failing?: string }) {
  const dataDir = await Deno.makeTempDir();
  const events: string[] = [];
  const config = testConfig({ DATA_DIR: dataDir });
  const services = await createServices(config, { log: testLogger(), llm: model(events) as never });
  const persona = (await services.personas.list())[0]!;
  const engine = new ChatEngine({
    llm: services.llm,
    personas: services.personas,
    memory: services.memory,
    history: services.history,
    clock: services.clock,
    log: services.log,
    settings: chatSettings(config),
    preparingAtOnce: options.preparingAtOnce,
    contributors: [{
      sections({ message }) {
        events.push(`prepare ${message}`);
        // Runs once this run of microtasks is over: the runtime's turn (a request's bytes leave).
        setImmediate(() => events.push(`turn after prepare ${message}`));
        if (message === options.failing) throw new Error(`${message} cannot be prepared`);
        return Promise.resolve([]);
      },
    }],
  });
  try {
    const results = await Promise.allSettled(
      Array.from({ length: chats }, (_, i) =>
        engine.sendMessage({
          persona,
          session: services.sessions.open("websocket"),
          content: `m${i}`,
          sender: "user",
          roomId: null,
        })),
    );
    return { events: events.filter((e) => !e.startsWith("turn")), all: events, results };
  } finally {
    await services.quiet.drain();
    await services.memory.close();
    await services.db.close();
    await Deno.remove(dataDir, { recursive: true });
  }
}

Deno.test("chats sent together reach their model one slot at a time, a turn between", async () => {
  const { events, all, results } = await burst(3, { preparingAtOnce: 1 });
  assert.ok(results.every((r) => r.status === "fulfilled"));
  assert.deepEqual(events, [
    "prepare m0",
    "model m0",
    "prepare m1",
    "model m1",
    "prepare m2",
    "model m2",
  ]);
  // The runtime had a turn (to send m0's request) before m1 began to prepare.
  assert.ok(all.indexOf("turn after prepare m0") < all.indexOf("prepare m1"), all.join(", "));
});

Deno.test("a burst's first requests are made before the chats past the gate's slots prepare", async () => {
  const slots = PREPARING_AT_ONCE;
  const { events, results } = await burst(slots + 2, {});
  assert.ok(results.every((r) => r.status === "fulfilled"));
  const first = Array.from({ length: slots }, (_, i) => `prepare m${i}`);
  assert.deepEqual(
    events.slice(0, events.indexOf("model m0")).sort(),
    first.sort(),
    "the first slots' chats prepare in lockstep, and only they",
  );
  for (let i = 0; i < slots; i++) {
    assert.ok(
      events.indexOf(`model m${i}`) < events.indexOf(`prepare m${slots}`),
      events.join(", "),
    );
  }
  assert.ok(events.indexOf(`model m${slots + 1}`) > events.indexOf(`prepare m${slots + 1}`));
});

Deno.test("a chat whose preparation fails passes its slot on", async () => {
  const { events, results } = await burst(3, { preparingAtOnce: 1, failing: "m0" });
  assert.equal(results[0]!.status, "rejected");
  assert.ok(results.slice(1).every((r) => r.status === "fulfilled"));
  assert.deepEqual(events, ["prepare m0", "prepare m1", "model m1", "prepare m2", "model m2"]);
});
