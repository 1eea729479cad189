// Tests that kill mut58's surviving mutants of sqlite_empty_ties.ts and sqlite_kind_ties.ts
// (core/memory/HISTORY.md, "Session 42 — mut58"). A bare `memories` table in SQLite.
import assert from "node:assert/strict";
import { SqliteDatabase as Database } from "../storage/mod.ts";
import { keepTies, KindTies, tiesOf } from "./kind_ties.ts";
import { LexicalIndex } from "./lexical_index.ts";
import { startTies, WrittenTies } from "./sqlite_empty_ties.ts";
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
  startTies(memories([]), { personaId: "p", lexical: empty, written: new WrittenTies() });
  assert.equal(tiesOf(empty)?.complete, true);
  // Loaded empty, but a memory committed before the check (another connection's): its contents
  // were never read, so no ties are kept; the index is dropped at the next refresh.
  const behind = new LexicalIndex<number>();
  startTies(memories(["our beagle Biscuit is 5"]), {
    personaId: "p",
    lexical: behind,
    written: new WrittenTies(),
  });
  assert.equal(tiesOf(behind), undefined);
  // Another persona's memories are not this one's.
  const other = new LexicalIndex<number>();
  startTies(memories(["our beagle Biscuit is 5"]), {
    personaId: "q",
    lexical: other,
    written: new WrittenTies(),
  });
  assert.equal(tiesOf(other)?.complete, true);
});

Deno.test("readTiesSlice: an index with no ties kept reads nothing and asks for no more", () => {
  const db = memories(["our beagle Biscuit is 5"]);
  const lexical = new LexicalIndex<number>();
  assert.equal(readTiesSlice(db, { personaId: "p", lexical, budgetMs: 1_000 }), false);
  assert.equal(tiesOf(lexical), undefined);
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
