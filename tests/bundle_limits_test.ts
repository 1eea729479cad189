/**
 * `persona.import` holds a bundle's memories to `memory.store`'s rules and its relationships to
 * the ranges and types relationships keep everywhere: a bundle cannot store what no other method
 * can (a 1.6 MB memory, affinity 1e308, an unknown declared type). Each refusal is -32602 naming
 * the field as `bundle.memories.N.field`, and nothing is created. Real sockets, a real SQLite file.
 */
import assert from "node:assert/strict";
import { type RpcCallError, withTestServer } from "./_helpers.ts";

const OTHER = { id: "other-id", name: "Other" };

function bundleWith(
  memory: Record<string, unknown> = {},
  relationship: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    format: "persona-mcp/bundle",
    version: 1,
    exported_at: "2026-12-01T10:00:00.000Z",
    persona: { id: "me", name: "Limited", description: "d" },
    personas: [OTHER],
    memories: [{
      content: "Met Other at the market.",
      memory_type: "conversation",
      importance: 0.5,
      emotional_valence: 0,
      related_personas: [OTHER.id],
      visibility: "private",
      metadata: {},
      created_at: "2026-11-30T09:00:00.000Z",
      ...memory,
    }],
    relationships: [{
      other_id: OTHER.id,
      affinity: 0.2,
      trust: 0.1,
      respect: -0.1,
      intimacy: 0.3,
      declared_type: "friend",
      interaction_count: 2,
      total_interaction_minutes: 10,
      first_meeting: "2026-11-30T09:00:00.000Z",
      last_interaction: null,
      ...relationship,
    }],
  };
}

Deno.test("a bundle's memories and relationships meet memory.store's and relationships' rules: -32602 naming the field", async () => {
  await withTestServer(async ({ client }) => {
    await client.call("persona.create", { name: OTHER.name, description: "d" });
    const names = async () =>
      (await client.call<{ personas: Array<{ name: string }> }>("persona.list", {})).personas
        .map((p) => p.name);
    const before = await names();
    const refused: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
      ["memories.0.content", { content: "x".repeat(10_001) }, {}],
      ["memories.0.memory_type", { memory_type: "Weird Type!" }, {}],
      ["memories.0.metadata", { metadata: { blob: "x".repeat(8200) } }, {}],
      ["memories.0.related_personas", {
        related_personas: Array.from({ length: 33 }, (_, i) => `p${i}`),
      }, {}],
      ["memories.0.created_at", { created_at: "not a date" }, {}],
      ["relationships.0.affinity", {}, { affinity: 1e308 }],
      ["relationships.0.trust", {}, { trust: -1e308 }],
      ["relationships.0.respect", {}, { respect: 5 }],
      ["relationships.0.intimacy", {}, { intimacy: -5 }],
      ["relationships.0.declared_type", {}, { declared_type: "arch-nemesis<script>" }],
      ["relationships.0.first_meeting", {}, { first_meeting: "yesterday" }],
    ];
    for (const [field, memory, relationship] of refused) {
      await assert.rejects(
        client.call("persona.import", { bundle: bundleWith(memory, relationship) }),
        (error: RpcCallError) => {
          assert.equal(error.code, -32602, `${field}: ${error.message}`);
          const fields = (error.data as { fields: Array<{ field: string }> }).fields;
          assert.equal(fields[0]?.field, `bundle.${field}`);
          return true;
        },
        field,
      );
    }
    assert.deepEqual(await names(), before, "nothing was created");
    const imported = await client.call<{
      persona_id: string;
      restored: { memories: number; relationships: number };
    }>("persona.import", {
      bundle: bundleWith({ content: "y".repeat(10_000), memory_type: "a-b_c9" }),
    });
    assert.deepEqual(imported.restored, {
      assets: 0,
      lorebooks: 0,
      memories: 1,
      relationships: 1,
      blocks: 0,
    }, "the limits themselves are accepted");
  });
});
