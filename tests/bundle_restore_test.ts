/**
 * attack24 F5, F6, F9: a bundle file cut short says so over REST (not "wrong format"); a round
 * trip keeps the persona's created_at, and says which related personas of its memories it left
 * out; a memory created in the future is refused by its bundle field, before anything is created.
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { type RpcCallError, withPostgresEnv, withTestServer } from "./_helpers.ts";

interface Imported {
  persona_id: string;
  restored: Record<string, number>;
  notes: string[];
}

Deno.test("REST bundle import of truncated, empty or non-JSON bodies: 400 'not valid JSON', field bundle", async () => {
  await withTestServer(async ({ server }) => {
    const bundle = await (await fetch(`${server.apiUrl}/personas/aria/bundle`)).text();
    for (
      const [what, body] of [["truncated", bundle.slice(0, 200)], ["empty", ""], ["text", "hi"]]
    ) {
      const response = await fetch(`${server.apiUrl}/personas/bundles?on_conflict=rename`, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/json" },
      });
      assert.equal(response.status, 400, what);
      const { error } = await response.json();
      assert.equal(error.code, -32602, what);
      assert.match(error.message, /^The bundle is not valid JSON: \S/, what);
      assert.deepEqual(error.data.fields, [{ field: "bundle", message: "is not valid JSON" }]);
    }
    // The lorebook and card uploads said so already.
    const book = await fetch(`${server.apiUrl}/lorebooks/import`, {
      method: "POST",
      body: '{"entries": {',
      headers: { "Content-Type": "application/json" },
    });
    assert.match((await book.json()).error.message, /^The lorebook file is not valid JSON/);
    const card = await fetch(`${server.apiUrl}/personas/import`, {
      method: "POST",
      body: '{"spec": "chara_card_v2", "data": {',
      headers: { "Content-Type": "application/json" },
    });
    assert.equal(card.status, 400);
    assert.match((await card.json()).error.message, /not valid JSON/);
  });
});

Deno.test("a round trip keeps the persona's created_at and notes the related personas it left out", async () => {
  await withTestServer(async ({ client }) => {
    const made = await client.call<{ persona_id: string }>("persona.create", { name: "Rhea" });
    const created = (await client.call<{ persona: { created_at: string } }>("persona.get", {
      persona_id: made.persona_id,
    })).persona.created_at;
    await client.call("memory.store", {
      persona_id: made.persona_id,
      content: "Kira and Ghostperson sailed with me.",
      related_personas: ["Kira", "Ghostperson"],
    });
    await client.call("memory.store", {
      persona_id: made.persona_id,
      content: "Ghostperson left at dawn.",
      related_personas: ["Ghostperson", "Nobody Else"],
    });
    const { bundle } = await client.call<{ bundle: Record<string, unknown> }>("persona.export", {
      persona_id: made.persona_id,
    });
    await client.call("persona.delete", { persona_id: made.persona_id });
    // A server a moment later: the creation time is the bundle's, not the import's.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const restored = await client.call<Imported>("persona.import", { bundle });
    const persona = (await client.call<{ persona: { created_at: string; updated_at: string } }>(
      "persona.get",
      { persona_id: restored.persona_id },
    )).persona;
    assert.equal(persona.created_at, created);
    assert.ok(persona.updated_at > created, "updated by the import");
    assert.deepEqual(restored.notes, [
      'Related personas "Ghostperson", "Nobody Else" were left out of 2 memories: no personas of those names here',
    ]);
    const kira = (await client.call<{ persona: { id: string } }>("persona.get", {
      persona_id: "Kira",
    })).persona.id;
    const { memories } = await client.call<{
      memories: Array<{ content: string; related_personas: string[] }>;
    }>("memory.list", { persona_id: restored.persona_id, limit: 10 });
    assert.deepEqual(
      memories.map((m) => m.related_personas).sort((a, b) => a.length - b.length),
      [[], [kira]],
    );
    // On a server where Ghostperson exists, the name maps to it.
    const ghost = await client.call<{ persona_id: string }>("persona.create", {
      name: "Ghostperson",
    });
    const again = await client.call<Imported>("persona.import", {
      bundle,
      on_conflict: "rename",
    });
    assert.deepEqual(again.notes.slice(1), [
      'Related personas "Nobody Else" were left out of 1 memory: no persona of that name here',
    ]);
    const mapped = await client.call<{ memories: Array<{ related_personas: string[] }> }>(
      "memory.list",
      { persona_id: again.persona_id, limit: 10 },
    );
    assert.ok(mapped.memories.every((m) => m.related_personas.includes(ghost.persona_id)));
  });
});

Deno.test("a bundle persona's created_at that cannot be kept is the import's time, with a note", async () => {
  await withTestServer(async ({ client }) => {
    for (const created_at of ["yesterday", "2999-01-01T00:00:00Z", 5]) {
      const restored = await client.call<Imported>("persona.import", {
        bundle: {
          format: "persona-mcp/bundle",
          version: 1,
          exported_at: "2026-12-01T10:00:00.000Z",
          persona: { name: `Odd${String(created_at).slice(0, 4)}`, created_at },
        },
      });
      assert.match(
        restored.notes.join("\n"),
        /The persona's created_at is not an ISO time in the past: it is the time of this import/,
      );
      const persona = (await client.call<{ persona: { created_at: string } }>("persona.get", {
        persona_id: restored.persona_id,
      })).persona;
      assert.ok(Date.now() - Date.parse(persona.created_at) < 60_000, persona.created_at);
    }
  });
});

Deno.test("a bundle memory created in the future is refused by its bundle field, nothing created", async () => {
  await withTestServer(async ({ client }) => {
    const memory = (content: string, created_at: string) => ({
      content,
      memory_type: "conversation",
      importance: 0.5,
      emotional_valence: 0,
      related_personas: [],
      visibility: "private",
      metadata: {},
      created_at,
    });
    const error = await client.call("persona.import", {
      bundle: {
        format: "persona-mcp/bundle",
        version: 1,
        exported_at: "2026-12-01T10:00:00.000Z",
        persona: { name: "Futurist" },
        memories: [memory("then", "2026-01-01T00:00:00Z"), memory("later", "2999-01-01T00:00:00Z")],
      },
    }).catch((e: RpcCallError) => e);
    assert.equal((error as RpcCallError).code, -32602);
    assert.equal(
      (error as RpcCallError).message,
      "Invalid bundle: bundle.memories.1.created_at must not be in the future",
    );
    assert.deepEqual((error as RpcCallError).data, {
      fields: [{ field: "bundle.memories.1.created_at", message: "must not be in the future" }],
    });
    const found = await client.call("persona.get", { persona_id: "Futurist" }).catch((e) => e);
    assert.equal((found as RpcCallError).code, -32000);
  });
});

Deno.test({
  name:
    "PostgreSQL: an imported persona keeps its created_at, to the millisecond, and lists in its place",
  ignore: POSTGRES_SKIPPED,
  fn: () =>
    withPostgresEnv((env) =>
      withTestServer(async ({ client }) => {
        const created_at = "2021-03-04T05:06:07.089Z";
        const restored = await client.call<Imported>("persona.import", {
          bundle: {
            format: "persona-mcp/bundle",
            version: 1,
            exported_at: "2026-12-01T10:00:00.000Z",
            persona: { name: "Elder", created_at },
          },
        });
        assert.deepEqual(restored.notes, []);
        const { persona } = await client.call<{ persona: { created_at: string } }>(
          "persona.get",
          { persona_id: restored.persona_id },
        );
        assert.equal(persona.created_at, created_at);
        const { personas } = await client.call<{ personas: Array<{ name: string }> }>(
          "persona.list",
          { limit: 1 },
        );
        assert.deepEqual(personas.map((p) => p.name), ["Elder"], "the oldest, first");
      }, env)
    ),
});
