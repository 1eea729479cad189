/**
 * PostgreSQL re-analysis while nodes work (`postgres_reanalyse.ts`, `postgres_backend.ts`): the
 * first search does not wait for it, and terms an older node writes during a rolling upgrade
 * (without `terms_analyser`) are queued and made again.
 */
import assert from "node:assert/strict";
import { onPostgres } from "../storage/testing/databases.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { migrateWithAria, NO_VECTORS } from "./testing/bare_backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { RECORD_COLUMNS } from "./sqlite_rows.ts";
import { postgresMemoryMigrations } from "./mod.ts";
import type { CandidateQuery } from "./backend.ts";
import { ANALYSER_VERSION } from "./text.ts";

/** A candidates query of `personaId`'s memories for the analysed `terms`. */
function query(personaId: string, terms: string[]): CandidateQuery {
  return {
    personaId,
    othersVisibility: [],
    terms,
    limit: 10,
    minImportance: 0,
    vector: new Float32Array([1]),
    embedder: "test",
  };
}

/** What the analyser before version 2 stored for a clause: the clause as one term. */
const OLD_TERMS = "'我的妹妹住在上海':1";

onPostgres(
  "the first search does not wait for the re-analysis; it uses the old terms",
  async (db) => {
    const aria = await migrateWithAria(db, "chroma");
    const backend = new PostgresMemoryBackend(db, NO_VECTORS);
    const record = sampleRecord({ id: "m0", persona_id: aria.id, content: "我的妹妹住在上海" });
    await backend.insert([{ record, vector: new Float32Array([1]) }]);
    // Stored as an older node stores it (the trigger queues it).
    await db.run("UPDATE memories SET terms = CAST(? AS tsvector)", OLD_TERMS);
    // Another writer holds the row: the re-analysis of it waits until the writer is done.
    const locked = Promise.withResolvers<void>();
    const release = Promise.withResolvers<void>();
    let holderPid = 0;
    const holder = db.transaction(async () => {
      await db.all("SELECT id FROM memories WHERE id = 'm0' FOR UPDATE");
      holderPid = (await db.get<{ pid: number }>("SELECT pg_backend_pid() AS pid"))!.pid;
      locked.resolve();
      await release.promise;
    });
    // Sessions this writer blocks (other tests' sessions on the same server are not counted).
    const blocked = async () =>
      (await db.all(
        "SELECT pid FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))",
        holderPid,
      )).length;
    try {
      await locked.promise;
      const searching = backend.candidates(query(aria.id, ["我的妹妹住在上海"]));
      const pass = backend.reanalysing;
      assert.ok(pass, "the first search began the re-analysis");
      for (let tries = 0; tries < 1200 && await blocked() === 0; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(await blocked(), 1, "the re-analysis reached the row and waits");
      // Before the fix the search waited for the pass, which waits for the writer: a hang. The
      // deadline turns that into a failure; it is no measure of speed.
      const deadline = AbortSignal.timeout(60_000);
      const hits = await Promise.race([
        searching,
        new Promise<never>((_, reject) =>
          deadline.addEventListener("abort", () => reject(new Error("the search waited")))
        ),
      ]);
      assert.deepEqual(hits.map((hit) => hit.record.id), ["m0"], "found by its old term");
      assert.equal(await blocked(), 1, "the re-analysis still waits for the writer");
      release.resolve();
      await holder;
      assert.equal(await pass, 1);
      const [hit] = await backend.candidates(query(aria.id, ["上海"]));
      assert.equal(hit?.record.id, "m0", "then found by the word inside");
    } finally {
      release.resolve();
      await holder.catch(() => {});
      await backend.close();
    }
  },
);

onPostgres(
  "terms an older node writes during a rolling upgrade are queued and made again",
  async (db) => {
    const aria = await migrateWithAria(db, "chroma");
    const backend = new PostgresMemoryBackend(db, NO_VECTORS);
    const vector = new Float32Array([1]);
    await backend.insert([
      {
        // The local embedder's vector: an older node's copy of it is to be made again too.
        record: sampleRecord({
          id: "new",
          persona_id: aria.id,
          content: "我住在北京",
          embedder: "local-v2-test",
        }),
        vector,
      },
      { record: sampleRecord({ id: "m2", persona_id: aria.id, content: "我住在北京" }), vector },
      { record: sampleRecord({ id: "ascii", persona_id: aria.id, content: "Paris" }), vector },
    ]);
    const queue = async () =>
      (await db.all<{ id: string }>("SELECT id FROM memory_reanalyse ORDER BY id")).map((r) =>
        r.id
      );
    // This node's save of new content (with its vector) writes current terms too.
    const [m2] = await backend.getMany(["m2"]);
    await backend.save([{ record: { ...m2!, content: "我住在上海" }, vector }]);
    assert.deepEqual(await queue(), [], "this node's writes are current");
    // An older node inserts (without the column it does not know) and rewrites a memory.
    const copied = RECORD_COLUMNS.filter((name) => name !== "id").join(", ");
    await db.run(
      `INSERT INTO memories (id, ${copied}, terms, term_count)
     SELECT 'old', ${copied}, CAST(? AS tsvector), 1 FROM memories WHERE id = 'new'`,
      OLD_TERMS,
    );
    await db.run(
      `UPDATE memories SET content = '我的妹妹住在上海', terms = CAST(? AS tsvector), term_count = 1
     WHERE id = 'm2'`,
      OLD_TERMS,
    );
    await db.run(
      "UPDATE memories SET content = 'Lyon', terms = CAST('lyon' AS tsvector) WHERE id = 'ascii'",
    );
    assert.deepEqual(await queue(), ["m2", "old"], "the older node's non-ASCII terms queued");
    const remakes = await db.all<{ id: string }>("SELECT id FROM memory_remake ORDER BY id");
    assert.deepEqual(remakes.map((row) => row.id), ["old"], "and its local vector");
    const versions = await db.all<{ id: string; terms_analyser: number }>(
      "SELECT id, terms_analyser FROM memories ORDER BY id",
    );
    assert.deepEqual(versions.map((row) => [row.id, row.terms_analyser]), [
      ["ascii", 1],
      ["m2", 1],
      ["new", ANALYSER_VERSION],
      ["old", 1],
    ]);
    const progress: number[] = [];
    assert.equal(await backend.reanalyse((done) => progress.push(done)), 2);
    assert.deepEqual(progress, [2]);
    assert.deepEqual(await queue(), []);
    // "old" holds new's text (我住在北京), found now by its words as new is.
    const hits = await backend.candidates(query(aria.id, ["上海", "北京"]));
    assert.deepEqual(hits.map((hit) => hit.record.id).sort(), ["m2", "new", "old"]);
    await backend.close();
  },
);

onPostgres(
  "the column's migration marks memories not queued as the current analyser's",
  async (db) => {
    const aria = await migrateWithAria(db, "chroma");
    const backend = new PostgresMemoryBackend(db, NO_VECTORS);
    await backend.insert(["queued", "current"].map((id) => ({
      record: sampleRecord({ id, persona_id: aria.id, content: "我住在北京" }),
      vector: new Float32Array([1]),
    })));
    // As before the column: the version 2 migration queued one memory.
    await db.run("DROP TRIGGER memories_terms_writer ON memories");
    await db.run("DROP FUNCTION memory_terms_writer()");
    await db.run("ALTER TABLE memories DROP COLUMN terms_analyser");
    await db.run("DROP TABLE memory_remake");
    await db.run(
      `DELETE FROM schema_migrations WHERE name IN
         ('pg_memories_terms_analyser_column_1', 'pg_memories_vectors_analyser_2')`,
    );
    await db.run("INSERT INTO memory_reanalyse (id) VALUES ('queued')");
    await db.migrate(postgresMemoryMigrations);
    const versions = await db.all<{ id: string; terms_analyser: number }>(
      "SELECT id, terms_analyser FROM memories ORDER BY id",
    );
    assert.deepEqual(versions.map((row) => [row.id, row.terms_analyser]), [
      ["current", 2],
      ["queued", 1],
    ]);
    await backend.close();
  },
);

onPostgres(
  "a version-2 node's terms of texted text (its mark -2) are queued for this analyser",
  async (db) => {
    const aria = await migrateWithAria(db, "chroma");
    const backend = new PostgresMemoryBackend(db, NO_VECTORS);
    const vector = new Float32Array([1]);
    await backend.insert(["texted", "plain"].map((id) => ({
      record: sampleRecord({ id, persona_id: aria.id, content: "x", embedder: "local-v2-test" }),
      vector,
    })));
    // What a version-2 node writes (analyser 2 reads "bday" as it is), with its own mark -2.
    const writeAsVersion2 = (id: string, content: string, terms: string) =>
      db.run(
        `UPDATE memories SET content = ?, terms = CAST(? AS tsvector), terms_analyser = -2
         WHERE id = ?`,
        content,
        terms,
        id,
      );
    await writeAsVersion2("texted", "leah's bday party at the pub", "'leah':1 'bdai':2 'parti':3");
    await writeAsVersion2("plain", "leah's party at the pub", "'leah':1 'parti':2 'pub':3");
    const ids = async (table: string) =>
      (await db.all<{ id: string }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
    assert.deepEqual(await ids("memory_reanalyse"), ["texted"], "stale under analyser 3 only");
    assert.deepEqual(await ids("memory_remake"), ["texted"], "and its local vector");
    const versions = await db.all<{ id: string; terms_analyser: number }>(
      "SELECT id, terms_analyser FROM memories ORDER BY id",
    );
    assert.deepEqual(versions.map((row) => [row.id, row.terms_analyser]), [
      ["plain", 2],
      ["texted", 2],
    ]);
    assert.equal(await backend.reanalyse(() => {}), 1);
    const hits = await backend.candidates(query(aria.id, ["birthdai"]));
    assert.deepEqual(hits.map((hit) => hit.record.id), ["texted"], "found as a birthday now");
    await backend.close();
  },
);

onPostgres(
  "a version-3 node's terms are queued only when analyser 4 reads its text differently",
  async (db) => {
    const aria = await migrateWithAria(db, "chroma");
    const backend = new PostgresMemoryBackend(db, NO_VECTORS);
    const vector = new Float32Array([1]);
    const ids = ["dialect", "texted", "texted2", "foreign"];
    await backend.insert(ids.map((id) => ({
      record: sampleRecord({ id, persona_id: aria.id, content: "x", embedder: "local-v2-test" }),
      vector,
    })));
    // What an older node writes, with its own mark: analyser 3 reads "cannae" and "whaur" as
    // content words, "bday" as a birthday (as version 4 does); analyser 2 reads "bday" as is.
    const writeAs = (mark: number, id: string, content: string, terms: string) =>
      db.run(
        `UPDATE memories SET content = ?, terms = CAST(? AS tsvector), terms_analyser = ?
         WHERE id = ?`,
        content,
        terms,
        mark,
        id,
      );
    await writeAs(-3, "dialect", "a cannae mind whaur the keys are", "'canna':1 'whaur':2 'kei':3");
    await writeAs(-3, "texted", "leah's bday party", "'leah':1 'birthdai':2 'parti':3");
    await writeAs(-2, "texted2", "leah's bday party", "'leah':1 'bdai':2 'parti':3");
    await writeAs(-3, "foreign", "我住在北京", "'我':1 '住在':2 '北京':3");
    const queued = async (table: string) =>
      (await db.all<{ id: string }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
    assert.deepEqual(await queued("memory_reanalyse"), ["dialect", "texted2"]);
    assert.deepEqual(await queued("memory_remake"), ["dialect", "texted2"], "and local vectors");
    const versions = await db.all<{ id: string; terms_analyser: number }>(
      "SELECT id, terms_analyser FROM memories ORDER BY id",
    );
    assert.deepEqual(versions.map((row) => [row.id, row.terms_analyser]), [
      ["dialect", 3],
      ["foreign", 3],
      ["texted", 3],
      ["texted2", 2],
    ]);
    assert.equal(await backend.reanalyse(() => {}), 2);
    assert.deepEqual(
      (await backend.candidates(query(aria.id, ["whaur"]))).map((hit) => hit.record.id),
      [],
      "a stop word now",
    );
    const hits = await backend.candidates(query(aria.id, ["kei"]));
    assert.deepEqual(hits.map((hit) => hit.record.id), ["dialect"]);
    await backend.close();
  },
);
