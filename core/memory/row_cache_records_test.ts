/**
 * A kept row's record (`RowCache.recordOf`): made once, frozen with its lists and metadata, and
 * the same object for every search that finds the row until the row changes, so recalls in
 * flight together (a burst's lockstep) hold no records of their own; any other row's is fresh.
 */
import assert from "node:assert/strict";
import { type NumberedRow, RowCache } from "./row_cache.ts";
import { fromRow } from "./sqlite_rows.ts";
import { numberedRow } from "./testing/numbered_rows.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { LocalEmbedder } from "./embedder.ts";
import { queryTerms } from "./lexical_index.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** A full row as the cache keeps it, its JSON columns as text (a nested metadata object). */
function row(seq: number): NumberedRow {
  return numberedRow(seq, {
    related_personas: '["p2"]',
    metadata: '{"kind":"exchange","about":{"names":["Aria"]}}',
    supersedes: '["m0"]',
  });
}

const read = (missing: number[]) => missing.map(row);

Deno.test("a kept row's record: made once, frozen to its lists, the same for every read", () => {
  const cache = new RowCache();
  const [kept] = cache.rows([1], read, { keep: true });
  const record = cache.recordOf(kept!);
  assert.equal(cache.recordOf(kept!), record, "one object for every read");
  assert.equal(cache.recordOf(cache.rows([1], read, { keep: true })[0]!), record);
  assert.deepEqual(record, fromRow(kept!), "the record the row stands for");
  const metadata = record.metadata as { about: { names: string[] } };
  for (const part of [record, record.related_personas, record.supersedes, record.source_ids]) {
    assert.ok(Object.isFrozen(part));
  }
  assert.ok(Object.isFrozen(metadata) && Object.isFrozen(metadata.about));
  assert.ok(Object.isFrozen(metadata.about.names));
  assert.throws(() => (record.content = "changed"), TypeError);
  assert.throws(() => record.supersedes.push("m9"), TypeError);
  assert.throws(() => metadata.about.names.push("Kira"), TypeError);
});

Deno.test("a kept row's record is made again once the row is touched or read again", () => {
  const cache = new RowCache();
  const [kept] = cache.rows([1], read, { keep: true });
  const before = cache.recordOf(kept!);
  cache.touched(["m1"], "2026-06-01T00:00:00.000Z");
  const touched = cache.recordOf(kept!);
  assert.notEqual(touched, before);
  assert.equal(touched.accessed_count, 1);
  assert.equal(touched.last_accessed, "2026-06-01T00:00:00.000Z");
  assert.equal(before.accessed_count, 0, "a record given out stays as it was");
  assert.deepEqual(touched, fromRow(kept!), "the record the touched row stands for");
  assert.ok(Object.isFrozen(touched));
  for (const key of ["metadata", "related_personas", "supersedes", "source_ids"] as const) {
    assert.equal(touched[key], before[key], `${key}: shared, not parsed again`);
  }
  assert.equal(cache.recordOf(kept!), touched, "then shared again");
  cache.touched(["m1", "m1"], "2026-06-02T00:00:00.000Z");
  assert.equal(cache.recordOf(kept!).accessed_count, 2, "one more for each touch, not each id");
  assert.deepEqual(cache.recordOf(kept!), fromRow(kept!));
  cache.forget([1]);
  assert.notEqual(cache.recordOf(kept!), touched, "a forgotten row's record is fresh");
  const [again] = cache.rows([1], read, { keep: true });
  const reread = cache.recordOf(again!);
  assert.notEqual(reread, touched);
  assert.equal(cache.recordOf(again!), reread);
});

Deno.test("a row the cache does not keep gives a fresh, unfrozen record every time", () => {
  const cache = new RowCache();
  const [unkept] = cache.rows([2], read, { keep: false });
  const first = cache.recordOf(unkept!);
  assert.notEqual(cache.recordOf(unkept!), first);
  assert.equal(Object.isFrozen(first), false);
  first.supersedes.push("m9");
  assert.deepEqual(cache.recordOf(unkept!).supersedes, ["m0"]);
  // A copy of a kept row (same number, another object) is not the kept one.
  const [kept] = cache.rows([3], read, { keep: true });
  assert.notEqual(cache.recordOf({ ...kept! }), cache.recordOf(kept!));
  // ... and gives a fresh, unfrozen record every time, as any row not kept.
  const copy = { ...kept! };
  assert.notEqual(cache.recordOf(copy), cache.recordOf(copy));
  assert.equal(Object.isFrozen(cache.recordOf(copy)), false);
});

Deno.test("sqlite backend: two searches' candidates share a kept memory's record", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const bees = await fixture.memory.store(
      fixture.aria,
      input({ content: "Aria keeps bees on the roof" }),
    );
    const embedder = new LocalEmbedder();
    const [vector] = await embedder.embed(["bees"]);
    const query = {
      personaId: fixture.aria.id,
      othersVisibility: [],
      vector: vector!,
      embedder: embedder.id,
      terms: queryTerms("bees"),
      minImportance: 0,
      limit: 50,
    };
    const find = async () =>
      (await fixture.backend.candidates(query)).find(({ record }) => record.id === bees.id)!
        .record;
    const first = await find();
    assert.equal(await find(), first);
    assert.ok(Object.isFrozen(first));
    assert.equal(first.content, "Aria keeps bees on the roof");
  } finally {
    await fixture.close();
  }
});
