/**
 * Names everywhere: wherever a persona id is taken (JSON-RPC params, REST paths, MCP tool
 * arguments), its name in any case works too. And `persona.create` takes `persona.get`'s output.
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { type RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";

Deno.test("a persona's name in any case works wherever its id does", async () => {
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const ariaId = (await client.call<{ persona: { id: string } }>("persona.get", {
      persona_id: "ARIA",
    })).persona.id;
    const calls: Array<[string, Record<string, unknown>]> = [
      ["persona.status", { persona_id: "aria" }],
      ["emotional.get_state", { persona_id: "aRiA" }],
      ["memory.store", { persona_id: "aria", content: "Names work." }],
      ["memory.search", { persona_id: "aria", query: "names" }],
      ["memory.list", { persona_id: "aria" }],
      ["relationship.list", { persona_id: "aria" }],
      ["relationship.update", {
        persona1_id: "aria",
        persona2_id: "KIRA",
        interaction_quality: 0.5,
      }],
      ["relationship.update", {
        persona_id: "aria",
        target_persona_id: "kira",
        relationship_type: "friend",
        strength: 0.6,
      }],
      ["relationship.get", { persona1_id: "kira", persona2_id: "aria" }],
      ["relationship.compatibility", { persona1_id: "kira", persona2_id: "aria" }],
      ["conversation.send_message", { persona_id: "aria", content: "hi" }],
      ["conversation.get_history", { persona_id: "aria" }],
      ["conversation.list", { persona_id: "aria" }],
      ["persona.export_card", { persona_id: "aria", format: "json" }],
      ["lorebook.list", { persona_id: "aria" }],
      ["persona.update", { persona_id: "aria", speaking_style: "lilting" }],
    ];
    for (const [method, params] of calls) {
      const result = await client.call<Record<string, unknown>>(method, params);
      const id = result.persona_id ?? (result.persona as { id?: string } | undefined)?.id;
      if (id !== undefined) assert.equal(id, ariaId, method);
    }
    const pair = await client.call<{ relationship: { persona1_id: string; persona2_id: string } }>(
      "relationship.get",
      { persona1_id: "KIRA", persona2_id: "Aria" },
    );
    assert.ok([pair.relationship.persona1_id, pair.relationship.persona2_id].includes(ariaId));
    const started = await client.call<{ participants: Array<{ id: string }> }>(
      "conversation.start",
      {
        participants: ["aria", "kira"],
      },
    );
    assert.ok(started.participants.some((p) => p.id === ariaId));

    const rest = await (await fetch(`${server.apiUrl}/personas/aria`)).json();
    assert.equal(rest.persona.id, ariaId);
    const tool = await client.call<{ structuredContent: { persona: { id: string } } }>(
      "tools/call",
      {
        name: "persona_get",
        arguments: { persona_id: "ARIA" },
      },
    );
    assert.equal(tool.structuredContent.persona.id, ariaId);
    const deleted = await fetch(`${server.apiUrl}/personas/KIRA`, { method: "DELETE" });
    assert.equal((await deleted.json()).name, "Kira");
    await assert.rejects(
      client.call("persona.get", { persona_id: "nobody" }),
      (error: RpcCallError) => error.code === -32000,
    );
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("persona.create takes persona.get's output, ignores its read-only fields and says so", async () => {
  const server = await startTestServer({ SEED_PERSONAS: "true" });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona } = await client.call<{ persona: Record<string, unknown> }>("persona.get", {
      persona_id: "Aria",
    });
    const created = await client.call<{
      persona: Record<string, unknown>;
      ignored_fields: string[];
      note: string;
    }>("persona.create", { ...persona, name: "Aria Twin" });
    assert.deepEqual(created.ignored_fields, [
      "id",
      "created_at",
      "updated_at",
      "memory_stats",
      "lorebooks",
    ], "avatar: null asks for no avatar, which is what the copy gets");
    assert.match(created.note, /Ignored read-only fields: id, created_at/);
    assert.notEqual(created.persona.id, persona.id);
    for (
      const field of [
        "description",
        "personality_traits",
        "goals",
        "topic_preferences",
        "traits_source",
      ]
    ) {
      assert.deepEqual(created.persona[field], persona[field], field);
    }
    const viaRest = await fetch(`${server.apiUrl}/personas`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...persona, name: "Aria Triplet" }),
    });
    assert.equal(viaRest.status, 201);
    await assert.rejects(
      client.call("persona.create", { ...persona, name: "X", unknown_field: 1 }),
      (error: RpcCallError) => error.code === -32602,
      "other unknown fields are still refused",
    );
  } finally {
    await client.close();
    await server.shutdown();
  }
});
