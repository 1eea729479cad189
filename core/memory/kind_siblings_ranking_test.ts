/**
 * A question that names a class ("rodents") finds the memory that names a kind of it
 * ("hamsters") above one that names a sibling the word vectors rate as near ("cats"), end to end
 * through a real SQLite store (recall106: `unlinkedCap` in `meaning/word_similarity.ts`).
 */
import assert from "node:assert/strict";
import { topContents } from "./testing/told_memories.ts";

Deno.test("a class question finds the kind above the sibling: hamsters for rodents, a poodle for dogs (real SQLite)", async () => {
  const hamsters = "we have two hamsters";
  const cats = "we have two cats";
  assert.equal((await topContents([cats, hamsters], "which rodents do we keep"))[0], hamsters);
  const poodle = "Dad has a poodle called Moss";
  const cat = "Dad has a cat called Moss";
  assert.equal((await topContents([cat, poodle], "which dogs does my dad have"))[0], poodle);
});
