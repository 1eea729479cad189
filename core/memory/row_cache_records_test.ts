import assert from "node:assert/strict";
import { type NumberedRow, RowCache } from "./row_cache.ts";
import { ownRecord } from "./shared_records.ts";
import { fromRow } from "./sqlite_rows.ts";

/** A full row as SQLite gives it: lists and metadata as JSON text. */
function fullRow(seq: number, content = `memory ${seq}`): NumberedRow {
  return {
    seq,
    id: `m${seq}`,
    persona_id: "p1",
    content,
    memory_type: "observation",
    importance: 0.5,
    base_importance: 0.5,
    importance_set_at: "2026-06-01T00:00:00.000Z",
    emotional_valence: 0,
    related_personas: '["p2"]',
    visibility: "private",
    metadata: '{"speaker":"Aria","tags":["a"]}',
    created_at: "2026-06-01T00:00:00.000Z",
    last_accessed: null,
    accessed_count: 0,
    embedder: "local",
    superseded_by: null,
    supersedes: "[]",
    source_ids: "[]",
  };
}

function kept(cache: RowCache, seq: number, content?: string): NumberedRow {
  return cache.rows([seq], (missing) => missing.map((s) => fullRow(s, content)), {
    keep: true,
  })[0]!;
}

Deno.test("row cache records: one shared, frozen record per kept row, as fromRow makes it", () => {
  const cache = new RowCache();
  const row = kept(cache, 1);
  const record = cache.record(row);
  assert.deepEqual(record, fromRow(row));
  assert.equal(cache.record(kept(cache, 1)), record, "made once");
  assert.ok(Object.isFrozen(record) && Object.isFrozen(record.metadata));
  assert.ok(Object.isFrozen((record.metadata as { tags: string[] }).tags), "deeply");
  const own = ownRecord(record);
  assert.deepEqual(own, record);
  (own.metadata as { tags: string[] }).tags.push("b");
  own.related_personas.push("p3");
  assert.deepEqual(cache.record(row), fromRow(row), "a copy shares nothing");
});

Deno.test("row cache records: a row not kept gets a fresh record each time", () => {
  const cache = new RowCache();
  const [row] = cache.rows([1], (missing) => missing.map((s) => fullRow(s)), { keep: false });
  assert.notEqual(cache.record(row!), cache.record(row!));
  assert.ok(!Object.isFrozen(cache.record(row!)));
});

Deno.test("row cache records: a touch makes the next record show the counts", () => {
  const cache = new RowCache();
  const row = kept(cache, 1);
  assert.equal(cache.record(row).accessed_count, 0);
  cache.touched(["m1"], "2026-06-02T00:00:00.000Z");
  const record = cache.record(kept(cache, 1));
  assert.equal(record.accessed_count, 1);
  assert.equal(record.last_accessed, "2026-06-02T00:00:00.000Z");
});

Deno.test("row cache records: forget, forgetIds and clear drop them with their rows", () => {
  for (
    const drop of [
      (cache: RowCache) => cache.forget([1]),
      (cache: RowCache) => cache.forgetIds(["m1"]),
      (cache: RowCache) => cache.clear(),
    ]
  ) {
    const cache = new RowCache();
    const old = kept(cache, 1, "before");
    assert.equal(cache.record(old).content, "before");
    drop(cache);
    assert.equal(cache.record(old).content, "before", "a row forgotten: a fresh record of it");
    assert.ok(!Object.isFrozen(cache.record(old)));
    const row = kept(cache, 1, "after");
    assert.equal(cache.record(row).content, "after");
  }
});

Deno.test("row cache records: offered rows, and rows that made room, follow their rows", () => {
  const cache = new RowCache(16);
  const old = kept(cache, 1, "before");
  cache.record(old);
  cache.forget([1]);
  cache.offer([fullRow(1, "offered")]);
  assert.equal(cache.record(kept(cache, 1)).content, "offered");
  // Past the limit the oldest rows go, their records with them.
  for (let seq = 2; seq <= 17; seq++) cache.record(kept(cache, seq));
  assert.equal(cache.size, 16);
  assert.equal(cache.record(kept(cache, 1, "read again")).content, "read again");
});

Deno.test("row cache records: a row read in a transaction never gets the kept row's record", () => {
  const cache = new RowCache();
  const [inTransaction] = cache.rows([1], () => [fullRow(1, "not committed yet")], {
    keep: false,
  });
  cache.record(kept(cache, 1, "committed"));
  assert.equal(cache.record(inTransaction!).content, "not committed yet");
});
