import assert from "node:assert/strict";
import { continuationsOf, speakersOwnByGrammar } from "./unvoiced_continuations.ts";
import { type Item, updateItem } from "./testing/update_items.ts";

const DIET_COKE = "I drink waaay too much diet coke, like 4 cans a day";
const NO_COKE = "three weeks without a single diet coke, it's sparkling water or nothing now";
const recordOf = (item: Item) => item.record;

Deno.test("speakersOwnByGrammar: a word in -s right after the clause's first content word is its verb", () => {
  // The word before "meets" is its subject's head; no word two before it is needed.
  assert.equal(speakersOwnByGrammar("Choir meets at a new pub now"), false);
});

Deno.test("speakersOwnByGrammar: two words make a clause, one does not", () => {
  assert.equal(speakersOwnByGrammar("no caffeine"), true);
  assert.equal(speakersOwnByGrammar("decaf"), false);
});

Deno.test("continuationsOf: a remark stored at the fact's own instant is no newer one", () => {
  const fact = updateItem("f", DIET_COKE, { relevance: 1, minute: 10 });
  const same = updateItem("s", NO_COKE, { relevance: 0.7, minute: 10, voice: "other" });
  assert.deepEqual(continuationsOf(fact, [same], recordOf), []);
});
