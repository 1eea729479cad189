/**
 * Boundaries of `slot_words.ts`'s owner keys (mut62): a role holding a word of several kin, among
 * others, names no one owner.
 */
import assert from "node:assert/strict";
import { slotOwnerKey } from "./slot_words.ts";

Deno.test("a role with a word of several kin among others ('older son') keys no owner", () => {
  assert.equal(slotOwnerKey({ role: "older son", roleByName: true }), undefined);
  assert.equal(slotOwnerKey({ role: "mum", roleByName: true }), "self's mum");
});

Deno.test("a role closes with a name of two letters or more, not a lone capital", () => {
  assert.equal(slotOwnerKey({ role: "brother Tom", roleByName: true }), "tom");
  assert.equal(slotOwnerKey({ role: "brother T", roleByName: true }), "self's brother t");
});
