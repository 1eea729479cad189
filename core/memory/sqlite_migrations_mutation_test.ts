import assert from "node:assert/strict";
import { personaMigrations } from "../personas/mod.ts";
import { SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import { memoryMigrations } from "./mod.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { migrateWithAria } from "./testing/bare_backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

Deno.test("the SQLite upgrade to analyser 3 clears every memory's stored terms, texted or not", async () => {
  const db = new SqliteDatabase(":memory:");
  const aria = await migrateWithAria(db, "sqlite");
  const backend = new SqliteBackend(db);
  const texts = ["its jakes bday lol", "I live in Beijing"];
  await backend.insert(texts.map((content, i) => ({
    record: sampleRecord({ id: `m${i}`, persona_id: aria.id, embedder: "ollama-x", content }),
    vector: new Float32Array([1, 0, 0]),
  })));
  await db.run("UPDATE memories SET terms = 'stale'");
  await db.run("DELETE FROM schema_migrations WHERE name = 'memories_analyser_3'");
  await db.migrate([...storageMigrations, ...personaMigrations, ...memoryMigrations]);
  const rows = await db.all<{ id: string; terms: string | null }>(
    "SELECT id, terms FROM memories ORDER BY id",
  );
  assert.deepEqual(rows.map(({ id, terms }) => [id, terms]), [["m0", null], ["m1", null]]);
  await backend.close();
  await db.close();
});
