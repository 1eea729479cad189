/**
 * The SQLite source of `migrate-to-postgres` (`migrate_memories.ts`) yields every memory, in
 * batches, whatever the count (mutation review, session 27): one memory alone, and one past a
 * whole batch, are moved too.
 *
 * @module
 */
import assert from "node:assert/strict";
import { LocalEmbedder } from "../memory/embedder.ts";
import { SqliteBackend } from "../memory/sqlite_backend.ts";
import { migrateWithAria } from "../memory/testing/bare_backend.ts";
import { sampleRecord } from "../memory/testing/record_fixture.ts";
import { SqliteDatabase } from "../storage/mod.ts";
import { sqliteMemories } from "./migrate_memories.ts";

const LOCAL = new LocalEmbedder().id;

/** The ids `sqliteMemories` yields from a SQLite file holding `count` of Aria's memories. */
async function movedOf(count: number): Promise<string[]> {
  const db = new SqliteDatabase(":memory:");
  try {
    const aria = await migrateWithAria(db, "sqlite");
    await new SqliteBackend(db).insert(Array.from({ length: count }, (_, i) => ({
      record: sampleRecord({
        id: `m${i}`,
        persona_id: aria.id,
        content: `fact ${i}`,
        embedder: LOCAL,
      }),
      vector: new Float32Array([1, 0.5, 0.25, 0]),
    })));
    const ids: string[] = [];
    for (const batch of sqliteMemories(db.connection)) {
      for (const memory of batch) ids.push(memory.record.id);
    }
    return ids;
  } finally {
    await db.close();
  }
}

Deno.test("a SQLite source of one memory yields it", async () => {
  assert.deepEqual(await movedOf(1), ["m0"]);
});

Deno.test("a SQLite source one memory past a whole batch yields every memory once", async () => {
  const ids = await movedOf(201);
  assert.equal(ids.length, 201);
  assert.equal(new Set(ids).size, 201);
});
