/**
 * Pins the text depth walk (json_depth.ts) where a string ends right before a closing bracket:
 * the bracket must still close its level, or a wide, shallow message would read as deep.
 */
import assert from "node:assert/strict";
import { MAX_JSON_DEPTH, textDepthExceeds } from "./json_depth.ts";

Deno.test("a closing bracket right after a string closes its level", () => {
  const wide = JSON.stringify(Array.from({ length: 3 * MAX_JSON_DEPTH }, () => ["a"]));
  assert.equal(textDepthExceeds(wide), false, "depth 2, however many items");
  const keyed = JSON.stringify(Array.from({ length: 3 * MAX_JSON_DEPTH }, () => ({ k: "v" })));
  assert.equal(textDepthExceeds(keyed), false);
});

Deno.test("exactly MAX_JSON_DEPTH levels pass; one more is refused", () => {
  const nested = (levels: number) => "[".repeat(levels) + '"x"' + "]".repeat(levels);
  assert.equal(textDepthExceeds(nested(MAX_JSON_DEPTH)), false);
  assert.equal(textDepthExceeds(nested(MAX_JSON_DEPTH + 1)), true);
});
