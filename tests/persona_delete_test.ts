/**
 * Deleting a persona deletes everything that belongs to it: history, memories, relationships,
 * emotional state, saved-state references and its place in conversations.
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";

Deno.test("deleting a persona leaves no row of it behind", async () => {
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona_id: doomed } = await client.call("persona.create", { name: "Doomed" });
    const kira = (await client.call("persona.switch", { persona_id: "Kira" })).persona_id;
    await client.call("persona.switch", { persona_id: doomed });
    await client.call("conversation.send_message", { content: "hello there" });
    await client.call("memory.store", { content: "a private thought" });
    await client.call("emotional.update_state", { mood: 0.5 });
    await client.call("state.save", { key: "doomed-slot" });
    const { conversation_id } = await client.call("conversation.start", {
      participants: [doomed, kira],
    });
    await client.call("conversation.turn", { conversation_id });

    const db = server.services.db;
    const count = async (sql: string) => (await db.get<{ n: number }>(sql, doomed as string))!.n;
    const tables: Record<string, string> = {
      messages: "SELECT COUNT(*) AS n FROM messages WHERE persona_id = ?",
      memories: "SELECT COUNT(*) AS n FROM memories WHERE persona_id = ?",
      relationships:
        "SELECT COUNT(*) AS n FROM relationships WHERE persona1_id = ?1 OR persona2_id = ?1",
      persona_states: "SELECT COUNT(*) AS n FROM persona_states WHERE persona_id = ?",
      dialogue_participants: "SELECT COUNT(*) AS n FROM dialogue_participants WHERE persona_id = ?",
      saved_states: "SELECT COUNT(*) AS n FROM session_states WHERE active_persona_id = ?",
    };
    for (const [name, sql] of Object.entries(tables)) {
      assert.ok(await count(sql) > 0, `${name} has rows of the persona before`);
    }
    await client.call("persona.delete", { persona_id: doomed });
    for (const [name, sql] of Object.entries(tables)) {
      assert.equal(await count(sql), 0, `${name} has no rows of the persona after`);
    }
    const restored = await client.call("state.load", { key: "doomed-slot" });
    assert.equal(restored.active_persona_id, null, "a saved state forgets the deleted persona");
    const left = await client.call("conversation.status", { conversation_id });
    assert.equal(left.ended, true, "a conversation left with one participant ends");
    assert.equal(left.end_reason, "participant_left");
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
