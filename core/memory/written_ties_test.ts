/**
 * `WrittenTies.start` for a persona already kept (mut59): its record stays as it is, at the
 * version its writes moved it to, with the same ties.
 */
import assert from "node:assert/strict";
import { withConnection } from "./testing/sqlite_connection.ts";
import { WrittenTies } from "./sqlite_empty_ties.ts";

Deno.test("WrittenTies.start keeps the record of a persona already kept: version and ties", async () => {
  await withConnection((db) => {
    const written = new WrittenTies();
    written.start(db, "persona-a");
    const ties = written.of("persona-a");
    assert.notEqual(ties, undefined);
    written.move("persona-a", 5);
    written.start(db, "persona-a");
    assert.equal(written.version("persona-a"), 5, "not started again at the stored version");
    assert.equal(written.of("persona-a"), ties);
    assert.equal(written.size, 1);
  });
});
