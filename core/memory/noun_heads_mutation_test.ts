import assert from "node:assert/strict";
import { headAfter } from "./noun_heads.ts";

// mut66's open mutant: the possessor's "s" read when no head came before it.
Deno.test("headAfter: a possessor is no head, the noun after its 's' is", () => {
  assert.equal(headAfter("a friend's wedding"), "wed");
  assert.equal(headAfter("my sister’s wedding in june"), "wed");
});
