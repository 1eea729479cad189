import assert from "node:assert/strict";
import { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";

Deno.test("preload on its own reads a large persona's index rows aside, then loads from them", async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-preload-" });
  const backends: SqliteBackend[] = [];
  const database = new SqliteDatabase(`${dir}/persona.db`, { checkpointInWorker: true });
  // Large from 3 memories: a preload with no prefetch before it still reads the rows aside.
  const fixture = await memoryFixture((db) => {
    backends.push(new SqliteBackend(db as SqliteDatabase, { asideReadMin: 3 }));
    return backends.at(-1)!;
  }, { database });
  try {
    const contents = [
      "The ferry to Kestrel Bay leaves at noon",
      "My sister is a physician in Lisbon",
      "Tide tables hang by the harbour door",
      "The lighthouse keeper feeds a grey cat",
    ];
    await fixture.memory.storeMany(fixture.aria, contents.map((content) => input({ content })));
    const memory = await fixture.reopen();
    const backend = backends.at(-1)!;
    await backend.preload(fixture.aria.id, { embedder: memory.embedderId, dimensions: 100 });
    const { read, offered, asides } = backend.indexLoads;
    assert.deepEqual({ read, offered, asides }, { read: 0, offered: 1, asides: 1 });
    assert.equal(backend.indexed(fixture.aria.id), true);
  } finally {
    await fixture.close();
    await Deno.remove(dir, { recursive: true });
  }
});
