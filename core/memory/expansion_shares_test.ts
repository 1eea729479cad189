/** The expansion shares are pinned (mut59): each is documented, and the recall figures rest on them. */
import assert from "node:assert/strict";
import {
  EXPANSION_CLOSE,
  EXPANSION_COMPOUND,
  EXPANSION_DERIVED,
  EXPANSION_FORM,
  EXPANSION_KIND,
  EXPANSION_PER_TERM,
  EXPANSION_PHRASE,
  EXPANSION_SLIP,
} from "./expansion_shares.ts";

Deno.test("expansion shares: a form and a phrase's synonym take the whole weight", () => {
  assert.equal(EXPANSION_FORM, 1);
  assert.equal(EXPANSION_PHRASE, 1);
});

Deno.test("expansion shares: synonym 0.15, kind 0.4, derived word 0.25, compound's words 0.4, slip 0.8", () => {
  assert.equal(EXPANSION_CLOSE, 0.15);
  assert.equal(EXPANSION_KIND, 0.4);
  assert.equal(EXPANSION_DERIVED, 0.25);
  assert.equal(EXPANSION_COMPOUND, 0.4);
  assert.equal(EXPANSION_SLIP, 0.8);
});

Deno.test("EXPANSION_PER_TERM is 24 relatives a term", () => {
  assert.equal(EXPANSION_PER_TERM, 24);
});
