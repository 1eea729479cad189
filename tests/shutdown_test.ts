/**
 * SIGTERM with chats in flight: every call gets its JSON-RPC error (-32008) before its socket
 * closes with 1001, and nothing acknowledged before the signal is lost across the restart.
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { RpcClient, spawnServer } from "./_helpers.ts";

/** What one socket saw, in order: replies by id, then its close. */
function recordEvents(client: RpcClient): string[] {
  const events: string[] = [];
  client.socket.addEventListener("message", (event) => {
    const message = JSON.parse(event.data as string);
    if ("id" in message) {
      events.push(`reply ${message.id} ${"error" in message ? message.error.code : "ok"}`);
    }
  });
  client.socket.addEventListener("close", (event) => events.push(`close ${event.code}`));
  return events;
}

Deno.test("SIGTERM: each chat in flight gets -32008 before the 1001 close; acknowledged writes survive", async () => {
  const fake = FakeOllama.start({ firstTokenDelayMs: 60_000 });
  const server = await spawnServer({
    OLLAMA_HOST: fake.url,
    LLM_CONCURRENCY: "2",
    LOG_LEVEL: "error",
  });
  const acknowledged: string[] = [];
  const clients: RpcClient[] = [];
  const logs: string[][] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const client = await RpcClient.connect(server.wsUrl);
      clients.push(client);
      logs.push(recordEvents(client));
      const created = await client.call<{ persona_id: string }>("persona.create", {
        name: `Survivor ${i}`,
      });
      acknowledged.push(created.persona_id);
      await client.call("persona.switch", { persona_id: created.persona_id });
      await client.call("memory.store", { content: `Survivor ${i} remembers the signal` });
    }
    // Two chats reach the model and wait there, one waits in the LLM queue; a fourth socket
    // also has a chat in its queue at the moment of the signal.
    for (const [i, client] of clients.entries()) {
      client.request("conversation.send_message", { content: "are you there?" }, `chat-${i}`);
    }
    await fake.waitForChats(2);
    const status = await server.stop();
    assert.equal(status.code, 0, "a clean exit");
    for (const [i, client] of clients.entries()) {
      await client.closed;
      assert.deepEqual(logs[i]?.slice(-2), [`reply chat-${i} -32008`, "close 1001"], `socket ${i}`);
    }
  } finally {
    await fake.stop();
  }

  const again = await spawnServer({ DATA_DIR: server.dataDir, OLLAMA_HOST: fake.url });
  const client = await RpcClient.connect(again.wsUrl);
  try {
    const { personas } = await client.call<{ personas: Array<{ id: string }> }>("persona.list");
    for (const id of acknowledged) assert.ok(personas.some((persona) => persona.id === id), id);
    for (const id of acknowledged) {
      const { total } = await client.call<{ total: number }>("memory.list", { persona_id: id });
      assert.ok(total >= 1, `the memory of ${id} survived`);
    }
  } finally {
    await client.close();
    await again.stop();
  }
});
