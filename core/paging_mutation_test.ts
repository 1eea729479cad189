/**
 * Pins of the page byte budget that mutation testing (mut48) found loose: the 16 KiB kept for a
 * list reply's envelope, a call's own reply share, and the `limit` of {@linkcode countWithin}.
 */
import assert from "node:assert/strict";
import { countWithin, LIST_ENVELOPE_BYTES, listBudget, pageBudget } from "./paging.ts";

Deno.test("a list reply keeps 16 KiB for its envelope: the items get MAX_REPLY_BYTES less 16,384", () => {
  // SECURITY.md documents "MAX_REPLY_BYTES less 16 KiB"; the other tests read the constant back.
  assert.equal(LIST_ENVELOPE_BYTES, 16_384);
  assert.equal(listBudget(1_048_576), 1_032_192);
  assert.equal(listBudget(16_385), 1, "one byte past the envelope");
});

Deno.test("a call's own reply share, when set, bounds its page instead of MAX_REPLY_BYTES", () => {
  const config = { MAX_REPLY_BYTES: 1_048_576 };
  assert.equal(pageBudget({ replyBytes: 100_000, config }), 100_000 - 16_384);
  assert.equal(pageBudget({ replyBytes: undefined, config }), 1_048_576 - 16_384);
  assert.equal(pageBudget({ config }), 1_048_576 - 16_384);
});

Deno.test("countWithin takes at most `limit` items, however many the budget would hold", () => {
  const items = ["a", "b", "c", "d", "e"];
  assert.equal(countWithin(items, 2, 1_000_000), 2);
  assert.equal(countWithin(items, 0, 1_000_000), 0);
  assert.equal(countWithin(items, 9, 1_000_000), 5, "no more than there are");
  // Each one-letter string is 4 bytes with its quotes and comma: 3 fit in 12, a 4th does not.
  assert.equal(countWithin(items, 5, 12), 3);
  assert.equal(countWithin(items, 5, 1), 1, "one at least");
});
