/**
 * The size of a piece of access-count writes (`sqlite_touch_writer.ts`) is the one its doc
 * measured (mutation review, session 27): 4 searches a transaction, about half a millisecond
 * on a busy server; the other tests use the constant, so only this one notices it change.
 *
 * @module
 */
import assert from "node:assert/strict";
import { TOUCH_WRITE_PIECE } from "./sqlite_touch_writer.ts";

Deno.test("a timed access-count write takes 4 searches' counts a transaction", () => {
  assert.equal(TOUCH_WRITE_PIECE, 4);
});
