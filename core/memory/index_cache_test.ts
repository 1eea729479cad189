import { tempDirSync } from "../testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { PersonaNotFound } from "../errors.ts";
import { HashedTestEmbedder, input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { decimals, INDEX_LOAD, MINE, typeCodes } from "./index_rows.ts";
import type { Database } from "../storage/database.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** The synchronous connection under a test database (the SQLite backend's own). */
const sqlite = (db: Database) => (db as SqliteDatabase).connection;
import { SqliteTerms } from "./sqlite_terms.ts";
import { IndexCache } from "./index_cache.ts";
import { stem } from "./text.ts";

const search = (
  memory: Awaited<ReturnType<typeof memoryFixture>>["memory"],
  persona: Awaited<ReturnType<typeof memoryFixture>>["aria"],
  query: string,
  options: { min_importance?: number; memory_type?: string } = {},
) => memory.search(persona, { query, n_results: 5, min_importance: 0, ...options });

Deno.test("rows stored before the search columns existed are filled in on first search", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const ferry = await fixture.memory.store(
      fixture.aria,
      input({ content: "The ferry leaves at noon" }),
    );
    const doctor = await fixture.memory.store(
      fixture.aria,
      input({ content: "My sister is a physician" }),
    );
    // As an older database has them: no stored terms, no int8 vectors.
    sqlite(fixture.db).run("UPDATE memories SET terms = NULL, index_vector = NULL");
    const memory = await fixture.reopen();
    assert.equal((await search(memory, fixture.aria, "ferry at noon"))[0]?.id, ferry.id, "words");
    assert.equal((await search(memory, fixture.aria, "doctor"))[0]?.id, doctor.id, "meaning");
    const empty = sqlite(fixture.db).get<{ n: number }>(
      "SELECT count(*) AS n FROM memories WHERE terms IS NULL OR index_vector IS NULL",
    )!.n;
    assert.equal(empty, 0, "filled in and kept");
  } finally {
    await fixture.close();
  }
});

Deno.test("a load in one pass keeps every filter field and each embedder's own vectors", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const other = await fixture.reopen({ embedder: new HashedTestEmbedder(100) });
    const old = await other.store(
      fixture.aria,
      input({ content: "Lanterns float on the canal", importance: 0.05 }),
    );
    const shared = await fixture.memory.store(
      fixture.aria,
      input({
        content: "Lanterns glow on the river",
        visibility: "shared",
        memory_type: "observation",
        importance: 0.9,
      }),
    );
    const low = await fixture.memory.store(
      fixture.aria,
      input({
        content: "Lanterns were cheap at the market",
        importance: 0.123456,
      }),
    );
    const memory = await fixture.reopen();
    const ids = async (options: { min_importance?: number; memory_type?: string }) =>
      (await search(memory, fixture.aria, "lanterns", options)).map((hit) => hit.id).sort();
    // Words still find the memory another embedder made (its vector is never compared).
    assert.deepEqual(await ids({}), [old.id, shared.id, low.id].sort());
    assert.deepEqual(await ids({ memory_type: "observation" }), [shared.id]);
    assert.deepEqual(await ids({ min_importance: 0.123456 }), [shared.id, low.id].sort());
    assert.deepEqual(await ids({ min_importance: 0.123457 }), [shared.id], "importance exact");
    const cross = await memory.searchCrossPersona(fixture.kira, {
      query: "lanterns",
      n_results: 5,
      min_importance: 0,
      include_shared: true,
      include_public: false,
    });
    assert.deepEqual(cross.map((hit) => hit.id), [shared.id], "visibility");
  } finally {
    await fixture.close();
  }
});

Deno.test("term ids stay one per term: a rolled back write leaves none behind", async () => {
  const path = `${tempDirSync("memory-terms-")}/persona.db`;
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), { path });
  try {
    sqlite(fixture.db).run("DELETE FROM personas WHERE id = ?", fixture.kira.id);
    await assert.rejects(
      fixture.memory.store(fixture.kira, input({ content: "Zephyrine quibbles" })),
      PersonaNotFound,
    );
    assert.equal(
      sqlite(fixture.db).get<{ n: number }>(
        "SELECT count(*) AS n FROM memory_terms WHERE term = ?",
        "zephyrin",
      )?.n,
      0,
    );
    const kept = await fixture.memory.store(fixture.aria, input({ content: "Zephyrine quibbles" }));
    // A second connection reads the same ids, and finds the memory by them.
    const fresh = new SqliteTerms(sqlite(fixture.db));
    const id = sqlite(fixture.db).get<{ id: number }>(
      "SELECT id FROM memory_terms WHERE term = ?",
      stem("zephyrine"),
    )!.id;
    assert.equal(fresh.find(stem("zephyrine")), id);
    const memory = await fixture.reopen();
    assert.equal((await search(memory, fixture.aria, "Zephyrine"))[0]?.id, kept.id);
  } finally {
    await fixture.close();
  }
});

Deno.test("a write that fails in a caller's transaction (which goes on) drops its indexes", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const db = sqlite(fixture.db);
    const cache = new IndexCache(db);
    await fixture.memory.store(fixture.aria, input({ content: "The ferry leaves at noon" }));
    cache.get(fixture.aria.id, "test", 4);
    db.transaction(() => {
      // Without a savepoint, what the write did before it failed stays, and commits.
      assert.throws(() => cache.write([fixture.aria.id], () => assert.fail("the write fails")));
    });
    assert.equal(cache.loadedLexical(fixture.aria.id), undefined, "reloads on next use");
  } finally {
    await fixture.close();
  }
});

Deno.test("inserts keep loaded indexes current without reading their versions back", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  const backend = fixture.backend as SqliteBackend;
  const store = (persona: typeof fixture.aria, content: string) =>
    fixture.memory.store(persona, input({ content }));
  try {
    await store(fixture.aria, "The lighthouse keeper waves at dawn");
    await store(fixture.kira, "Kira paints the harbour boats");
    await search(fixture.memory, fixture.aria, "lighthouse");
    await search(fixture.memory, fixture.kira, "harbour");
    assert.equal(backend.indexLoads.read, 2);
    // One insert (asked for in one turn): two memories of Aria's and one of Kira's.
    const [first, second, kiras] = await Promise.all([
      store(fixture.aria, "Aria bakes rye bread on Sundays"),
      store(fixture.aria, "Aria keeps bees behind the lighthouse"),
      store(fixture.kira, "Kira sails the harbour at night"),
    ]);
    const later = await store(fixture.aria, "Aria found amber on the beach");
    const ids = async (persona: typeof fixture.aria, query: string) =>
      (await search(fixture.memory, persona, query)).map((hit) => hit.id);
    assert.ok((await ids(fixture.aria, "rye bread")).includes(first.id));
    assert.ok((await ids(fixture.aria, "bees")).includes(second.id));
    assert.ok((await ids(fixture.aria, "amber beach")).includes(later.id));
    assert.ok((await ids(fixture.kira, "sails at night")).includes(kiras.id));
    assert.equal(backend.indexLoads.read, 2, "the loaded indexes were kept, not read again");
    // A write the indexes did not see (as another process's) is still noticed at the next one.
    sqlite(fixture.db).run("UPDATE memories SET importance = 0.5 WHERE id = ?", later.id);
    await store(fixture.aria, "Aria mends the nets");
    await search(fixture.memory, fixture.aria, "nets");
    assert.equal(backend.indexLoads.read, 3, "read again after a write it did not make");
  } finally {
    await fixture.close();
  }
});

Deno.test("an index load reads one covering index in row order, never the table's rows", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const plan = sqlite(fixture.db).all<{ detail: string }>(
      `EXPLAIN QUERY PLAN ${INDEX_LOAD}`,
      "local",
      fixture.aria.id,
    ).map((row) => row.detail);
    assert.deepEqual(plan, ["SEARCH memories USING COVERING INDEX memories_search (persona_id=?)"]);
  } finally {
    await fixture.close();
  }
});

Deno.test("decimals: an index load's comma-separated integers, exact past 32 bits, divided by parts", () => {
  assert.deepEqual(decimals(null), []);
  assert.deepEqual(decimals(""), []);
  assert.deepEqual(decimals("0"), [0]);
  assert.deepEqual(decimals("7,12,4294967297,9007199254740991"), [
    7,
    12,
    4294967297,
    9007199254740991,
  ]);
  assert.deepEqual(decimals("123456000,1000000000,0,-5", 1e9), [0.123456, 1, 0, -5e-9]);
});

Deno.test("typeCodes: each row's type in order of first appearance, a type that starts another kept apart", () => {
  assert.deepEqual(typeCodes(null), { codes: [], names: [] });
  assert.deepEqual(typeCodes("conversation conversation fact conversation fact-x fact"), {
    codes: [0, 0, 1, 0, 2, 1],
    names: ["conversation", "fact", "fact-x"],
  });
  assert.deepEqual(typeCodes("fact facts fact fac"), {
    codes: [0, 1, 0, 2],
    names: ["fact", "facts", "fac"],
  });
  assert.deepEqual(typeCodes("observation"), { codes: [0], names: ["observation"] });
});

Deno.test("an index load's flags: each row's visibility bit, and MINE when its vector is the load's embedder's", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const other = await fixture.reopen({ embedder: new HashedTestEmbedder(100) });
    await fixture.memory.store(fixture.aria, input({ content: "One", visibility: "private" }));
    await other.store(fixture.aria, input({ content: "Two", visibility: "shared" }));
    await fixture.memory.store(fixture.aria, input({ content: "Three", visibility: "public" }));
    await other.store(fixture.aria, input({ content: "Four", visibility: "public" }));
    await fixture.memory.store(fixture.aria, input({ content: "Five", visibility: "shared" }));
    const row = sqlite(fixture.db).get<{ n: number; flags: Uint8Array }>(
      INDEX_LOAD,
      fixture.memory.embedderId,
      fixture.aria.id,
    )!;
    assert.equal(MINE, 8);
    assert.deepEqual([...row.flags], [1 | MINE, 2, 4 | MINE, 4, 2 | MINE]);
  } finally {
    await fixture.close();
  }
});
