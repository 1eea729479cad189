/**
 * Pin of recall39's class words that mutation testing (mut46) found loose: a singular class word
 * owned by a name's possessive ("Anna's spouse") asks about its members, as one owned by "my" or
 * "his" does; an unowned one ("a spouse") does not.
 */
import assert from "node:assert/strict";
import { askedMembers } from "./class_members.ts";

Deno.test("a singular class word after a name's possessive asks about its members", () => {
  assert.equal(askedMembers("What does Anna's spouse do?")?.length, 2);
  assert.equal(askedMembers("What does a spouse do?"), undefined);
});
