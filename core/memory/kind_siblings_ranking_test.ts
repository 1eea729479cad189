/**
 * A question that names a class ("rodents") finds the memory that names a kind of it
 * ("hamsters") above one that names a sibling the word vectors rate as near ("cats"), end to end
 * through a real SQLite store (recall106: `unlinkedCap` in `meaning/word_similarity.ts`); and
 * a class whose kinds agree with its relatives is their mean (recall109: `memberCentroid` in
 * `meaning/class_centroid.ts`).
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

Deno.test("a class question finds a member its kinds stand for: a flight for trips, above moving house (real SQLite)", async () => {
  // "trips"' kinds (journey, voyage, flight, ...) agree with its relatives, so the class is their
  // mean, nearer "fly" than the mean of every relative, which leans to "travel" and "move".
  const flight = "we fly to Rome in May";
  const move = "we moved house in May";
  assert.equal((await topContents([move, flight], "which trips have we got this year"))[0], flight);
});
