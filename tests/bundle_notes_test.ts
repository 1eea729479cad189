/**
 * attack10 F4: a bundle with 10,000 relationships, half to personas missing here, answered one
 * note per missing persona (5,000 notes, each repeating a 1,000-character name: a 5.4 MB reply)
 * and counted the 5,000 rows written for one pair as 5,000 restored. Now the names and ids a
 * bundle carries are bounded (a persona's name, 64; an id, 128), what was not restored is one
 * note with a count and the first five names, and `restored.relationships` counts pairs.
 */
import assert from "node:assert/strict";
import { NAME_MAX } from "../core/personas/name_rules.ts";
import { type RpcCallError, withTestServer } from "./_helpers.ts";

function relationship(otherId: string, interactions = 3): Record<string, unknown> {
  return {
    other_id: otherId,
    affinity: 0.5,
    trust: 0.5,
    respect: 0.5,
    intimacy: 0.5,
    declared_type: null,
    interaction_count: interactions,
    total_interaction_minutes: 5,
    first_meeting: null,
    last_interaction: null,
  };
}

function bundle(
  personas: Array<{ id: string; name: string }>,
  relationships: Array<Record<string, unknown>>,
): Record<string, unknown> {
  return {
    format: "persona-mcp/bundle",
    version: 1,
    exported_at: "2026-12-01T10:00:00.000Z",
    persona: { id: "me", name: `Importer${crypto.randomUUID().slice(0, 6)}`, description: "d" },
    personas,
    relationships,
  };
}

interface Imported {
  persona_id: string;
  restored: { relationships: number };
  notes: string[];
}

Deno.test("many relationships to missing or repeated personas: one note each kind, pairs counted once, a small reply", async () => {
  await withTestServer(async ({ client }) => {
    const tessa = await client.call<{ persona_id: string }>("persona.create", { name: "Tessa" });
    const long = (i: number) => `Nobody${i}`.padEnd(NAME_MAX, "n");
    const personas = Array.from(
      { length: 4000 },
      (_, i) => ({ id: `o${i}`, name: i % 2 ? "Tessa" : long(i) }),
    );
    // Tessa's last relationship says 7 interactions: the last of a repeated pair is kept.
    const rows = personas.map((p, i) => relationship(p.id, i === 3999 ? 7 : 3));
    const text = JSON.stringify(
      await client.call("persona.import", {
        bundle: bundle(personas, rows),
      }),
    );
    const imported = JSON.parse(text) as Imported;
    assert.ok(text.length < 4096, `the reply is small: ${text.length} bytes`);
    assert.equal(imported.restored.relationships, 1, "one pair, written once");
    assert.deepEqual(imported.notes, [
      `2000 relationships were not restored: no persona here has the name of 2000 of the personas they name ("${
        long(0)
      }", "${long(2)}", "${long(4)}", "${long(6)}", "${long(8)}" and 1995 more)`,
      "1999 relationships repeat personas named before: the last relationship with each was restored",
    ]);
    const list = await client.call<{ relationships: Array<{ interaction_count: number }> }>(
      "relationship.list",
      { persona_id: tessa.persona_id },
    );
    assert.deepEqual(list.relationships.map((r) => r.interaction_count), [7]);
  });
});

Deno.test("one relationship to a missing persona keeps its own note", async () => {
  await withTestServer(async ({ client }) => {
    const imported = await client.call<Imported>("persona.import", {
      bundle: bundle([{ id: "x", name: "Ghost" }], [relationship("x")]),
    });
    assert.equal(imported.restored.relationships, 0);
    assert.deepEqual(imported.notes, [
      'The relationship with "Ghost" was not restored: no persona of that name here',
    ]);
  });
});

Deno.test("a bundle's persona names are at most 64 characters and its ids at most 128: -32602 naming the field", async () => {
  await withTestServer(async ({ client }) => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ["personas.0.name", bundle([{ id: "x", name: "n".repeat(NAME_MAX + 1) }], [])],
      ["personas.0.id", bundle([{ id: "i".repeat(129), name: "Ok" }], [])],
      ["relationships.0.other_id", bundle([], [relationship("i".repeat(129))])],
    ];
    for (const [field, value] of cases) {
      await assert.rejects(
        client.call("persona.import", { bundle: value }),
        (error: RpcCallError) => {
          assert.equal(error.code, -32602, `${field}: ${error.message}`);
          const fields = (error.data as { fields: Array<{ field: string }> }).fields;
          assert.equal(fields[0]?.field, `bundle.${field}`);
          return true;
        },
      );
    }
    // The bounds themselves are taken.
    const imported = await client.call<Imported>("persona.import", {
      bundle: bundle([{ id: "i".repeat(128), name: "n".repeat(NAME_MAX) }], [
        relationship("i".repeat(128)),
      ]),
    });
    assert.equal(imported.notes.length, 1);
  });
});
