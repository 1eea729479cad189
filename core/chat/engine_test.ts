/**
 * The chat engine's order of work around the model call, with the real services (SQLite, the
 * memory service) and the Ollama test server over HTTP; only the seam to memory is wrapped, to
 * hold back one write and see what waits for it.
 */
import assert from "node:assert/strict";
import { createServices } from "../services.ts";
import { SessionRegistry } from "../sessions/mod.ts";
import { FakeOllama } from "../../tests/fake_ollama.ts";
import { testConfig, testLogger } from "../../tests/_helpers.ts";
import { ChatEngine } from "./engine.ts";
import type { ChatMemory } from "./memory_port.ts";
import { MemoryInput } from "../memory/schema.ts";

const BOAT = MemoryInput.parse({
  content: "Tam sails a small red boat on the lake",
  memory_type: "fact",
  importance: 0.6,
});

/** Lets every pending timer, immediate and I/O callback run a few times. */
async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setTimeout(resolve, 1));
}

Deno.test("a chat asks the model before the recalled memories' accesses are written, and replies after them", async () => {
  const fake = FakeOllama.start({ reply: () => "Of course I remember." });
  const services = await createServices(testConfig({ OLLAMA_HOST: fake.url }), {
    log: testLogger(),
  });
  let release = () => {};
  let chat: Promise<unknown> | undefined;
  try {
    const persona = await services.personas.resolve("Aria");
    const { id } = await services.memory.store(persona, BOAT);
    const held = new Promise<void>((resolve) => (release = resolve));
    let handed: Promise<void> | undefined;
    // The memory service itself, but the write the engine is handed resolves only on release.
    const memory: ChatMemory = {
      recall: (who, query, options) =>
        services.memory.recall(who, query, {
          ...options,
          accessed: options.accessed && ((written) => {
            handed = written;
            options.accessed!(held.then(() => written));
          }),
        }),
      rememberExchange: (record) => services.memory.rememberExchange(record),
    };
    const engine = new ChatEngine({
      llm: services.llm,
      personas: services.personas,
      history: services.history,
      clock: services.clock,
      log: services.log,
      memory,
      settings: {
        defaultModel: "llama3.1:8b",
        temperature: 0.7,
        maxTokens: 200,
        window: { turns: 6, chars: 8000 },
        memoryCount: 5,
      },
    });
    const session = new SessionRegistry(() => Date.now()).open("internal");
    let replied = false;
    const chatting = engine.sendMessage({
      persona,
      session,
      content: "Do you remember the boat Tam sails?",
      sender: "Tam",
      roomId: null,
    }).then((result) => {
      replied = true;
      return result;
    });
    chat = chatting;
    await fake.waitForChats(1);
    assert.ok(handed, "the recall handed the access-count write to the chat instead of waiting");
    assert.match(fake.chatRequests()[0]!.messages[0]!.content, /red boat/);
    // The exchange is kept while the hold lasts; the reply still waits for the accesses.
    while ((await services.history.recent({ personaId: persona.id }, 1)).length === 0) {
      await turns(1);
    }
    await turns(20);
    assert.equal(replied, false, "the reply waited for the accesses to be counted");
    release();
    const result = await chatting;
    assert.deepEqual(result.recalled_memories.map((memory) => memory.id), [id]);
    assert.equal(result.memory_stored, true);
    assert.equal((await services.memory.get(id)).accessed_count, 1);
  } finally {
    // A failed assertion leaves the chat running: it ends before the database closes.
    release();
    await chat?.catch(() => {});
    await services.memory.close();
    await services.db.close();
    await fake.stop();
  }
});

Deno.test("a chat whose accesses cannot be counted still answers from the memories it recalled", async () => {
  const fake = FakeOllama.start({ reply: () => "Of course I remember." });
  const services = await createServices(testConfig({ OLLAMA_HOST: fake.url }), {
    log: testLogger(),
  });
  try {
    const persona = await services.personas.resolve("Aria");
    await services.memory.store(persona, BOAT);
    const memory: ChatMemory = {
      recall: (who, query, options) =>
        services.memory.recall(who, query, {
          ...options,
          accessed: options.accessed &&
            ((written) =>
              options.accessed!(written.then(() => Promise.reject(new Error("disk full"))))),
        }),
      rememberExchange: (record) => services.memory.rememberExchange(record),
    };
    const engine = new ChatEngine({
      llm: services.llm,
      personas: services.personas,
      history: services.history,
      clock: services.clock,
      log: services.log,
      memory,
      settings: {
        defaultModel: "llama3.1:8b",
        temperature: 0.7,
        maxTokens: 200,
        window: { turns: 6, chars: 8000 },
        memoryCount: 5,
      },
    });
    const session = new SessionRegistry(() => Date.now()).open("internal");
    const result = await engine.sendMessage({
      persona,
      session,
      content: "Do you remember the boat Tam sails?",
      sender: "Tam",
      roomId: null,
    });
    assert.equal(result.response, "Of course I remember.");
    assert.equal(result.recalled_memories.length, 1);
    assert.match(fake.chatRequests()[0]!.messages[0]!.content, /red boat/);
  } finally {
    await services.memory.close();
    await services.db.close();
    await fake.stop();
  }
});
