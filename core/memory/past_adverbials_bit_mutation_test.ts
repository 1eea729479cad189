/**
 * Pins of past_adverbials.ts that mutation testing (mut63, mut64) left open: the participle that
 * heads a time phrase is looked for before the phrase only, never in it, so "bit" (also an
 * irregular past, of "bite") as the length of time before "ago" heads nothing.
 */
import assert from "node:assert/strict";
import { placedInPast } from "./past_adverbials.ts";

/** Whether the words of `line` (spaced, folded) place it in the past, all in the main clause. */
const placed = (line: string) => placedInPast(line.split(" "), { subordinate: [] });

Deno.test("placedInPast: 'a bit ago' and 'a little bit ago' place a line in the past", () => {
  assert.equal(placed("she came round to see us a bit ago"), true);
  assert.equal(placed("she came round to see us a little bit ago"), true);
});
