/**
 * Pins of past_adverbials.ts that mutation testing (mut63) found loose: "back in" a year inside
 * a subordinate clause dates that clause's event, not the line's, with no participle near to
 * decide it instead.
 */
import assert from "node:assert/strict";
import { placedInPast } from "./past_adverbials.ts";

const folded = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

Deno.test("'back in 2019' in a subordinate clause places no main event in the past", () => {
  const tokens = folded("I stay in since the flood back in 2019");
  const since = tokens.indexOf("since");
  assert.ok(!placedInPast(tokens, { subordinate: tokens.map((_, i) => i >= since) }));
  assert.ok(placedInPast(tokens, { subordinate: [] }), "in the main clause it does");
});
