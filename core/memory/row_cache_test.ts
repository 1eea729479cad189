import assert from "node:assert/strict";
import { COUNT_MAX } from "../numbers.ts";
import { SqliteDatabase } from "../storage/mod.ts";
import { LocalEmbedder } from "./embedder.ts";
import { queryTerms } from "./lexical_index.ts";
import { type NumberedRow, RowCache } from "./row_cache.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { RECORD_COLUMNS } from "./sqlite_rows.ts";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";

/** A row as SQLite gives it (only the fields the cache looks at matter here). */
function row(seq: number, id = `m${seq}`): NumberedRow {
  return { seq, id, accessed_count: 0, last_accessed: null } as unknown as NumberedRow;
}

Deno.test("row cache: kept rows come from memory, the others from the read, in row order", () => {
  const cache = new RowCache();
  const asked: number[][] = [];
  const read = (missing: number[]) => {
    asked.push(missing);
    return missing.filter((seq) => seq !== 99).map((seq) => row(seq));
  };
  assert.deepEqual(cache.rows([7, 3, 99], read, { keep: true }).map((r) => r.seq), [3, 7]);
  assert.deepEqual(cache.rows([5, 7, 3], read, { keep: true }).map((r) => r.seq), [3, 5, 7]);
  assert.deepEqual(asked, [[7, 3, 99], [5]], "only rows not kept are read");
  assert.equal(cache.size, 3, "a row that does not exist is not kept");
  cache.rows([11], read, { keep: false });
  cache.rows([11], read, { keep: false });
  assert.deepEqual(asked.slice(2), [[11], [11]], "rows read in a transaction are not kept");
});

Deno.test("row cache: rows read are kept as plain objects of one shape, every column copied", () => {
  const cache = new RowCache();
  // As node:sqlite makes them: no prototype (dictionary mode), columns as properties.
  const raw = (seq: number) =>
    Object.assign(Object.create(null), {
      seq,
      ...Object.fromEntries(RECORD_COLUMNS.map((name) => [name, `${name} ${seq}`])),
    });
  const rows = cache.rows([2, 1], (missing) => missing.map(raw), { keep: true });
  assert.deepEqual(rows.map((row) => Object.getPrototypeOf(row)), [
    Object.prototype,
    Object.prototype,
  ]);
  assert.deepEqual(rows.map((row) => ({ ...row })), [1, 2].map((seq) => ({ ...raw(seq) })));
  assert.deepEqual(Object.keys(rows[0]!), ["seq", ...RECORD_COLUMNS], "one property order");
  const [kept] = cache.rows([1], () => [], { keep: true });
  assert.equal(kept, rows[0], "the plain row is the one kept");
});

Deno.test("row cache: touched, forgotten and bounded", () => {
  const cache = new RowCache(2);
  const read = (missing: number[]) => missing.map((seq) => row(seq));
  cache.rows([1, 2], read, { keep: true });
  cache.touched(["m1", "m1", "unknown"], "2026-06-01T00:00:00.000Z");
  const [first] = cache.rows([1], () => [], { keep: true });
  assert.equal(first!.accessed_count, 1, "one touch counts once, as the UPDATE ... IN does");
  assert.equal(first!.last_accessed, "2026-06-01T00:00:00.000Z");
  cache.forgetIds(["m2"]);
  cache.forget([1]);
  assert.equal(cache.size, 0);
  cache.rows([1, 2, 3], read, { keep: true });
  assert.equal(cache.size, 2, "past the limit the oldest kept go first");
  assert.deepEqual(cache.rows([2, 3], () => [], { keep: true }).map((r) => r.seq), [2, 3]);
});

Deno.test("row cache: a touch saturates at COUNT_MAX, as the access table does", () => {
  const cache = new RowCache();
  cache.rows([1], () => [{ ...row(1), accessed_count: COUNT_MAX - 1 }], { keep: true });
  cache.touched(["m1"], "2026-06-01T00:00:00.000Z");
  cache.touched(["m1"], "2026-06-01T00:00:01.000Z");
  assert.equal(cache.rows([1], () => [], { keep: true })[0]!.accessed_count, COUNT_MAX);
});

Deno.test("row cache: when full, the oldest sixteenth of the limit goes at once", () => {
  const cache = new RowCache(32);
  const read = (missing: number[]) => missing.map((seq) => row(seq));
  cache.rows(Array.from({ length: 32 }, (_, i) => i + 1), read, { keep: true });
  assert.equal(cache.size, 32);
  cache.rows([33], read, { keep: true });
  assert.equal(cache.size, 31, "rows 1 and 2 went");
  const asked: number[] = [];
  cache.rows([1, 2, 3, 33], (missing) => (asked.push(...missing), read(missing)), { keep: false });
  assert.deepEqual(asked, [1, 2], "the oldest two are read again, the others kept");
});

/** The backend's candidates for `text` among a persona's memories (Aria's): id → record. */
/** A candidates query for `text` among `personaId`'s memories, part of `search`. */
async function candidateQuery(text: string, personaId: string, search?: object) {
  const embedder = new LocalEmbedder();
  const [vector] = await embedder.embed([text]);
  return {
    personaId,
    othersVisibility: [],
    vector: vector!,
    embedder: embedder.id,
    terms: queryTerms(text),
    minImportance: 0,
    limit: 50,
    search,
  };
}

async function candidates(
  fixture: MemoryFixture,
  text: string,
  personaId = fixture.aria.id,
  search?: object,
) {
  const found = await fixture.backend.candidates(await candidateQuery(text, personaId, search));
  return new Map(found.map(({ record }) => [record.id, record]));
}

/** The columns of `memories` a row copied by another connection's SQL takes (all but `id`, `seq`). */
const COPIED =
  "persona_id, content, memory_type, importance, base_importance, importance_set_at, " +
  "emotional_valence, related_personas, visibility, metadata, created_at, embedder, vector";

async function sqliteFixture(path?: string) {
  return await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), { path });
}

/** Runs `test` on a fixture over a file and a second connection to that file (another process's). */
async function withOtherConnection(
  test: (fixture: MemoryFixture, other: SqliteDatabase) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "persona-rowcache-" });
  const fixture = await sqliteFixture(`${dir}/persona.db`);
  const other = new SqliteDatabase(`${dir}/persona.db`);
  try {
    await test(fixture, other);
  } finally {
    await other.close();
    await fixture.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("sqlite backend: candidates read after each write path show the write", async () => {
  const fixture = await sqliteFixture();
  try {
    const { memory, aria } = fixture;
    const bees = await memory.store(aria, input({ content: "Aria keeps bees on the roof" }));
    const honey = await memory.store(aria, input({ content: "Aria sells bees' honey" }));
    assert.equal((await candidates(fixture, "bees")).size, 2, "both kept now");

    // touch: counted once per call, on kept rows too.
    await fixture.backend.touch([bees], "2026-06-02T00:00:00.000Z");
    await fixture.backend.touch([bees, bees], "2026-06-03T00:00:00.000Z");
    let found = await candidates(fixture, "bees");
    assert.equal(found.get(bees.id)!.accessed_count, 2);
    assert.equal(found.get(bees.id)!.last_accessed, "2026-06-03T00:00:00.000Z");

    // save (memory.update): the new content and importance.
    await memory.update(bees.id, { content: "Aria keeps bees and wasps", importance: 0.9 });
    found = await candidates(fixture, "bees");
    assert.equal(found.get(bees.id)!.content, "Aria keeps bees and wasps");
    assert.equal(found.get(bees.id)!.importance, 0.9);

    // delete, then an insert that takes the deleted row's number: never the deleted memory.
    await memory.delete(honey.id);
    const wax = await memory.store(aria, input({ content: "Aria melts bees' wax" }));
    found = await candidates(fixture, "bees");
    assert.equal(found.has(honey.id), false);
    assert.equal(found.get(wax.id)?.content, "Aria melts bees' wax");

    // A kept row's record is shared and frozen: a caller's write throws and changes nothing kept.
    assert.throws(() => found.get(wax.id)!.related_personas.push("someone"), TypeError);
    assert.throws(() => (found.get(wax.id)!.content = "changed by a caller"), TypeError);
    found = await candidates(fixture, "bees");
    assert.deepEqual(found.get(wax.id)!.related_personas, []);
    assert.equal(found.get(wax.id)!.content, "Aria melts bees' wax");
  } finally {
    await fixture.close();
  }
});

Deno.test("sqlite backend: a touch rolled back with its transaction is not counted", async () => {
  const fixture = await sqliteFixture();
  try {
    const { db, memory, aria } = fixture;
    const bees = await memory.store(aria, input({ content: "Aria keeps bees on the roof" }));
    await candidates(fixture, "bees");
    await fixture.backend.touch([bees], "2026-06-02T00:00:00.000Z");
    await assert.rejects(
      db.transaction(async () => {
        await fixture.backend.touch([bees], "2026-06-03T00:00:00.000Z");
        // Read inside the transaction: its rows must not outlive it either.
        assert.equal((await candidates(fixture, "bees")).get(bees.id)!.accessed_count, 2);
        throw new Error("rolled back");
      }),
      /rolled back/,
    );
    const found = (await candidates(fixture, "bees")).get(bees.id)!;
    assert.equal(found.accessed_count, 1);
    assert.equal(found.last_accessed, "2026-06-02T00:00:00.000Z");
  } finally {
    await fixture.close();
  }
});

Deno.test("sqlite backend: another connection's commit is seen by the next candidates", async () => {
  await withOtherConnection(async (fixture, other) => {
    const { memory, aria } = fixture;
    const bees = await memory.store(aria, input({ content: "Aria keeps bees on the roof" }));
    assert.equal((await candidates(fixture, "bees")).get(bees.id)!.accessed_count, 0);
    // Columns no index holds: only the rows tell.
    await other.transaction(async () => {
      await other.run(
        "UPDATE memories SET metadata = ? WHERE id = ?",
        JSON.stringify({ note: "from another process" }),
        bees.id,
      );
      await other.run(
        `INSERT INTO memory_access (seq, accessed_count)
         SELECT seq, 7 FROM memories WHERE id = ?`,
        bees.id,
      );
    });
    const found = (await candidates(fixture, "bees")).get(bees.id)!;
    assert.equal(found.accessed_count, 7);
    assert.deepEqual(found.metadata, { note: "from another process" });
  });
});

Deno.test("sqlite backend: a search's weights go on from its first look, its candidates look again", async () => {
  await withOtherConnection(async (fixture, other) => {
    const { memory, aria } = fixture;
    const bees = await memory.store(aria, input({ content: "Aria keeps bees on the roof" }));
    await memory.store(aria, input({ content: "Aria is afraid of spiders" }));
    const search = {};
    const query = await candidateQuery("bees spiders", aria.id, search);
    const weights = await fixture.backend.termWeights(query);
    assert.equal(
      (await candidates(fixture, "bees", aria.id, search)).get(bees.id)!.accessed_count,
      0,
    );
    await other.run(
      `INSERT INTO memory_access (seq, accessed_count) SELECT seq, 7 FROM memories WHERE id = ?`,
      bees.id,
    );
    await other.run(
      `INSERT INTO memories (id, ${COPIED}) SELECT 'more bees', ${COPIED} FROM memories WHERE id = ?`,
      bees.id,
    );
    // Its weights, read from the index alone, go on from what the search saw at its first call.
    assert.deepEqual(await fixture.backend.termWeights(query), weights);
    // Its candidates see the commits: the index they score with and the rows they read agree.
    const again = await candidates(fixture, "bees", aria.id, search);
    assert.equal(again.get(bees.id)!.accessed_count, 7);
    assert.ok(again.has("more bees"));
    // The next search, and a call of none, see them too.
    assert.notDeepEqual(await fixture.backend.termWeights({ ...query, search: {} }), weights);
    assert.equal((await candidates(fixture, "bees", aria.id, {})).get(bees.id)!.accessed_count, 7);
    assert.equal((await candidates(fixture, "bees")).get(bees.id)!.accessed_count, 7);
  });
});

Deno.test("sqlite backend: a row number another connection freed and took again mid-search is the new row", async () => {
  await withOtherConnection(async (fixture, other) => {
    const { memory, aria } = fixture;
    const spiders = await memory.store(aria, input({ content: "Aria is afraid of spiders" }));
    const bees = await memory.store(aria, input({ content: "Aria keeps bees on the roof" }));
    const query = await candidateQuery("bees", aria.id, {});
    // The search's first call (its query's weights, as Searcher asks first) loads the index.
    await fixture.backend.termWeights(query);
    // Another connection deletes "bees" and stores a copy of "spiders", which takes its row
    // number (the top one).
    const seqOf = async (id: string) =>
      (await other.get<{ seq: number }>("SELECT seq FROM memories WHERE id = ?", id))!.seq;
    const seq = await seqOf(bees.id);
    await other.run("DELETE FROM memories WHERE id = ?", bees.id);
    await other.run(
      `INSERT INTO memories (id, ${COPIED}) SELECT 'copy', ${COPIED} FROM memories WHERE id = ?`,
      spiders.id,
    );
    assert.equal(await seqOf("copy"), seq, "the row number is taken again");
    const found = await fixture.backend.candidates(query);
    assert.equal(found.some(({ record }) => record.id === bees.id), false);
    const copy = found.find(({ record }) => record.id === "copy");
    const own = found.find(({ record }) => record.id === spiders.id);
    assert.ok(copy && own);
    // Scored as what it says, not as the memory whose row number it took.
    assert.equal(copy.lexical, 0);
    assert.equal(copy.similarity, own.similarity);
  });
});

Deno.test("sqlite backend: a row number freed by a cascade and taken again is the new row", async () => {
  const fixture = await sqliteFixture();
  try {
    const { db, memory, aria, kira } = fixture;
    const kiras = await memory.store(kira, input({ content: "Kira keeps bees in the hills" }));
    assert.ok((await candidates(fixture, "bees", kira.id)).has(kiras.id), "kept");
    // The persona goes by SQL alone (its rows by the foreign-key cascade): the backend is not told.
    await db.run("DELETE FROM personas WHERE id = ?", kira.id);
    const arias = await memory.store(aria, input({ content: "Aria keeps bees on the roof" }));
    const found = await candidates(fixture, "bees");
    assert.equal(found.has(kiras.id), false);
    assert.equal(found.get(arias.id)?.content, "Aria keeps bees on the roof");
  } finally {
    await fixture.close();
  }
});

Deno.test("row cache: rows offered ahead are kept up to the limit, kept ones left as they are", () => {
  const cache = new RowCache(3);
  const kept = cache.rows([1], (missing) => missing.map((seq) => row(seq)), { keep: true })[0]!;
  kept.accessed_count = 5;
  assert.equal(cache.offer([row(1), row(2), row(3), row(4)]), 2, "room for two more");
  assert.equal(cache.size, 3);
  assert.equal(cache.hasRoom, false);
  const read = (missing: number[]) => missing.map((seq) => row(seq));
  assert.deepEqual(cache.rows([1, 2, 3], read, { keep: true }).map((r) => r.accessed_count), [
    5,
    0,
    0,
  ]);
  assert.equal(cache.rows([4], read, { keep: true }).length, 1, "read, as it was not kept");
  assert.equal(cache.offer([row(5)]), 0, "full: nothing forgotten for rows read ahead");
});
