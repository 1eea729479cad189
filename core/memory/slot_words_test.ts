import assert from "node:assert/strict";
import { roleKey } from "./slot_words.ts";

Deno.test("roleKey: a role's gendered forms are one role", () => {
  for (const role of ["best man", "best woman", "best person", "best men"]) {
    assert.equal(roleKey(role), "best person", role);
  }
  for (const role of ["chairman", "chairwoman", "chairperson"]) {
    assert.equal(roleKey(role), "chairperson", role);
  }
  assert.equal(roleKey("man"), "person");
  // Fewer than four letters before "man" is no compound of it.
  assert.equal(roleKey("German teacher"), "german teacher");
  assert.equal(roleKey("human"), "human");
  assert.equal(roleKey("shaman"), "shaman");
  // Only the head: "a man's barber" is no role of a person's sex.
  assert.equal(roleKey("man barber"), "man barber");
  assert.equal(roleKey(""), "");
});
