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
import { MAX_LINK_HOPS } from "./memory_writer.ts";

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

Deno.test("memory.update lets a superseded memory be made current and replace its replacement at once", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const { memory, aria } = fixture;
    const a = await memory.store(aria, input({ content: "I live in Porto." }));
    const b = await memory.store(aria, input({ content: "I moved to Lyon.", supersedes: [a.id] }));
    const swapped = await memory.update(a.id, { superseded_by: null, supersedes: [b.id] });
    assert.equal(swapped.superseded_by, null);
    assert.deepEqual(swapped.supersedes, [b.id]);
    const replaced = await memory.get(b.id);
    assert.equal(replaced.superseded_by, a.id);
    assert.deepEqual(replaced.supersedes, [], "b no longer lists a: no cycle");
  } finally {
    await fixture.close();
  }
});

Deno.test("memory.update: two link changes at once that together close a cycle, one is refused", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const { memory, aria } = fixture;
    const c = await memory.store(aria, input({ content: "I drive a Skoda." }));
    const d = await memory.store(aria, input({ content: "I drive a Volvo." }));
    const results = await Promise.allSettled([
      memory.update(c.id, { supersedes: [d.id] }),
      memory.update(d.id, { supersedes: [c.id] }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
    const [nowC, nowD] = [await memory.get(c.id), await memory.get(d.id)];
    assert.ok(nowC.superseded_by === null || nowD.superseded_by === null, "one stays current");
  } finally {
    await fixture.close();
  }
});

Deno.test("the cycle check follows at most 1,000 links", () => {
  assert.equal(MAX_LINK_HOPS, 1_000);
});
