import assert from "node:assert/strict";
import type { Database, SqlValue } from "../storage/database.ts";
import { onPostgres } from "../storage/testing/databases.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { REANALYSE_BATCH, reanalyseTerms } from "./postgres_reanalyse.ts";
import { TERMS_WRITTEN_NOW, termVector } from "./postgres_rows.ts";
import { migrateWithAria, NO_VECTORS } from "./testing/bare_backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

/** A candidates query of `personaId`'s memories for the word 上海 (the tests' Chinese memory). */
// deno-lint-ignore no-explicit-any
function shanghai(personaId: string): any {
  return {
    personaId,
    othersVisibility: [],
    terms: ["上海"],
    limit: 1,
    minImportance: 0,
    vector: new Float32Array([1]),
    embedder: "test",
  };
}

/** Aria, a backend without vectors, and her memory m0 (Chinese) queued for re-analysis. */
async function withQueuedMemory(db: Database) {
  const aria = await migrateWithAria(db, "chroma");
  const backend = new PostgresMemoryBackend(db, NO_VECTORS);
  const record = sampleRecord({ id: "m0", persona_id: aria.id, content: "我的妹妹住在上海" });
  await backend.insert([{ record, vector: new Float32Array([1]) }]);
  await db.run("INSERT INTO memory_reanalyse (id) VALUES ('m0')");
  return { aria, backend };
}

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
    // (Written as an older node writes, without `terms_analyser`: the trigger queues them.)
    await db.run(
      "UPDATE memories SET terms = CAST(? AS tsvector), term_count = 2",
      "'我的妹妹住在上海':1",
    );
    const queued = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM memory_reanalyse");
    assert.equal(Number(queued!.n), count);
    await db.run("INSERT INTO memory_reanalyse (id) VALUES ('deleted-meanwhile')");
    const progress: number[] = [];
    assert.equal(await reanalyseTerms(db, { onProgress: (done) => progress.push(done) }), count);
    assert.deepEqual(progress, [REANALYSE_BATCH, count + 1], "a batch per transaction");
    assert.deepEqual(await db.all("SELECT id FROM memory_reanalyse"), [], "the queue is empty");
    const stats = await db.all<{ term: string; df: number }>(
      "SELECT term, df FROM memory_term_stats WHERE term IN ('上海', '我的妹妹住在上海')",
    );
    assert.deepEqual(stats.map((row) => [row.term, Number(row.df)]), [["上海", count]]);
    const [hit] = await backend.candidates(shanghai(aria.id));
    assert.ok(hit && hit.lexical > 0, "found by the word inside");
    assert.equal(await reanalyseTerms(db), 0, "nothing left");
    const versions = await db.all<{ terms_analyser: number }>(
      "SELECT DISTINCT terms_analyser FROM memories",
    );
    assert.deepEqual(
      versions,
      [{ terms_analyser: -TERMS_WRITTEN_NOW }],
      "written by this analyser",
    );
  },
);

onPostgres(
  "a memory rewritten between the batch's read and its write keeps its writer's terms",
  async (db) => {
    await withQueuedMemory(db);
    const rewritten = termVector("北京的天气很好");
    // The writer comes right after the batch has read the queued rows and their content.
    const racing = new Proxy(db, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (key !== "all") return typeof value === "function" ? value.bind(target) : value;
        return async (sql: string, ...params: SqlValue[]) => {
          const rows = await target.all(sql, ...params);
          if (sql.includes("memory_reanalyse")) {
            await target.run(
              `UPDATE memories SET content = ?, terms = CAST(? AS tsvector), term_count = ?,
                 terms_analyser = ${TERMS_WRITTEN_NOW}
               WHERE id = 'm0'`,
              "北京的天气很好",
              rewritten.vector,
              rewritten.count,
            );
          }
          return rows;
        };
      },
    });
    assert.equal(await reanalyseTerms(racing), 0, "nothing rewritten over the newer write");
    const [row] = await db.all<{ terms: string }>(
      "SELECT terms::text AS terms FROM memories WHERE id = 'm0'",
    );
    assert.match(row!.terms, /北京/, "the writer's terms stay");
    assert.doesNotMatch(row!.terms, /上海/);
    assert.deepEqual(await db.all("SELECT id FROM memory_reanalyse"), [], "off the queue");
  },
);

onPostgres("after a failed re-analysis the next search tries again", async (db) => {
  const aria = await migrateWithAria(db, "chroma");
  const backend = new PostgresMemoryBackend(db, NO_VECTORS);
  const record = sampleRecord({ id: "m0", persona_id: aria.id, content: "我的妹妹住在上海" });
  await backend.insert([{ record, vector: new Float32Array([1]) }]);
  await db.run("UPDATE memories SET terms = CAST(? AS tsvector)", "'我的妹妹住在上海':1");
  const search = () => backend.candidates(shanghai(aria.id));
  // A failure of the queue (here: its table is missing for a moment) fails no search.
  await db.run("ALTER TABLE memory_reanalyse RENAME TO memory_reanalyse_away");
  const first = search();
  const failing = backend.reanalysing;
  assert.deepEqual(await first, [], "not found by the word inside yet");
  await assert.rejects(failing!, "the search's pass failed");
  await db.run("ALTER TABLE memory_reanalyse_away RENAME TO memory_reanalyse");
  const second = search();
  const again = backend.reanalysing;
  await second;
  assert.ok(again, "the next search began the pass again");
  assert.equal(await again, 1);
  const [hit] = await search();
  assert.ok(hit && hit.lexical > 0, "then found by the word inside");
  assert.deepEqual(await db.all("SELECT id FROM memory_reanalyse"), [], "the queue is empty");
  await backend.close();
});

onPostgres("closing the backend ends its pass after the batch under way", async (db) => {
  const aria = await migrateWithAria(db, "chroma");
  const backend = new PostgresMemoryBackend(db, NO_VECTORS);
  const records = Array.from(
    { length: REANALYSE_BATCH + 1 },
    (_, i) => sampleRecord({ id: `m${i}`, persona_id: aria.id, content: `我的妹妹住在上海 ${i}` }),
  );
  await backend.insert(records.map((record) => ({ record, vector: new Float32Array([1]) })));
  await db.run("INSERT INTO memory_reanalyse (id) SELECT id FROM memories");
  let closed: Promise<void> | undefined;
  const written = await backend.reanalyse(() => closed ??= backend.close());
  await closed;
  assert.equal(written, REANALYSE_BATCH, "one batch, then the pass stopped");
  const left = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM memory_reanalyse");
  assert.equal(Number(left!.n), 1, "the rest waits for the next start");
  const searching = backend.candidates(shanghai(aria.id));
  assert.equal(backend.reanalysing, undefined, "a closed backend begins no pass");
  await searching;
});

onPostgres(
  "a search begins no pass inside a caller's transaction, nor soon after one ended",
  async (db) => {
    const { aria, backend } = await withQueuedMemory(db);
    // The pass would join the caller's transaction (and roll back with it).
    // Whether a search begins a pass is seen as it starts (the pass may be over by its end);
    // what that pass wrote, or undefined.
    const passOfSearch = async () => {
      const searching = backend.candidates(shanghai(aria.id));
      const pass = backend.reanalysing;
      await searching;
      return pass;
    };
    await db.transaction(async () => {
      assert.equal(await passOfSearch(), undefined);
    });
    assert.equal(await passOfSearch(), 1, "the first search outside one begins it");
    // The queue was found empty just now: searches do not look again for REANALYSE_RECHECK_MS.
    assert.equal(await passOfSearch(), undefined);
    await backend.close();
  },
);
