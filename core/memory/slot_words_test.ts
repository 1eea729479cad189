import assert from "node:assert/strict";
import { NO_NAME_OPENINGS, roleKey } from "./slot_words.ts";
import { NOT_NAMES } from "./shared_names.ts";

Deno.test("roleKey: a role's gendered forms are one role", () => {
  for (const role of ["best man", "best woman", "best person", "best men"]) {
    assert.equal(roleKey(role), "best person", role);
  }
  for (const role of ["chairman", "chairwoman", "chairperson"]) {
    assert.equal(roleKey(role), "chairperson", role);
  }
  assert.equal(roleKey("man"), "person");
  assert.equal(roleKey("best people"), "best person");
  // Exactly four letters before "man" is a compound of it.
  assert.equal(roleKey("foreman"), "foreperson");
  assert.equal(roleKey("forewoman"), "foreperson");
  // Fewer than four letters before "man" is no compound of it.
  assert.equal(roleKey("German teacher"), "german teacher");
  assert.equal(roleKey("human"), "human");
  assert.equal(roleKey("shaman"), "shaman");
  // Only the head: "a man's barber" is no role of a person's sex.
  assert.equal(roleKey("man barber"), "man barber");
  assert.equal(roleKey(""), "");
});

Deno.test("NO_NAME_OPENINGS: shared_names.ts's days, months, feasts and titles, pronouns and deictic days", () => {
  for (const word of NOT_NAMES) assert.ok(NO_NAME_OPENINGS.has(word), word);
  for (
    const word of ("he she they it you this that there here his her their its everyone everybody " +
      "someone somebody nobody anyone anybody today tonight tomorrow yesterday next last").split(
        " ",
      )
  ) assert.ok(NO_NAME_OPENINGS.has(word), word);
  assert.equal(NO_NAME_OPENINGS.size, NOT_NAMES.size + 26);
  assert.ok(!NO_NAME_OPENINGS.has("dev"));
});
