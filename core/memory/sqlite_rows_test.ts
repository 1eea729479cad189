/**
 * Records made from rows (`fromRow`): JSON columns parsed once are copied for every record after,
 * so no record shares a list or an object with another (or with what is kept), and a text with
 * a "__proto__" key is parsed as JSON.parse would.
 */
import assert from "node:assert/strict";
import { fromRow, type MemoryRow } from "./sqlite_rows.ts";

function row(fields: Partial<MemoryRow> = {}): MemoryRow {
  return {
    id: "m1",
    persona_id: "p1",
    content: "The ferry leaves at noon",
    memory_type: "observation",
    importance: 0.5,
    base_importance: 0.5,
    importance_set_at: "2026-01-01T00:00:00.000Z",
    emotional_valence: 0,
    related_personas: '["p2","p3"]',
    visibility: "private",
    metadata: '{"topic":"travel","nested":{"list":[1,{"deep":true}]}}',
    created_at: "2026-01-01T00:00:00.000Z",
    last_accessed: null,
    accessed_count: 0,
    embedder: "e",
    superseded_by: null,
    supersedes: "[]",
    source_ids: '["s1"]',
    ...fields,
  };
}

Deno.test("records made from one row share no list or object", () => {
  const first = fromRow(row());
  const expected = structuredClone(first);
  first.related_personas.push("changed");
  (first.metadata.nested as { list: unknown[] }).list.push("changed");
  first.metadata.topic = "changed";
  first.source_ids.length = 0;
  const second = fromRow(row());
  assert.deepEqual(second, expected);
  assert.deepEqual(second.metadata, {
    topic: "travel",
    nested: { list: [1, { deep: true }] },
  });
});

Deno.test("a JSON text with a __proto__ key is an own property, as JSON.parse makes it", () => {
  const metadata = '{"__proto__":{"polluted":true},"topic":"x"}';
  for (let i = 0; i < 2; i++) {
    const record = fromRow(row({ metadata }));
    assert.deepEqual(record.metadata, JSON.parse(metadata));
    assert.equal(Object.getPrototypeOf(record.metadata), Object.prototype);
    assert.equal((record.metadata as Record<string, unknown>).polluted, undefined);
  }
});
