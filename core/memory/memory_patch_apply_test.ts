/**
 * `applyPatch` through `memory.update` on real SQLite (mut59): new content is marked with the
 * writer's embedder, and a new importance is the base one too, set at the clock's now.
 */
import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

Deno.test("memory.update: new content takes the writer's embedder; an importance change resets the base and its time", async () => {
  const f = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const stored = await f.memory.store(f.aria, input({ content: "Kav lives in Didsbury" }));
    const record = (await f.backend.get(stored.id))!;
    const embedder = record.embedder;
    // As if an older embedder had made it: an update of the content makes it the writer's again.
    await f.backend.save([{
      record: { ...record, embedder: "older-embedder" },
      vector: undefined,
    }]);
    await f.memory.update(stored.id, { content: "Kav lives in Chorlton now" });
    assert.equal((await f.backend.get(stored.id))!.embedder, embedder);
    f.clock.advance(60_000);
    await f.memory.update(stored.id, { importance: 0.9 });
    const raised = (await f.backend.get(stored.id))!;
    assert.equal(raised.importance, 0.9);
    assert.equal(raised.base_importance, 0.9);
    assert.equal(raised.importance_set_at, new Date(f.clock.now()).toISOString());
  } finally {
    await f.close();
  }
});
