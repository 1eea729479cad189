/**
 * Deleting a memory on a cycle an old database left (b ↔ c; the cycle check refuses new ones)
 * leaves no link to the deleted memory behind. A real SQLite database.
 */
import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";

Deno.test("deleting a middle link of an old cycle leaves its heir current, not pointing at it", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const chain: string[] = [];
    for (const colour of ["red", "blue", "green"]) {
      const stored = await fixture.memory.store(
        fixture.aria,
        input({ content: `My bicycle is ${colour}`, supersedes: chain.slice(-1) }),
      );
      chain.push(stored.id);
    }
    const [red, blue, green] = chain as [string, string, string];
    // green → blue as well: blue ↔ green, as a database from before the cycle check may hold.
    await fixture.db.run("UPDATE memories SET superseded_by = ? WHERE id = ?", blue, green);
    await fixture.memory.delete(blue);
    const heir = await fixture.memory.get(green);
    assert.equal(heir.superseded_by, null, "the heir is current, not linked to a deleted memory");
    assert.deepEqual(heir.supersedes, [red]);
    assert.equal((await fixture.memory.get(red)).superseded_by, green);
  } finally {
    await fixture.close();
  }
});
