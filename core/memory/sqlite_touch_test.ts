/**
 * The SQLite backend's access counts (`touch`): the searches that finish together write theirs in
 * one commit, each exactly as it would alone.
 */
import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { LocalEmbedder } from "./embedder.ts";
import { SqliteBackend, TOUCH_WRITE_DELAY_MS } from "./sqlite_backend.ts";
import { TOUCH_WRITE_PIECE, TouchWriter } from "./sqlite_touch_writer.ts";
import { RowCache } from "./row_cache.ts";

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
    await fixture.backend.flush!();
    const alone = walFrames(db);
    assert.ok(alone > 0);

    empty();
    await Promise.all([
      fixture.backend.touch([a!, b!], "2026-06-01T11:00:00.000Z"),
      fixture.backend.touch([a!], "2026-06-01T11:00:01.000Z"),
      fixture.backend.touch([a!], "2026-06-01T11:00:02.000Z"),
    ]);
    await fixture.backend.flush!();
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

/** The access counts in the table itself (what another reader of the file sees). */
function storedCount(db: SqliteDatabase, id: string): number {
  return db.connection.get<{ n: number }>(
    `SELECT COALESCE((SELECT accessed_count FROM memory_access a WHERE a.seq = m.seq), 0) AS n
       FROM memories m WHERE id = ?`,
    id,
  )!.n;
}

Deno.test("a search answers before its counts are written; every read sees them meanwhile", async () => {
  const folder = await Deno.makeTempDir();
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), {
    path: `${folder}/persona.db`,
  });
  const db = fixture.db as SqliteDatabase;
  const { memory, aria } = fixture;
  try {
    const [a, b] = await memory.storeMany(aria, [
      input({ content: "The lighthouse keeper sings at dawn" }),
      input({ content: "The ferry leaves at noon" }),
    ]);
    const search = (query: string) =>
      memory.search(aria, { query, n_results: 1, min_importance: 0 });
    const [first] = await search("lighthouse keeper");
    assert.equal(first!.id, a!.id);
    assert.equal(first!.accessed_count, 1);
    assert.equal(storedCount(db, a!.id), 0, "not written yet");
    const [again] = await search("lighthouse keeper");
    assert.equal(again!.accessed_count, 2, "the next search counts on from the pending one");
    assert.equal((await memory.get(a!.id)).accessed_count, 2);
    const listed = await fixture.backend.list(aria.id);
    assert.equal(listed.find((record) => record.id === a!.id)!.accessed_count, 2);
    const { records } = await fixture.backend.page(aria.id, { limit: 5, offset: 0 });
    assert.equal(records.find((record) => record.id === a!.id)!.accessed_count, 2);
    assert.equal((await memory.stats(aria)).total_accesses, 2, "totals");
    assert.equal(storedCount(db, a!.id), 2, "totals are summed in SQL: written first");

    await search("ferry noon");
    await search("ferry noon");
    assert.equal(storedCount(db, b!.id), 0);
    db.connection.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    await new Promise((resolve) => setTimeout(resolve, TOUCH_WRITE_DELAY_MS * 4));
    assert.equal(storedCount(db, b!.id), 2, "written after the delay");
    const frames = walFrames(db);
    db.connection.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    await fixture.backend.touch([b!], "2026-06-01T10:00:00.000Z");
    await fixture.backend.flush!();
    assert.equal(frames, walFrames(db), "both searches' counts in one commit");
    assert.equal((await memory.get(b!.id)).last_accessed, "2026-06-01T10:00:00.000Z");
  } finally {
    await fixture.close();
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("a deleted memory's pending counts go with it; close writes the others", async () => {
  const folder = await Deno.makeTempDir();
  const path = `${folder}/persona.db`;
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), { path });
  const db = fixture.db as SqliteDatabase;
  try {
    const [a, b] = await fixture.memory.storeMany(fixture.aria, [
      input({ content: "The lighthouse keeper sings at dawn" }),
      input({ content: "The ferry leaves at noon" }),
    ]);
    await fixture.backend.touch([a!, b!], "2026-06-01T10:00:00.000Z");
    await fixture.memory.delete(a!.id);
    // The same memory stored again (an import) starts from no accesses.
    const [vector] = await new LocalEmbedder().embed([a!.content]);
    await fixture.backend.insert([{ record: a!, vector: vector! }]);
    assert.equal((await fixture.memory.get(a!.id)).accessed_count, 0);
    await fixture.backend.flush!();
    assert.equal(storedCount(db, a!.id), 0);
    await fixture.backend.touch([b!], "2026-06-01T11:00:00.000Z");
    await fixture.backend.close();
    assert.equal(storedCount(db, b!.id), 2, "close wrote the pending count");
  } finally {
    await fixture.close();
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("the timed write takes the oldest searches' counts in pieces; the rest stay counted", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  const db = fixture.db as SqliteDatabase;
  const writer = new TouchWriter(db, new RowCache());
  try {
    const [a, b] = await fixture.memory.storeMany(fixture.aria, [
      input({ content: "The lighthouse keeper sings at dawn" }),
      input({ content: "The ferry leaves at noon" }),
    ]);
    const at = (i: number) => new Date(Date.UTC(2026, 5, 1, 10, 0, i)).toISOString();
    const searches = TOUCH_WRITE_PIECE * 2 + 4;
    for (let i = 0; i < searches; i++) {
      await writer.touch(i < TOUCH_WRITE_PIECE + 2 ? [a!, b!] : [a!], at(i));
    }
    const seen = async (id: string) => writer.applied((await fixture.backend.get(id))!);

    await writer.writePiece();
    assert.equal(storedCount(db, a!.id), TOUCH_WRITE_PIECE, "one piece written");
    assert.equal(storedCount(db, b!.id), TOUCH_WRITE_PIECE);
    assert.equal(writer.size, searches - TOUCH_WRITE_PIECE, "the rest wait");
    const midA = await seen(a!.id);
    assert.equal(midA.accessed_count, searches, "written and pending counted once each");
    assert.equal(midA.last_accessed, at(searches - 1));
    const midB = await seen(b!.id);
    assert.equal(midB.accessed_count, TOUCH_WRITE_PIECE + 2);
    assert.equal(midB.last_accessed, at(TOUCH_WRITE_PIECE + 1), "a pending access keeps its time");

    // The next pieces follow on their own, a turn of the event loop apart.
    for (let turn = 0; writer.size > 0 && turn < 100; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    assert.equal(writer.size, 0);
    assert.equal(storedCount(db, a!.id), searches);
    assert.equal(storedCount(db, b!.id), TOUCH_WRITE_PIECE + 2);
    const after = await seen(a!.id);
    assert.equal(after.accessed_count, searches);
    assert.equal(after.last_accessed, at(searches - 1));
  } finally {
    await writer.flush();
    await fixture.close();
  }
});
