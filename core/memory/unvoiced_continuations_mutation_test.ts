import assert from "node:assert/strict";
import {
  continuationsOf,
  continuationsOfAny,
  speakersOwnByGrammar,
} from "./unvoiced_continuations.ts";
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

Deno.test("continuationsOfAny: a remark goes on with a fact it is newer than and shares a term with, any of them", () => {
  const coke = updateItem("f1", DIET_COKE, { relevance: 1, minute: 10 });
  const club = updateItem("f2", "I'm a member of the local book club", {
    relevance: 0.9,
    minute: 30,
  });
  const noCoke = updateItem("r1", NO_COKE, { relevance: 0.7, minute: 20, voice: "other" });
  // Newer than the coke fact only, and sharing no term with it.
  const earlyClub = updateItem("r2", "no more book club for me", {
    relevance: 0.7,
    minute: 20,
    voice: "other",
  });
  // Newer than both, sharing terms with the club fact alone.
  const lateClub = updateItem("r3", "no more book club for me", {
    relevance: 0.7,
    minute: 40,
    voice: "other",
  });
  assert.deepEqual(
    continuationsOfAny([coke, club], [noCoke, earlyClub, lateClub], recordOf),
    [noCoke, lateClub],
  );
});
