/**
 * The SQLite backend's access counts (`touch`): the searches that finish together write theirs in
 * one commit, each exactly as it would alone.
 */
import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";

/** Frames in the WAL since it was last emptied: pages written by the commits since. */
function walFrames(db: SqliteDatabase): number {
  return db.connection.get<{ log: number }>("PRAGMA wal_checkpoint(PASSIVE)")!.log;
}

Deno.test("touches asked for together are one commit, each counted with its own time", async () => {
  const folder = await Deno.makeTempDir();
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), {
    path: `${folder}/persona.db`,
  });
  const db = fixture.db as SqliteDatabase;
  try {
    const [a, b] = await fixture.memory.storeMany(fixture.aria, [
      input({ content: "The lighthouse keeper sings at dawn" }),
      input({ content: "The ferry leaves at noon" }),
    ]);
    const empty = () => db.connection.exec("PRAGMA wal_checkpoint(TRUNCATE)");

    empty();
    await fixture.backend.touch([a!], "2026-06-01T10:00:00.000Z");
    const alone = walFrames(db);
    assert.ok(alone > 0);

    empty();
    await Promise.all([
      fixture.backend.touch([a!, b!], "2026-06-01T11:00:00.000Z"),
      fixture.backend.touch([a!], "2026-06-01T11:00:01.000Z"),
      fixture.backend.touch([a!], "2026-06-01T11:00:02.000Z"),
    ]);
    // Three commits would have written the same page three times.
    assert.equal(walFrames(db), alone, "the three touches are one commit");

    const after = await fixture.memory.get(a!.id);
    assert.equal(after.accessed_count, 4, "every touch counted");
    assert.equal(after.last_accessed, "2026-06-01T11:00:02.000Z", "the last one's time");
    const other = await fixture.memory.get(b!.id);
    assert.equal(other.accessed_count, 1);
    assert.equal(other.last_accessed, "2026-06-01T11:00:00.000Z");
  } finally {
    await fixture.close();
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("a touch inside a transaction is written in it, and undone with it", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const [a] = await fixture.memory.storeMany(fixture.aria, [
      input({ content: "A quiet harbor" }),
    ]);
    await assert.rejects(
      fixture.db.transaction(async () => {
        await fixture.backend.touch([a!], "2026-06-01T10:00:00.000Z");
        assert.equal((await fixture.memory.get(a!.id)).accessed_count, 1, "seen inside");
        throw new Error("roll back");
      }),
      /roll back/,
    );
    assert.equal((await fixture.memory.get(a!.id)).accessed_count, 0);
  } finally {
    await fixture.close();
  }
});
