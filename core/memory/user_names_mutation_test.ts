/**
 * Pins of `user_names.ts` that its behaviour tests left open, each found by a mutant that passed
 * them (session 40, mut55: core/memory/HISTORY.md).
 */
import assert from "node:assert/strict";
import {
  exchangeSender,
  nameTerms,
  opensWithUser,
  SENDER_LIMIT,
  storeUsers,
} from "./user_names.ts";

Deno.test("SENDER_LIMIT is 64: a sender of 64 characters is read, one of 65 is none", () => {
  assert.equal(SENDER_LIMIT, 64);
  const exchange = (sender: string) => `${sender} said: hi\nAria replied: hello`;
  assert.equal(exchangeSender(exchange("a".repeat(64))), "a".repeat(64));
  assert.equal(exchangeSender(exchange("a".repeat(65))), undefined);
  // The asker's name is read to SENDER_LIMIT characters too.
  assert.deepEqual([...storeUsers([], { asker: `${"x".repeat(64)} Theo` })], ["x".repeat(64)]);
});

Deno.test("an exchange's reply opens a line of its own, and a blank sender is none", () => {
  assert.equal(exchangeSender("Theo said: Aria replied: hi"), undefined);
  assert.equal(exchangeSender("   said: hi\nAria replied: ok"), undefined);
});

Deno.test("a sender's name terms are its content words of two letters or more", () => {
  assert.deepEqual(nameTerms("J Al Smith"), ["al", "smith"]);
  assert.deepEqual(nameTerms("The Doctor"), ["doctor"]);
});

Deno.test("a text opens with a user past its white space, and only as one whole term", () => {
  const users = new Set(["theo"]);
  assert.equal(opensWithUser("  Theo takes sertraline", users), true);
  assert.equal(opensWithUser("Theo-Lou takes sertraline", users), false);
});
