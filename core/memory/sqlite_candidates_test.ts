import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { MEMORY_RECORDS, RECORD_SELECT } from "./sqlite_rows.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { rowsBySeqs, sortRowNumbers } from "./sqlite_candidates.ts";

Deno.test("rowsBySeqs reads every column as a row object would, and leaves the statement so", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const { memory, aria, backend } = fixture;
    const db = (fixture.db as SqliteDatabase).connection;
    const first = await memory.store(
      aria,
      input({ content: "The ferry leaves at noon", metadata: { mood: "calm" } }),
    );
    const second = await memory.store(
      aria,
      input({ content: "The ferry leaves at one now", supersedes: [first.id] }),
    );
    await backend.touch([second], "2026-06-01T00:00:00.000Z");
    await backend.flush!();
    const bySeqs = `SELECT seq, ${RECORD_SELECT} FROM ${MEMORY_RECORDS}
  WHERE seq IN (SELECT value FROM json_each(?))`;
    const seqs = db.all<{ seq: number }>("SELECT seq FROM memories ORDER BY seq")
      .map(({ seq }) => seq);
    const asObjects = db.all<Record<string, unknown>>(bySeqs, JSON.stringify(seqs));
    const read = rowsBySeqs(db, seqs);
    assert.equal(read.length, 2);
    for (const [i, row] of read.entries()) {
      assert.deepEqual({ ...row }, { ...asObjects[i] });
      assert.equal(Object.getPrototypeOf(row), Object.prototype, "a plain object");
    }
    assert.equal(read[0]!.superseded_by, second.id);
    assert.equal(read[1]!.accessed_count, 1);
    assert.ok(!Array.isArray(db.all(bySeqs, JSON.stringify(seqs))[0]), "objects again after");
  } finally {
    await fixture.close();
  }
});

Deno.test("candidate row numbers are sorted ascending in place, small and beyond 31 bits alike", () => {
  const small = [905, 3, 77, 12, 4096, 1];
  sortRowNumbers(small);
  assert.deepEqual(small, [1, 3, 12, 77, 905, 4096]);
  // Past V8's small integers (and an Int32Array's range): the comparator sort, not a wrap.
  const large = [2 ** 40 + 5, 7, 2 ** 31, 2 ** 30, 2 ** 53 - 1, 2 ** 31 - 1];
  sortRowNumbers(large);
  assert.deepEqual(large, [7, 2 ** 30, 2 ** 31 - 1, 2 ** 31, 2 ** 40 + 5, 2 ** 53 - 1]);
  const none: number[] = [];
  sortRowNumbers(none);
  assert.deepEqual(none, []);
});
