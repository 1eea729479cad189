import assert from "node:assert/strict";
import { copiedJson, ownRecord } from "./record_copy.ts";
import { deepFreeze } from "../freeze.ts";
import type { MemoryRecord } from "./schema.ts";

const shared: MemoryRecord = deepFreeze({
  id: "mem_1",
  persona_id: "p_1",
  // A trailing line break is content too: the copy is the record as stored, to the character.
  content: "Aria keeps bees on the roof\n",
  memory_type: "observation",
  importance: 0.5,
  base_importance: 0.6,
  importance_set_at: "2026-06-01T00:00:00.000Z",
  emotional_valence: 0.1,
  related_personas: ["p_2"],
  visibility: "private",
  metadata: { tags: ["bees", { hive: [1, 2] }], source: null, weight: 2.5, seen: true },
  created_at: "2026-06-01T00:00:00.000Z",
  last_accessed: null,
  accessed_count: 3,
  embedder: "local",
  superseded_by: null,
  supersedes: ["mem_0"],
  source_ids: ["mem_x"],
});

Deno.test("ownRecord copies a shared frozen record whole, and no part of it is shared", () => {
  const own = ownRecord(shared);
  assert.deepEqual(own, shared);
  assert.equal(Object.isFrozen(own), false);
  // Every field that holds a list or an object, whichever fields a record gains: a copy each.
  const held = (Object.keys(shared) as (keyof MemoryRecord)[])
    .filter((key) => typeof shared[key] === "object" && shared[key] !== null);
  assert.deepEqual(held, ["related_personas", "metadata", "supersedes", "source_ids"]);
  for (const key of held) {
    assert.notEqual(own[key], shared[key], key);
    assert.equal(Object.isFrozen(own[key]), false, key);
  }
  const tags = own.metadata.tags as unknown[];
  assert.notEqual(tags, shared.metadata.tags);
  assert.notEqual(tags[1], (shared.metadata.tags as unknown[])[1]);
  // Every level can be changed, and the shared record stays as it was.
  (tags[1] as { hive: number[] }).hive.push(3);
  own.supersedes.push("mem_y");
  own.related_personas.push("p_3");
  own.source_ids.length = 0;
  assert.deepEqual(shared.metadata.tags, ["bees", { hive: [1, 2] }]);
  assert.deepEqual(shared.supersedes, ["mem_0"]);
  assert.deepEqual(shared.related_personas, ["p_2"]);
  assert.deepEqual(shared.source_ids, ["mem_x"]);
});

Deno.test("copiedJson copies arrays as arrays and objects as objects at every depth, as structuredClone does", () => {
  const parsed = JSON.parse('{"a": [1, {"b": null, "c": [[2], "x"]}], "d": {"e": false}}');
  const copy = copiedJson(parsed);
  assert.deepEqual(copy, structuredClone(parsed));
  assert.ok(Array.isArray(copy.a) && Array.isArray(copy.a[1].c[0]));
  assert.notEqual(copy.a[1].c, parsed.a[1].c);
  assert.notEqual(copy.d, parsed.d);
});
