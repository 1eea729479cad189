/**
 * The queue of vectors to make again (`memory_remake`, `vector_remake.ts`) on SQLite and
 * PostgreSQL storage: a save that brings a new vector takes its memory off it, one that does not
 * leaves it there; the upgrade queues the local embedder's vectors of text that is not plain
 * ASCII, never a model's (a model's vectors do not depend on the analyser).
 */
import assert from "node:assert/strict";
import { personaMigrations } from "../personas/mod.ts";
import {
  type Database,
  migrationSql,
  SqliteDatabase,
  type SqlValue,
  storageMigrations,
} from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import type { MemoryBackend } from "./backend.ts";
import { memoryMigrations, memoryMigrationsFor } from "./mod.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { REMAKE_QUEUE } from "./sqlite_rows.ts";
import { migrateWithAria, NO_VECTORS } from "./testing/bare_backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { CHAT_SPEAK } from "./chat_speak.ts";
import {
  analyserBound,
  holdsChatSpeak,
  holdsDialectSpeak,
  staleChromaVector,
  VECTORS_ANALYSER_KEY,
} from "./vector_remake.ts";

/** Aria and a backend over `db` (its vectors nowhere on PostgreSQL). */
async function backendOf(db: Database, kind: "sqlite" | "postgres") {
  const aria = await migrateWithAria(db, kind === "sqlite" ? "sqlite" : "chroma");
  const backend: MemoryBackend = kind === "sqlite"
    ? new SqliteBackend(db as SqliteDatabase)
    : new PostgresMemoryBackend(db, NO_VECTORS);
  return { aria, backend };
}

const vector = new Float32Array([1, 0, 0]);

eachDatabase("a save with a new vector takes its memory off the remake queue", async (db, kind) => {
  const { aria, backend } = await backendOf(db, kind);
  const records = ["edited", "reweighed"].map((id) =>
    sampleRecord({ id, persona_id: aria.id, content: "我住在北京", embedder: "local-test" })
  );
  await backend.insert(records.map((record) => ({ record, vector })));
  await db.run("INSERT INTO memory_remake (id) VALUES ('edited'), ('reweighed')");
  const queued = async () => (await backend.remakeQueue!(aria.id)).map((row) => row.id);
  assert.deepEqual(await queued(), ["edited", "reweighed"]);
  await backend.save([
    { record: { ...records[0]!, content: "我住在上海" }, vector: new Float32Array([0, 1, 0]) },
    { record: { ...records[1]!, importance: 0.9 } },
  ]);
  assert.deepEqual(await queued(), ["reweighed"], "only the one whose vector was made again");
  await backend.close();
});

/**
 * Stores `told` (id, embedder, content) for Aria, empties the remake queue (drops it before
 * version 2) and runs the migrations again without `migration` (SQLite's name, PostgreSQL's with
 * "pg_"): the ids queued.
 */
async function queuedByUpgrade(
  db: Database,
  kind: "sqlite" | "postgres",
  migration: string,
  told: readonly (readonly [string, string, string])[],
): Promise<string[]> {
  const { aria, backend } = await backendOf(db, kind);
  await backend.insert(told.map(([id, embedder, content]) => ({
    record: sampleRecord({ id, persona_id: aria.id, embedder, content }),
    vector,
  })));
  // As before the version that queues them: the migration not applied (version 2 made the queue).
  const made = migration === "memories_vectors_analyser_2";
  await db.run(made ? "DROP TABLE memory_remake" : "DELETE FROM memory_remake");
  await db.run(
    "DELETE FROM schema_migrations WHERE name = ?",
    kind === "sqlite" ? migration : `pg_${migration}`,
  );
  await db.migrate([
    ...storageMigrations,
    ...personaMigrations,
    ...memoryMigrationsFor({ MEMORY_BACKEND: kind === "sqlite" ? "sqlite" : "chroma" }),
  ]);
  const queued = await db.all<{ id: string }>("SELECT id FROM memory_remake ORDER BY id");
  await backend.close();
  return queued.map((row) => row.id);
}

eachDatabase(
  "the upgrade queues the local embedder's non-ASCII vectors, not a model's",
  async (db, kind) => {
    const queued = await queuedByUpgrade(db, kind, "memories_vectors_analyser_2", [
      ["local", "local-test", "我住在北京"],
      ["model", "ollama-nomic-embed-text", "我住在北京"],
      ["ascii", "local-test", "I live in Beijing"],
    ]);
    assert.deepEqual(queued, ["local"]);
  },
);

eachDatabase(
  "the upgrade to analyser 3 queues local vectors of texts with a texting spelling",
  async (db, kind) => {
    const queued = await queuedByUpgrade(db, kind, "memories_analyser_3", [
      ["texted", "local-test", "its jakes bday lol"],
      ["model", "ollama-nomic-embed-text", "its jakes bday lol"],
      ["written", "local-test", "Jake's birthday is immediately after mine"],
    ]);
    assert.deepEqual(queued, ["texted"]);
  },
);

Deno.test("the SQLite upgrade to analyser 3 reads each local text once, not a pattern per word", async () => {
  const upgrade = memoryMigrations.find((migration) => migration.name === "memories_analyser_3")!;
  const sql = migrationSql(upgrade, "sqlite");
  assert.doesNotMatch(sql, /GLOB|bday/i, "no pattern per lexicon word");
  const holds = upgrade.sqliteFunctions?.holds_chat_speak;
  assert.ok(holds, "the texts are read by the migration's function");
  const read: string[] = [];
  const counted = {
    ...upgrade,
    sqliteFunctions: {
      holds_chat_speak: (content: SqlValue) => (read.push(String(content)), holds(content)),
    },
  };
  const db = new SqliteDatabase(":memory:");
  const { aria, backend } = await backendOf(db, "sqlite");
  const texts = ["its jakes bday lol", "I live in Beijing", "Jake's birthday", "我住在北京 tbh"];
  await backend.insert([
    ...texts.map((content, i) => ({
      record: sampleRecord({
        id: `local${i}`,
        persona_id: aria.id,
        embedder: "local-test",
        content,
      }),
      vector,
    })),
    {
      record: sampleRecord({
        id: "model",
        persona_id: aria.id,
        embedder: "ollama-x",
        content: "bday",
      }),
      vector,
    },
  ]);
  await db.run("DELETE FROM memory_remake");
  await db.run("DELETE FROM schema_migrations WHERE name = 'memories_analyser_3'");
  await db.migrate([...storageMigrations, ...personaMigrations, counted]);
  assert.deepEqual(read.sort(), [...texts].sort(), "each local text read once, a model's never");
  const queued = await db.all<{ id: string }>("SELECT id FROM memory_remake ORDER BY id");
  assert.deepEqual(queued.map((row) => row.id), ["local0", "local3"]);
  await backend.close();
  await db.close();
});

eachDatabase(
  "the upgrade to analyser 4 queues local vectors of texts with a dialect spelling, only those",
  async (db, kind) => {
    const queued = await queuedByUpgrade(db, kind, "memories_analyser_4", [
      ["dialect", "local-test", "A cannae mind whaur the keys are"],
      ["model", "ollama-nomic-embed-text", "A cannae mind whaur the keys are"],
      ["texted", "local-test", "its jakes bday lol"],
      ["foreign", "local-test", "我住在北京"],
      ["written", "local-test", "I cannot remember where the keys are"],
    ]);
    assert.deepEqual(queued, ["dialect"]);
  },
);

Deno.test("the SQLite upgrade to analyser 4 clears only the terms of texts it reads differently, each read once", async () => {
  const upgrade = memoryMigrations.find((migration) => migration.name === "memories_analyser_4")!;
  assert.doesNotMatch(migrationSql(upgrade, "sqlite"), /GLOB|cannae/i, "no pattern per word");
  const holds = upgrade.sqliteFunctions?.holds_dialect_speak;
  assert.ok(holds, "the texts are read by the migration's function");
  const read: string[] = [];
  const counted = {
    ...upgrade,
    sqliteFunctions: {
      holds_dialect_speak: (content: SqlValue) => (read.push(String(content)), holds(content)),
    },
  };
  const db = new SqliteDatabase(":memory:");
  const { aria, backend } = await backendOf(db, "sqlite");
  const told = [
    ["local", "local-test", "Dae ye ken aboot the rent"],
    ["model", "ollama-x", "wot time is it"],
    ["texted", "local-test", "its jakes bday lol"],
    ["written", "local-test", "Do you know about the rent"],
  ] as const;
  await backend.insert(told.map(([id, embedder, content]) => ({
    record: sampleRecord({ id, persona_id: aria.id, embedder, content }),
    vector,
  })));
  await db.run("DELETE FROM memory_remake");
  await db.run("DELETE FROM schema_migrations WHERE name = 'memories_analyser_4'");
  assert.equal(
    (await db.get<{ n: number }>("SELECT count(*) AS n FROM memories WHERE terms IS NULL"))!.n,
    0,
  );
  await db.migrate([...storageMigrations, ...personaMigrations, counted]);
  assert.deepEqual(read.sort(), told.map(([, , content]) => content).sort(), "each once");
  const cleared = await db.all<{ id: string }>(
    "SELECT id FROM memories WHERE terms IS NULL ORDER BY id",
  );
  assert.deepEqual(cleared.map((row) => row.id), ["local", "model"], "a model's terms too");
  const queued = await db.all<{ id: string }>("SELECT id FROM memory_remake ORDER BY id");
  assert.deepEqual(queued.map((row) => row.id), ["local"], "a model's vector never");
  const left = await db.all("SELECT name FROM sqlite_temp_master WHERE type = 'table'");
  assert.deepEqual(left, [], "its work table dropped");
  await backend.close();
  await db.close();
});

Deno.test("a Chroma vector made by analyser 3 is stale only when its text holds a dialect spelling", () => {
  const stale = (content: string, mark?: number) =>
    staleChromaVector(
      "local-test",
      content,
      mark === undefined ? {} : { [VECTORS_ANALYSER_KEY]: mark },
    );
  assert.equal(stale("A cannae mind whaur the keys are", 3), true, "read differently by 4");
  assert.equal(stale("A cannae mind whaur the keys are", 4), false, "made by 4");
  assert.equal(stale("A cannae mind whaur the keys are"), true, "made before the marks");
  assert.equal(stale("its jakes bday lol", 3), false, "version 4 reads other texting alike");
  assert.equal(stale("its jakes bday lol wi ma pals", 3), true, "both kinds: 4 is the last");
  assert.equal(stale("Mi hermana vive en Málaga", 3), false);
  assert.equal(analyserBound("local-test", "aboot"), true);
  assert.equal(analyserBound("ollama-x", "aboot"), false, "a model's vector reads the raw text");
  // Every version's change binds a local vector: texting (3) and text not plain ASCII (2) too.
  assert.equal(analyserBound("local-test", "its jakes bday lol"), true);
  assert.equal(analyserBound("local-test", "Mi hermana vive en Málaga"), true);
  assert.equal(analyserBound("local-test", "I live in Beijing"), false, "read alike by all");
});

Deno.test("the texts analyser 4 reads differently are those with a spelling it added", () => {
  for (const word of ["cannae", "aboot", "wot", "thatll", "yer"]) {
    assert.ok(holdsDialectSpeak(`Saw Jake, ${word.toUpperCase()}!`), word);
  }
  for (const text of ["its jakes bday lol", "Canna lilies", "the DA", "abootique", "我住在北京"]) {
    assert.equal(holdsDialectSpeak(text), false, text);
  }
});

Deno.test("a Chroma vector is stale only when a newer analyser reads its text differently", () => {
  const stale = (content: string, mark?: number, embedder = "local-test") =>
    staleChromaVector(
      embedder,
      content,
      mark === undefined ? {} : { [VECTORS_ANALYSER_KEY]: mark },
    );
  const spanish = "Mi hermana vive en Málaga con su marido";
  assert.equal(stale(spanish, 2), false, "non-ASCII made by version 2: version 3 reads it alike");
  assert.equal(stale(spanish), true, "non-ASCII made before the marks");
  assert.equal(stale("its jakes bday lol", 2), true, "a texting spelling made by version 2");
  assert.equal(stale("Málaga tmrw", 2), true);
  assert.equal(stale("its jakes bday lol", 3), false);
  assert.equal(stale("I live in Beijing"), false, "plain English is read alike by every version");
  assert.equal(stale("its jakes bday lol", undefined, "ollama-x"), false, "a model's vector");
});

Deno.test("the texts the upgrade queues are read from the lexicon as it is", () => {
  for (const word of CHAT_SPEAK.keys()) {
    assert.ok(holdsChatSpeak(`Saw Jake, ${word.toUpperCase()}!`), word);
  }
  assert.equal(holdsChatSpeak("Jake's birthday is immediately after mine"), false);
});

Deno.test("SQLite reads a persona's remake queue from the queue's side, never scanning the persona", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    await backendOf(db, "sqlite");
    // From the persona's side, each of its memories would be looked up in the queue (0.1-0.9 s
    // at 100,000 memories, at every start and every `memory.get_stats`), though it is empty.
    const plan = await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${REMAKE_QUEUE}`, "aria");
    assert.match(plan[0]!.detail, /^SCAN q\b/, JSON.stringify(plan));
    assert.match(plan[1]!.detail, /^SEARCH m USING INDEX sqlite_autoindex_memories_1 \(id=\?\)/);
    assert.ok(!plan.some((step) => /TEMP B-TREE/.test(step.detail)), "in the queue's key order");
  } finally {
    await db.close();
  }
});
