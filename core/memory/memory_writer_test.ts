/**
 * The writer's link rules through the memory service on real SQLite.
 *
 * @module
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { InvalidInput } from "../errors.ts";

Deno.test("memory.update refuses a supersedes that would close a cycle of links, however long", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const { memory, aria } = fixture;
    const a = await memory.store(aria, input({ content: "I live in Lyon." }));
    const b = await memory.store(aria, input({ content: "I moved to Porto.", supersedes: [a.id] }));
    const c = await memory.store(
      aria,
      input({ content: "I moved to Lisbon.", supersedes: [b.id] }),
    );
    await assert.rejects(() => memory.update(a.id, { supersedes: [b.id] }), InvalidInput);
    await assert.rejects(
      () => memory.update(a.id, { supersedes: [c.id] }),
      (error: InvalidInput) => {
        assert.match(error.message, /already supersedes it/);
        return true;
      },
    );
    assert.equal((await memory.get(c.id)).superseded_by, null, "nothing written");
    // A link the other way round is fine: c may supersede a too (it is newer in the chain).
    const updated = await memory.update(c.id, { supersedes: [a.id] });
    assert.deepEqual(updated.supersedes.sort(), [a.id, b.id].sort());
  } finally {
    await fixture.close();
  }
});
