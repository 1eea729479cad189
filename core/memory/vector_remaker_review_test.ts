/**
 * The background remaking (`vector_remaker.ts`) looks again after each pass (mutation review,
 * session 27): vectors queued after a pass found none (an older node of a rolling upgrade still
 * writing) are remade by a later pass, without a restart.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { LocalEmbedder } from "./embedder.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { VectorRemaker } from "./vector_remaker.ts";

Deno.test("vectors queued after a pass found none are remade by a later pass", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  const remaker = new VectorRemaker({
    backend: fixture.backend,
    embedder: new LocalEmbedder(),
    log: { warn: () => {} },
  });
  try {
    remaker.start({ later: (work) => work(), recheckMs: 5 });
    await remaker.pass;
    assert.equal(remaker.remade, 0, "nothing was queued at first");
    const memories = Array.from({ length: 3 }, (_, i) => input({ content: `苹果和梨 ${i}` }));
    await fixture.memory.storeMany(fixture.aria, memories);
    await fixture.db.run("INSERT INTO memory_remake (id) SELECT id FROM memories");
    // Each look is 5 ms after the last pass: many looks fit in this bound, whatever the load.
    for (let turn = 0; turn < 2_000 && remaker.remade < 3; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(remaker.remade, 3, "a later pass remade them");
    assert.equal((await fixture.backend.remakeQueue!(fixture.aria.id)).length, 0);
  } finally {
    await remaker.close();
    await fixture.close();
  }
});
