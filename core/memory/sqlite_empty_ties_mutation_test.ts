// Tests that kill mut58's surviving mutants of sqlite_empty_ties.ts and sqlite_kind_ties.ts
// (core/memory/HISTORY.md, "Session 42 — mut58"). A bare `memories` table in SQLite.
import assert from "node:assert/strict";
import { type SqliteDatabase, SqliteDatabase as Database } from "../storage/mod.ts";
import { IndexCache } from "./index_cache.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { indexReadTarget } from "./testing/index_reads.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { keepTies, KindTies, tiesOf } from "./kind_ties.ts";
import { LexicalIndex } from "./lexical_index.ts";
import { loadEmptyIndexes, startTies } from "./sqlite_empty_ties.ts";
import { KIND_TIES_FIRST_PAGE, readTiesSlice } from "./sqlite_kind_ties.ts";

function memories(contents: readonly string[]) {
  const db = new Database(":memory:").connection;
  db.exec("CREATE TABLE memories (seq INTEGER PRIMARY KEY, persona_id TEXT, content TEXT)");
  for (const content of contents) {
    db.run("INSERT INTO memories (persona_id, content) VALUES ('p', ?)", content);
  }
  return db;
}

Deno.test("startTies: an empty index starts complete ties only when the persona has no memory", () => {
  const empty = new LexicalIndex<number>();
  startTies(memories([]), { personaId: "p", lexical: empty });
  assert.equal(tiesOf(empty)?.complete, true);
  // Loaded empty, but a memory committed before the check (another connection's): its contents
  // were never read, so no ties are kept; the index is dropped at the next refresh.
  const behind = new LexicalIndex<number>();
  startTies(memories(["our beagle Biscuit is 5"]), { personaId: "p", lexical: behind });
  assert.equal(tiesOf(behind), undefined);
  // Another persona's memories are not this one's.
  const other = new LexicalIndex<number>();
  startTies(memories(["our beagle Biscuit is 5"]), { personaId: "q", lexical: other });
  assert.equal(tiesOf(other)?.complete, true);
});

Deno.test("readTiesSlice: an index with no ties kept reads nothing and asks for no more", () => {
  const db = memories(["our beagle Biscuit is 5"]);
  const lexical = new LexicalIndex<number>();
  assert.equal(readTiesSlice(db, { personaId: "p", lexical, budgetMs: 1_000 }), false);
  assert.equal(tiesOf(lexical), undefined);
});

Deno.test("loadEmptyIndexes: a write with no vector loads nothing and does not stop the others'; a persona is asked once", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const { connection, embedder, persona } = indexReadTarget(fixture);
    const { dimensions } = await WordVectors.shared();
    const other = fixture.kira.id;
    const record = (personaId: string) => sampleRecord({ persona_id: personaId, embedder });
    const cache = new IndexCache(connection);
    // Aria's write changes metadata only (no vector): nothing to load for it; Kira's is loaded.
    loadEmptyIndexes({ db: connection, cache }, [
      { record: record(persona) },
      { record: record(other), vector: new Float32Array(dimensions) },
    ]);
    assert.equal(cache.loadedLexical(persona), undefined);
    assert.ok(cache.loadedLexical(other));
    // A persona with memories: asked whether it has any once for all its writes, not loaded.
    await fixture.memory.store(fixture.aria, input({ content: "The ferry leaves at noon" }));
    const fresh = new IndexCache(connection);
    let asked = 0;
    const get = connection.get.bind(connection);
    connection.get = <T>(sql: string, ...params: Parameters<typeof get>[1][]) => {
      if (sql.includes("EXISTS")) asked++;
      return get<T>(sql, ...params);
    };
    const vector = new Float32Array(dimensions);
    loadEmptyIndexes(
      { db: connection, cache: fresh },
      [1, 2, 3].map(() => ({ record: record(persona), vector })),
    );
    assert.equal(asked, 1);
    assert.equal(fresh.loadedLexical(persona), undefined, "loaded at its first search");
  } finally {
    await fixture.close();
  }
});

Deno.test("readTiesSlice: a reading that ends on a full page reads an empty one and is complete", () => {
  // Exactly KIND_TIES_FIRST_PAGE rows: the first page is full (not the last), the second empty.
  const contents = Array.from({ length: KIND_TIES_FIRST_PAGE }, (_, i) => `Day ${i} was quiet`);
  contents[3] = "our beagle Biscuit is 5";
  const db = memories(contents);
  const lexical = new LexicalIndex<number>();
  keepTies(lexical, new KindTies<number>({ after: 0 }));
  assert.equal(readTiesSlice(db, { personaId: "p", lexical, budgetMs: 60_000 }), false);
  assert.equal(tiesOf(lexical)?.complete, true);
  assert.deepEqual(tiesOf(lexical)?.tied(["beagl", "home"]), new Set(["beagl"]));
});
