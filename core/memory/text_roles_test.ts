import assert from "node:assert/strict";
import { markedOf, rolesOf } from "./text_roles.ts";
import { TextFactors } from "./text_factors.ts";
import { MODIFIER_ONLY, queryModifiers } from "./noun_modifiers.ts";
import { OTHER_CLASS } from "./word_class.ts";
import type { MemoryRecord } from "./schema.ts";

const recordOf = (content: string) => ({ content }) as MemoryRecord;

Deno.test("a text's marked uses are read only when a query with a word of a plain class asks", () => {
  const content = "I failed my driving test twice, said the marked-uses test.";
  rolesOf.forget();
  // "Driving lessons?" has no word after "I" or "the": the marked uses stay unread.
  const plain = queryModifiers("Driving lessons?", ["drive", "lesson"]);
  assert.equal(new TextFactors({ modifiers: plain }).modified(recordOf(content)), 1);
  assert.equal(rolesOf(content).marked, undefined);
  // "should I drive" makes "drive" a verb: the same text's marked uses are read, and cross it
  // (asked with a modal: a "do" question asks a habit, and a past line loses `PAST_TOLD` too).
  const verb = queryModifiers("What car should I drive?", ["car", "drive"]);
  assert.equal(new TextFactors({ modifiers: verb }).modified(recordOf(content)), 1 - OTHER_CLASS);
  assert.deepEqual(rolesOf(content).marked, { verbs: ["fail"], nouns: ["drive", "mark"] });
  assert.equal(markedOf(rolesOf(content)), rolesOf(content).marked);
});

Deno.test("a query with no word of a plain class still gets the modifier factor", () => {
  // "Dog?" gives no class, so only the modifiers are read: "the dog park" still costs.
  const modifiers = queryModifiers("Dog?", ["dog"]);
  const factors = new TextFactors({ modifiers });
  assert.equal(factors.modified(recordOf("We walked past the dog park.")), 1 - MODIFIER_ONLY);
  assert.equal(factors.modified(recordOf("The dog slept.")), 1);
});

Deno.test("a memory with no modifier pair still loses MODIFIER_ONLY to a query's pair", () => {
  // The memory has no pair, the query has one ("a learning difficulty"): not let go early.
  const modifiers = queryModifiers("Does he have a learning difficulty?", ["learn", "difficulty"]);
  const content = "Pri is learning to play cello.";
  assert.deepEqual(rolesOf(content).modifiers.pairs, []);
  assert.equal(new TextFactors({ modifiers }).modified(recordOf(content)), 1 - MODIFIER_ONLY);
});
