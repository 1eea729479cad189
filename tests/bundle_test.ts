/**
 * Persona bundles: export on one server, import on a fresh one; persona, avatar, memories,
 * relationships and lorebooks come back, with new ids and relations mapped by name.
 */
import assert from "node:assert/strict";
import type { RunningServer } from "../core/server/server.ts";
import { avatarPng, lorebookV3File, pngWith, v2Card } from "./_cards.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { type RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

async function open(fake: FakeOllama): Promise<{ server: RunningServer; client: RpcClient }> {
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  return { server, client: await RpcClient.connect(server.wsUrl) };
}

function withoutIds(persona: Record<string, unknown>): Record<string, unknown> {
  const {
    id: _i,
    created_at: _c,
    updated_at: _u,
    memory_stats: _m,
    lorebooks: _l,
    avatar,
    ...rest
  } = persona;
  return { ...rest, avatar: (avatar as { size_bytes: number } | null)?.size_bytes ?? null };
}

Deno.test("a bundle exported on one server restores persona, memories, relationships and lorebooks on a fresh one", async () => {
  const fake = FakeOllama.start();
  const a = await open(fake);
  const b = await open(fake);
  try {
    const imported = await a.client.call<{ persona_id: string }>("persona.import_card", {
      data: base64(pngWith({ chara: v2Card() }, avatarPng(9))),
    });
    const vale = imported.persona_id;
    await a.client.call("lorebook.import", { lorebook: lorebookV3File(), persona_id: vale });
    await a.client.call("relationship.update", {
      persona1_id: "Captain Vale",
      persona2_id: "Kira",
      interaction_quality: 0.8,
      duration_minutes: 30,
    });
    await a.client.call("memory.store", {
      persona_id: vale,
      content: "Kira fixed the Kestrel's compass.",
      related_personas: ["Kira"],
      importance: 0.9,
      visibility: "shared",
      created_at: "2026-01-01T10:00:00Z",
    });
    await a.client.call("conversation.send_message", {
      persona_id: vale,
      content: "Ready to fly?",
    });
    const { bundle } = await a.client.call<{ bundle: Record<string, unknown> }>("persona.export", {
      persona_id: "captain vale",
    });
    assert.equal(bundle.format, "persona-mcp/bundle");
    assert.equal(bundle.blocks, null, "core memory blocks: not yet on this server");

    const restored = await b.client.call<{
      persona_id: string;
      restored: Record<string, number>;
      notes: string[];
    }>("persona.import", { bundle });
    assert.deepEqual(restored.restored, {
      assets: 1,
      lorebooks: 2,
      memories: 2,
      relationships: 1,
      blocks: 0,
    });
    assert.notEqual(restored.persona_id, vale, "a new id");
    const before = (await a.client.call<{ persona: Record<string, unknown> }>("persona.get", {
      persona_id: vale,
    })).persona;
    const after = (await b.client.call<{ persona: Record<string, unknown> }>("persona.get", {
      persona_id: restored.persona_id,
    })).persona;
    assert.deepEqual(withoutIds(after), withoutIds(before));

    const kiraB = (await b.client.call<{ persona: { id: string } }>("persona.get", {
      persona_id: "Kira",
    })).persona.id;
    const memories = await b.client.call<{
      memories: Array<{ content: string; related_personas: string[]; importance: number }>;
    }>("memory.list", { persona_id: restored.persona_id, limit: 10 });
    const compass = memories.memories.find((m) => m.content.includes("compass"));
    assert.deepEqual(compass?.related_personas, [kiraB], "related persona mapped by name");
    assert.ok(memories.memories.some((m) => m.content.includes("Ready to fly?")));

    const pairA = await a.client.call<{ relationship: Record<string, unknown> }>(
      "relationship.get",
      {
        persona1_id: vale,
        persona2_id: "Kira",
      },
    );
    const pairB = await b.client.call<{ relationship: Record<string, unknown> }>(
      "relationship.get",
      {
        persona1_id: restored.persona_id,
        persona2_id: "kira",
      },
    );
    for (
      const key of [
        "affinity",
        "trust",
        "respect",
        "intimacy",
        "interaction_count",
        "relationship_type",
      ]
    ) {
      assert.equal(pairB.relationship[key], pairA.relationship[key], key);
    }
    const books = await b.client.call<
      { lorebooks: Array<{ name: string; owner_persona_id: string | null }> }
    >(
      "lorebook.list",
      { persona_id: restored.persona_id },
    );
    assert.deepEqual(books.lorebooks.map((l) => [l.name, l.owner_persona_id !== null]), [
      ["Kestrel lore", true],
      ["Harbor town", false],
    ]);
    const card = await b.client.call<{ card: { data: { character_book: unknown } } }>(
      "persona.export_card",
      { persona_id: restored.persona_id, format: "json" },
    );
    const original = await a.client.call<{ card: { data: { character_book: unknown } } }>(
      "persona.export_card",
      { persona_id: vale, format: "json" },
    );
    assert.deepEqual(card.card.data.character_book, original.card.data.character_book);

    await assert.rejects(
      b.client.call("persona.import", { bundle }),
      (error: RpcCallError) => error.code === -32602 && /already has this name/.test(error.message),
    );
    const partial = await a.client.call<{ bundle: Record<string, unknown[]> }>("persona.export", {
      persona_id: vale,
      include: ["memories"],
    });
    assert.deepEqual([partial.bundle.relationships, partial.bundle.lorebooks], [[], []]);
    const withBlocks = { ...partial.bundle, blocks: [{ label: "human", value: "Robin" }] };
    const second = await b.client.call<{ notes: string[]; persona: { name: string } }>(
      "persona.import",
      { bundle: withBlocks, on_conflict: "rename" },
    );
    assert.equal(second.persona.name, "Captain Vale (2)");
    assert.ok(second.notes.some((note) => /core memory blocks were not restored/.test(note)));
    await assert.rejects(
      b.client.call("persona.import", { bundle: { format: "something-else" } }),
      (error: RpcCallError) => error.code === -32602,
    );
  } finally {
    await a.client.close();
    await b.client.close();
    await a.server.shutdown();
    await b.server.shutdown();
    await fake.stop();
  }
});
