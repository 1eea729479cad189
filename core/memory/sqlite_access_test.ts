/**
 * Access counts in their own table (`memory_access`, migration `memory_access_1`): an older
 * database's counts move there, a memory inserted with counts keeps them, and a memory's counts go
 * with it (its deletion, its persona's), so a row number used again starts from none. And the
 * rows the backend keeps for searches are plain copies of every column.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import {
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../personas/mod.ts";
import { SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { fromRow, MEMORY_RECORDS, plainRow, RECORD_COLUMNS, RECORD_SELECT } from "./sqlite_rows.ts";
import { memoryMigrations } from "./sqlite_migrations.ts";
import type { NumberedRow } from "./row_cache.ts";
import { SqliteBackend } from "./sqlite_backend.ts";

Deno.test("an older database's access counts move to memory_access", async () => {
  const db = new SqliteDatabase(":memory:");
  try {
    const at = memoryMigrations.findIndex((m) => m.name === "memory_access_1");
    assert.ok(at > 0);
    await db.migrate([
      ...storageMigrations,
      ...personaMigrations,
      ...memoryMigrations.slice(0, at),
    ]);
    const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
    const aria = await personas.create(PersonaCreate.parse({ name: "Aria" }));
    const insert = (id: string, count: number, last: string | null) =>
      db.run(
        `INSERT INTO memories (id, persona_id, content, memory_type, importance, base_importance,
           importance_set_at, visibility, created_at, last_accessed, accessed_count, embedder,
           vector)
         VALUES (?, ?, 'text', 'observation', 0.5, 0.5, '2026-01-01T00:00:00.000Z', 'private',
           '2026-01-01T00:00:00.000Z', ?, ?, 'e', x'00000000')`,
        id,
        aria.id,
        last,
        count,
      );
    await insert("often", 3, "2026-02-01T00:00:00.000Z");
    await insert("never", 0, null);
    await db.migrate(memoryMigrations);

    const backend = new SqliteBackend(db);
    const often = await backend.get("often");
    assert.equal(often?.accessed_count, 3);
    assert.equal(often?.last_accessed, "2026-02-01T00:00:00.000Z");
    const never = await backend.get("never");
    assert.equal(never?.accessed_count, 0);
    assert.equal(never?.last_accessed, null);
    const seqs = await db.all<{ seq: number }>("SELECT seq FROM memory_access");
    assert.deepEqual(seqs.map((row) => row.seq), [1], "only the memory ever accessed");
    const columns = (await db.all<{ name: string }>("PRAGMA table_info(memories)"))
      .map((column) => column.name);
    assert.ok(!columns.includes("accessed_count") && !columns.includes("last_accessed"));
    await backend.close();
  } finally {
    await db.close();
  }
});

Deno.test("a memory inserted with access counts keeps them; its counts go with it", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const { backend, memory, aria, kira, personas } = fixture;
    const db = fixture.db as SqliteDatabase;
    const [first] = await memory.storeMany(aria, [input({ content: "The ferry leaves at noon" })]);
    const imported = { ...first!, id: crypto.randomUUID(), accessed_count: 4 };
    imported.last_accessed = "2026-05-01T00:00:00.000Z";
    const [vector] = await new (await import("./embedder.ts")).LocalEmbedder().embed(["x"]);
    await backend.insert([{ record: imported, vector }]);
    const got = await backend.get(imported.id);
    assert.equal(got?.accessed_count, 4);
    assert.equal(got?.last_accessed, "2026-05-01T00:00:00.000Z");

    await backend.touch([first!], "2026-06-01T00:00:00.000Z");
    assert.equal((await backend.get(first!.id))?.accessed_count, 1);
    await backend.flush!();
    const accessRows = async () => (await db.all("SELECT seq FROM memory_access")).length;
    assert.equal(await accessRows(), 2);

    // The newest row's number is used again once it is deleted: the new memory has no counts.
    await memory.delete(imported.id);
    assert.equal(await accessRows(), 1, "delete");
    const [next] = await memory.storeMany(aria, [input({ content: "A new row" })]);
    assert.equal((await backend.get(next!.id))?.accessed_count, 0);
    assert.equal((await backend.get(next!.id))?.last_accessed, null);

    const [kiras] = await memory.storeMany(kira, [input({ content: "Kira's note" })]);
    await backend.touch([kiras!], "2026-06-01T00:00:00.000Z");
    await backend.flush!();
    assert.equal(await accessRows(), 2);
    await personas.delete(kira.id);
    assert.equal(await accessRows(), 1, "a persona's deletion");
  } finally {
    await fixture.close();
  }
});

Deno.test("plainRow keeps every column a record is read with, as a plain object", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const { memory, aria, backend } = fixture;
    const db = (fixture.db as SqliteDatabase).connection;
    const [stored] = await memory.storeMany(aria, [input({ content: "The ferry leaves at noon" })]);
    await backend.touch([stored!], "2026-06-01T00:00:00.000Z");
    await backend.flush!();
    const row = db.get<NumberedRow>(
      `SELECT seq, ${RECORD_SELECT} FROM ${MEMORY_RECORDS} WHERE id = ?`,
      stored!.id,
    )!;
    const plain = plainRow(row);
    assert.equal(Object.getPrototypeOf(plain), Object.prototype);
    assert.deepEqual(plain, { ...row });
    assert.deepEqual(Object.keys(plain).sort(), ["seq", ...RECORD_COLUMNS].sort());
    assert.deepEqual(fromRow(plain), await backend.get(stored!.id));
  } finally {
    await fixture.close();
  }
});
