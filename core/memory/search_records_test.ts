import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

Deno.test("search hands its caller records of its own: a change to one shows in no later search", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const stored = await fixture.memory.store(
      fixture.aria,
      input({ content: "Aria keeps bees on the roof", metadata: { tags: ["bees"] } }),
    );
    const params = { query: "bees on the roof", n_results: 3, min_importance: 0 };
    for (let round = 0; round < 2; round++) {
      const [hit] = await fixture.memory.search(fixture.aria, params);
      assert.equal(hit?.id, stored.id);
      assert.deepEqual(hit!.metadata, { tags: ["bees"] }, "no earlier caller's change shows");
      (hit!.metadata.tags as string[]).push("changed by a caller");
      (hit!.metadata as Record<string, unknown>).note = "changed by a caller";
      hit!.related_personas.push("someone");
      hit!.content = "changed by a caller";
    }
  } finally {
    await fixture.close();
  }
});
