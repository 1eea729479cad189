import assert from "node:assert/strict";
import { forgetParsedJson, parseJsonRemembered } from "./json_memo.ts";
import { fromRow, type MemoryRow } from "./sqlite_rows.ts";

Deno.test("parseJsonRemembered answers what JSON.parse does, nested values included", () => {
  forgetParsedJson();
  const texts = [
    '{"about":"kira","job_id":"j1","tags":["gift",{"deep":[1,-0,null,true]}]}',
    '["a","b"]',
    "[[],{}]",
    '{"2":"two","1":"one","b":1,"a":2}',
    "null",
    "3.5",
  ];
  for (const text of texts) {
    assert.deepEqual(parseJsonRemembered(text), JSON.parse(text));
    // Remembered now: the second answer comes from the memo.
    assert.deepEqual(parseJsonRemembered(text), JSON.parse(text));
    assert.deepEqual(
      Object.keys(parseJsonRemembered(text) ?? {}),
      Object.keys(JSON.parse(text) ?? {}),
    );
  }
  assert.ok(Object.is((parseJsonRemembered("[-0]") as number[])[0], -0));
});

Deno.test("parseJsonRemembered keeps a __proto__ key a plain field, as JSON.parse does", () => {
  forgetParsedJson();
  const text = '{"__proto__":{"polluted":true},"x":1}';
  parseJsonRemembered(text);
  const value = parseJsonRemembered(text) as Record<string, unknown>;
  assert.deepEqual(Object.getPrototypeOf(value), Object.prototype);
  assert.deepEqual(Object.keys(value), ["__proto__", "x"]);
  assert.deepEqual(value["x"], 1);
  assert.deepEqual(({} as Record<string, unknown>)["polluted"], undefined);
});

Deno.test("parseJsonRemembered copies flat lists and objects (primitives only) alike", () => {
  forgetParsedJson();
  const texts = [
    '{"conversation_id":"c1","topic":null,"turn":3,"ok":true}',
    '{"__proto__":"p","2":"two","1":"one"}',
    '["p2","p3"]',
    "[]",
    "{}",
  ];
  for (const text of texts) {
    const first = parseJsonRemembered(text) as Record<string, unknown>;
    assert.deepEqual(first, JSON.parse(text));
    assert.deepEqual(Object.keys(first), Object.keys(JSON.parse(text)));
    assert.deepEqual(Object.getPrototypeOf(first), Object.getPrototypeOf(JSON.parse(text)));
    first["0"] = "changed";
    assert.deepEqual(parseJsonRemembered(text), JSON.parse(text), "a fresh copy each time");
  }
  const proto = parseJsonRemembered('{"__proto__":"p","2":"two","1":"one"}') as object;
  assert.ok(Object.hasOwn(proto, "__proto__"), "a plain field");
});

Deno.test("parseJsonRemembered answers a fresh copy: changing one answer changes no later one", () => {
  forgetParsedJson();
  const text = '{"tags":["gift"],"place":{"name":"harbor"}}';
  const first = parseJsonRemembered(text) as { tags: string[]; place: { name: string } };
  first.tags.push("changed");
  first.place.name = "changed";
  const second = parseJsonRemembered(text) as typeof first;
  assert.notEqual(second, first);
  assert.deepEqual(second, { tags: ["gift"], place: { name: "harbor" } });
});

Deno.test("fromRow: records of one row share no list or object", () => {
  forgetParsedJson();
  const row = {
    id: "m1",
    persona_id: "p1",
    content: "a gift at the harbor",
    memory_type: "episodic",
    importance: 0.5,
    base_importance: 0.5,
    importance_set_at: "2026-01-01T00:00:00.000Z",
    emotional_valence: 0,
    related_personas: '["p2"]',
    visibility: "private",
    metadata: '{"place":"harbor","tags":["gift"]}',
    created_at: "2026-01-01T00:00:00.000Z",
    last_accessed: null,
    accessed_count: 0,
    embedder: "e",
    superseded_by: null,
    supersedes: '["m0"]',
    source_ids: "[]",
  } as MemoryRow;
  const first = fromRow(row);
  first.related_personas.push("p3");
  first.supersedes.length = 0;
  (first.metadata["tags"] as string[]).push("changed");
  first.source_ids.push("x");
  const second = fromRow(row);
  assert.deepEqual(second.related_personas, ["p2"]);
  assert.deepEqual(second.supersedes, ["m0"]);
  assert.deepEqual(second.metadata, { place: "harbor", tags: ["gift"] });
  assert.deepEqual(second.source_ids, []);
});
