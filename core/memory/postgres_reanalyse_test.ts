import assert from "node:assert/strict";
import { onPostgres } from "../storage/testing/databases.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { REANALYSE_BATCH, reanalyseTerms } from "./postgres_reanalyse.ts";
import { migrateWithAria, NO_VECTORS } from "./testing/bare_backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

onPostgres(
  "queued memories get the current analyser's terms a batch at a time; the queue empties",
  async (db) => {
    const aria = await migrateWithAria(db, "chroma");
    const backend = new PostgresMemoryBackend(db, NO_VECTORS);
    const count = REANALYSE_BATCH + 1;
    const records = Array.from(
      { length: count },
      (_, i) =>
        sampleRecord({ id: `m${i}`, persona_id: aria.id, content: `我的妹妹住在上海 ${i}` }),
    );
    await backend.insert(records.map((record) => ({ record, vector: new Float32Array([1]) })));
    // What an older analyser stored: the clause as one term.
    await db.run(
      "UPDATE memories SET terms = CAST(? AS tsvector), term_count = 2",
      "'我的妹妹住在上海':1",
    );
    await db.run("INSERT INTO memory_reanalyse (id) SELECT id FROM memories");
    await db.run("INSERT INTO memory_reanalyse (id) VALUES ('deleted-meanwhile')");
    const progress: number[] = [];
    assert.equal(await reanalyseTerms(db, (done) => progress.push(done)), count);
    assert.deepEqual(progress, [REANALYSE_BATCH, count + 1], "a batch per transaction");
    assert.deepEqual(await db.all("SELECT id FROM memory_reanalyse"), [], "the queue is empty");
    const stats = await db.all<{ term: string; df: number }>(
      "SELECT term, df FROM memory_term_stats WHERE term IN ('上海', '我的妹妹住在上海')",
    );
    assert.deepEqual(stats.map((row) => [row.term, Number(row.df)]), [["上海", count]]);
    const [hit] = await backend.candidates(
      {
        personaId: aria.id,
        othersVisibility: [],
        terms: ["上海"],
        limit: 1,
        minImportance: 0,
        vector: new Float32Array([1]),
        embedder: "test",
      } as unknown as Parameters<typeof backend.candidates>[0],
    );
    assert.ok(hit && hit.lexical > 0, "found by the word inside");
    assert.equal(await reanalyseTerms(db), 0, "nothing left");
  },
);
