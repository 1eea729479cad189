import assert from "node:assert/strict";
import { withConnection } from "./testing/sqlite_connection.ts";
import { WRITTEN_TIES_CAP, WrittenTies } from "./sqlite_empty_ties.ts";

Deno.test("WrittenTies keeps at most WRITTEN_TIES_CAP personas' records, dropping the oldest first", async () => {
  assert.equal(WRITTEN_TIES_CAP, 10_000);
  await withConnection((db) => {
    const written = new WrittenTies();
    for (let i = 0; i <= WRITTEN_TIES_CAP; i++) written.start(db, `persona-${i}`);
    assert.equal(written.size, WRITTEN_TIES_CAP);
    assert.equal(written.of("persona-0"), undefined, "the oldest record dropped");
    assert.notEqual(written.of("persona-1"), undefined);
    assert.notEqual(written.of(`persona-${WRITTEN_TIES_CAP}`), undefined, "the newest kept");
  });
});

Deno.test("WrittenTies drops the least recently written persona: a write moves its record to the newest end", async () => {
  await withConnection((db) => {
    const written = new WrittenTies();
    written.start(db, "persona-a");
    for (let i = 1; i < WRITTEN_TIES_CAP; i++) written.start(db, `persona-${i}`);
    written.move("persona-a", 7);
    written.start(db, "persona-new");
    assert.equal(written.size, WRITTEN_TIES_CAP);
    assert.notEqual(written.of("persona-a"), undefined, "the persona written last is kept");
    assert.equal(written.of("persona-1"), undefined, "the least recently written dropped");
    assert.notEqual(written.of("persona-2"), undefined);
  });
});
