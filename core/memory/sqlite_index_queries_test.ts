import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { asideFixture } from "./testing/aside_fixture.ts";

Deno.test("preload on its own reads a large persona's index rows aside, then loads from them", async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-preload-" });
  // Large from 3 memories: a preload with no prefetch before it still reads the rows aside.
  const { fixture, backends } = await asideFixture(dir);
  try {
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

Deno.test("a warm-up page keeps its rows for the searches after it: they read none again", async () => {
  const backends: SqliteBackend[] = [];
  const fixture = await memoryFixture((db) => {
    backends.push(new SqliteBackend(db as SqliteDatabase));
    return backends.at(-1)!;
  });
  try {
    const contents = ["The ferry to Kestrel Bay leaves at noon", "My sister is a physician"];
    await fixture.memory.storeMany(fixture.aria, contents.map((content) => input({ content })));
    const connection = (fixture.db as SqliteDatabase).connection;
    const prepare = connection.prepare.bind(connection);
    let rowReads = 0;
    // A search's candidate rows not kept are read by their numbers (`rowsBySeqs`).
    connection.prepare = (sql) => {
      if (sql.includes("WHERE seq IN (SELECT value FROM json_each(?))")) rowReads++;
      return prepare(sql);
    };
    const query = { query: "ferry", n_results: 5, min_importance: 0 };
    const cold = await fixture.reopen();
    await cold.search(fixture.aria, query);
    assert.ok(rowReads > 0, "a fresh backend reads its candidates' rows");
    const warmed = await fixture.reopen();
    const page = await backends.at(-1)!.warmPage(fixture.aria.id, { after: 0, limit: 10 });
    assert.equal(page.memories.length, 2);
    rowReads = 0;
    await warmed.search(fixture.aria, query);
    assert.equal(rowReads, 0, "the warm-up's rows are kept");
  } finally {
    await fixture.close();
  }
});
