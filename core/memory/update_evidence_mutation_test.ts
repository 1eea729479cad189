/** Each side of the rules in `update_evidence.ts` (review37). */
import assert from "node:assert/strict";
import { changeOnQuery, ofRelativeOnly, sameOwnerUntold } from "./update_evidence.ts";

Deno.test("sameOwnerUntold needs both remarks to open with a verb in the past", () => {
  assert.ok(sameOwnerUntold("got a job at the garden centre", "quit the garden centre"));
  assert.ok(!sameOwnerUntold("My sister has a job at the garden centre", "quit the garden centre"));
  assert.ok(
    !sameOwnerUntold("got a job at the garden centre", "My sister likes the garden centre"),
  );
});

Deno.test("changeOnQuery needs the question's terms", () => {
  assert.ok(
    !changeOnQuery("I volunteer at the food bank.", "I stopped going to the food bank.", undefined),
  );
});

Deno.test("ofRelativeOnly: only a memory about the persona is kept from a relative's news", () => {
  // A memory about the persona itself: a relative's news is no update of it.
  assert.ok(ofRelativeOnly("I live in Lyon.", "My brother Tom moved to Paris."));
  // A memory about a relative already: the rule leaves it to the others.
  assert.ok(!ofRelativeOnly("My sister Ana lives in Lyon.", "My brother Tom moved to Paris."));
  // A memory about the persona that names the relative already: the news may update it.
  assert.ok(!ofRelativeOnly("I share a flat with my brother.", "My brother moved out."));
});
