import assert from "node:assert/strict";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

Deno.test("a content word with a frame word's stem keeps its weight ('presentation', not 'presently')", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const presentation = await fixture.memory.store(
      fixture.aria,
      input({ content: "I gave a presentation on solar panels to the board." }),
    );
    for (
      const content of [
        "The board of my company meets every month.",
        "I joined the board of the sailing club.",
      ]
    ) await fixture.memory.store(fixture.aria, input({ content }));
    const hits = await fixture.memory.search(fixture.aria, {
      query: "Tell me about my presentation to the board",
      n_results: 2,
      min_importance: 0,
    });
    // With "presentation" a frame word (its stem is "presently"'s) the three scored nearly alike.
    assert.equal(hits[0]!.id, presentation.id);
    assert.ok(hits[1]!.score < hits[0]!.score / 2, JSON.stringify(hits));
  } finally {
    await fixture.close();
  }
});
