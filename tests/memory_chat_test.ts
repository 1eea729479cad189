/**
 * Memory in the conversation: chats become memories, relevant memories reach the next prompt,
 * and chat keeps answering (honestly reporting `memory_stored: false`) while Chroma is down.
 */
import assert from "node:assert/strict";
import { startChromaServer } from "../core/memory/chroma_server.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { eachProvider } from "./_providers.ts";

const MAGIC_CHATS = [
  "Tell me about the fire spells you learned from the old wizard",
  "Which magic spells protect a traveler on the road?",
  "Can you teach me a spell to light a candle without flint?",
];

eachProvider.test("three chats about magic are found by memory.search and reach the next prompt", async (p) => {
  const fake = p.start({
    reply: (request) =>
      `Ah, ${request.messages.at(-1)!.content.split(": ").at(-1)!.toLowerCase()}!`,
  });
  const server = await startTestServer(p.env(fake));
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    for (const content of MAGIC_CHATS) {
      const result = await client.call("conversation.send_message", { content, sender: "Tam" });
      assert.equal(result.memory_stored, true);
    }
    await client.call("conversation.send_message", {
      content: "What is the weather like?",
      sender: "Tam",
    });

    const found = await client.call<{ memories: Array<{ content: string; score: number }> }>(
      "memory.search",
      { query: "magic spells", n_results: 3 },
    );
    assert.equal(found.memories.length, 3);
    for (const memory of found.memories) {
      assert.match(memory.content, /spell|magic|wizard/i);
      assert.doesNotMatch(memory.content, /weather/);
    }

    await client.call("conversation.send_message", {
      content: "Remind me, what did we say about protective magic spells?",
      sender: "Tam",
      room_id: "another-room",
    });
    const prompt = fake.chatRequests().at(-1)!.messages[0]!.content;
    assert.match(prompt, /Things you remember \(most relevant first\):\n- /);
    const remembered = prompt.slice(prompt.indexOf("Things you remember"));
    assert.match(
      remembered,
      /protect a traveler on the road/,
      "the relevant memory is in the prompt",
    );
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

eachProvider.test("with EMBED_MODEL, the model server embeds memories and search still finds them", async (p) => {
  const fake = p.start({ models: ["llama3.1:8b", "nomic-embed-text"], embedDimensions: 128 });
  const server = await startTestServer({ ...p.env(fake), EMBED_MODEL: "nomic-embed-text" });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    assert.equal(server.services.memory.embedderId, `${p.name}:nomic-embed-text`);
    await client.call("persona.switch", { persona_id: "Kira" });
    for (const content of [...MAGIC_CHATS, "What is the weather like?"]) {
      const result = await client.call("conversation.send_message", { content, sender: "Tam" });
      assert.equal(result.memory_stored, true);
    }
    const embedPath = p.name === "ollama" ? "/api/embed" : "/v1/embeddings";
    assert.ok(fake.requests.filter((request) => request.path === embedPath).length >= 4);
    const found = await client.call<{ memories: Array<{ content: string }> }>("memory.search", {
      query: "magic spells",
      n_results: 2,
    });
    assert.equal(found.memories.length, 2);
    for (const memory of found.memories) assert.match(memory.content, /spell|magic|wizard/i);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("Chroma stopped mid-run: chat still answers without memory, then memory works again", async () => {
  const fake = FakeOllama.start();
  const path = Deno.makeTempDirSync({ prefix: "chroma-chat-" });
  let chroma = await startChromaServer({ path });
  const server = await startTestServer({
    OLLAMA_HOST: fake.url,
    MEMORY_BACKEND: "chroma",
    CHROMA_URL: chroma.url,
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Kira" });
    const before = await client.call("conversation.send_message", {
      content: "The comet returns in spring",
    });
    assert.equal(before.memory_stored, true);

    await chroma.stop();
    const during = await client.call("conversation.send_message", {
      content: "Any news of the comet?",
    });
    assert.equal(typeof during.response, "string", "the persona still answers");
    assert.equal(during.memory_stored, false, "and says honestly that nothing was stored");
    await assert.rejects(
      client.call("memory.search", { query: "comet" }),
      (error: { code: number }) => error.code === -32002,
    );

    chroma = await startChromaServer({ path, port: chroma.port });
    const after = await client.call("conversation.send_message", {
      content: "The comet is bright tonight",
    });
    assert.equal(after.memory_stored, true, "memory works again without a restart");
    const found = await client.call<{ memories: Array<{ content: string }> }>("memory.search", {
      query: "comet",
    });
    assert.ok(found.memories.some((memory) => memory.content.includes("bright tonight")));
    assert.ok(!found.memories.some((memory) => memory.content.includes("Any news")));
  } finally {
    await client.close();
    await server.shutdown();
    await chroma.stop();
    await Deno.remove(path, { recursive: true });
    await fake.stop();
  }
});
