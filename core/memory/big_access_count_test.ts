/**
 * An access count stored beyond 2^53 - 1 (before counts stopped at COUNT_MAX, or by hand), in a
 * real SQLite file or in PostgreSQL: every read of the backend answers, the count read back held
 * to COUNT_MAX (review21: on SQLite `rowsBySeqs` read outside the connection's bigint-safe
 * reads, so the search failed; both stores gave the count back unbounded).
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { COUNT_MAX } from "../numbers.ts";
import { SqliteDatabase } from "../storage/mod.ts";
import { onPostgres } from "../storage/testing/databases.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { rowsBySeqs } from "./sqlite_candidates.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { migrateWithAria, NO_VECTORS } from "./testing/bare_backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

const BEYOND = "9007199254740993"; // 2^53 + 1
const HUGE = "4611686018427387905"; // 2^62 + 1

Deno.test("SQLite memory reads hold an access count stored beyond 2^53 to COUNT_MAX", async () => {
  const dir = await Deno.makeTempDir({ prefix: "big-access-" });
  const path = `${dir}/persona.db`;
  try {
    let db = new SqliteDatabase(path);
    const aria = await migrateWithAria(db, "sqlite");
    const backend = new SqliteBackend(db);
    const contents = ["the lighthouse keeper sings at dawn", "gulls on the pier", "a tide"];
    const records = contents.map((content, i) =>
      sampleRecord({ id: `m${i + 1}`, persona_id: aria.id, content, accessed_count: 5 })
    );
    const record = records[0]!;
    await backend.insert(records.map((r) => ({ record: r, vector: new Float32Array([1, 0]) })));
    await backend.close?.();
    await db.close();

    // m1 as review21 reproduced it; m2 and m3 so large that their SUM overflows SQLite's int64.
    const raw = new DatabaseSync(path);
    const set = (id: string, count: string) =>
      raw.exec(`UPDATE memory_access SET accessed_count = ${count}
        WHERE seq = (SELECT seq FROM memories WHERE id = '${id}')`);
    set("m1", BEYOND);
    set("m2", HUGE);
    set("m3", HUGE);
    const stored = raw.prepare(
      "SELECT CAST(accessed_count AS TEXT) AS n FROM memory_access ORDER BY seq",
    );
    assert.deepEqual(stored.all().map((row) => row.n), [BEYOND, HUGE, HUGE]);
    raw.close();

    db = new SqliteDatabase(path);
    const fresh = new SqliteBackend(db);
    try {
      assert.deepEqual((await fresh.get("m1"))?.accessed_count, COUNT_MAX);
      const all = [COUNT_MAX, COUNT_MAX, COUNT_MAX];
      assert.deepEqual((await fresh.list(aria.id)).map((r) => r.accessed_count), all);
      const page = await fresh.page(aria.id, { limit: 10, offset: 0 });
      assert.deepEqual(page.records.map((r) => r.accessed_count), all);
      // The statistics' sum counts each at most COUNT_MAX (and does not overflow).
      assert.equal((await fresh.totals(aria.id, record.embedder)).total_accesses, 3 * COUNT_MAX);
      const candidates = await fresh.candidates({
        personaId: aria.id,
        othersVisibility: [],
        vector: new Float32Array([1, 0]),
        embedder: record.embedder,
        terms: ["lighthous"],
        minImportance: 0,
        limit: 10,
      });
      assert.ok(candidates.length > 0);
      assert.ok(candidates.every((c) => c.record.accessed_count === COUNT_MAX));
      const warm = await fresh.warmPage!(aria.id, { after: 0, limit: 10 });
      assert.deepEqual(warm.memories.length, 3);
      assert((await fresh.get("m1"))!.accessed_count <= COUNT_MAX);
    } finally {
      await fresh.close?.();
      await db.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

onPostgres(
  "PostgreSQL memory reads hold an access count stored beyond 2^53 to COUNT_MAX",
  async (db) => {
    const aria = await migrateWithAria(db, "chroma");
    const backend = new PostgresMemoryBackend(db, NO_VECTORS);
    const record = sampleRecord({
      id: "m1",
      persona_id: aria.id,
      content: "the lighthouse keeper",
    });
    await backend.insert([{ record, vector: new Float32Array([1, 0]) }]);
    await db.run(`UPDATE memories SET accessed_count = ${BEYOND}`);
    assert.equal((await backend.get("m1"))?.accessed_count, COUNT_MAX);
    assert.deepEqual((await backend.list(aria.id)).map((r) => r.accessed_count), [COUNT_MAX]);
    const page = await backend.page(aria.id, { limit: 10, offset: 0 });
    assert.deepEqual(page.records.map((r) => r.accessed_count), [COUNT_MAX]);
    assert.equal((await backend.totals(aria.id, record.embedder)).total_accesses, COUNT_MAX);
    // A touch brings the stored count back within the bound.
    await backend.touch([(await backend.get("m1"))!], new Date(0).toISOString());
    const stored = await db.get<{ n: number }>("SELECT accessed_count AS n FROM memories");
    assert.equal(Number(stored?.n), COUNT_MAX);
  },
);

Deno.test("SQLite reads apart from the connection's own retry an integer beyond 2^53 - 1 too", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    // `allArrays` (the persona cache's load) prepares its statement apart.
    assert.deepEqual(await db.allArrays!("SELECT 9007199254740993 AS n, 'x' AS s"), [[
      Number.MAX_SAFE_INTEGER,
      "x",
    ]]);
    // `rowsBySeqs` (a search's rows) reads as arrays, apart from the connection's `all`: a row
    // number of 2^53 (only by hand) is read, held to 2^53 - 1.
    const aria = await migrateWithAria(db, "sqlite");
    const backend = new SqliteBackend(db);
    const record = sampleRecord({ id: "m1", persona_id: aria.id, content: "the keeper" });
    await backend.insert([{ record, vector: new Float32Array([1, 0]) }]);
    await backend.close?.();
    await db.run("UPDATE memories SET seq = 9007199254740992");
    const rows = await db.exclusive((c) => rowsBySeqs(c, [9007199254740992]));
    assert.deepEqual(rows.map((row) => [row.seq, row.id]), [[Number.MAX_SAFE_INTEGER, "m1"]]);
  } finally {
    await db.close();
  }
});
