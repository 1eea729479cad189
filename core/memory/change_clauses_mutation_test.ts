import assert from "node:assert/strict";
import { changeClauseTerms } from "./change_clauses.ts";

Deno.test("a change word's clause ends at a mark right after it", () => {
  assert.deepEqual([...changeClauseTerms("I moved, and Berlin is great")], []);
  assert.ok(changeClauseTerms("I moved to Berlin, it is great").has("berlin"));
});
