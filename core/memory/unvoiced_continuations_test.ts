import assert from "node:assert/strict";
import { continuationsOf, namesNoOne, speakersOwnByGrammar } from "./unvoiced_continuations.ts";
import { BACKGROUND, ranked, told, withSqlite } from "./testing/told_memories.ts";
import { type Item, updateItem } from "./testing/update_items.ts";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";

const DIET_COKE = "I drink waaay too much diet coke, like 4 cans a day";
const NO_COKE = "three weeks without a single diet coke, it's sparkling water or nothing now";
/** {@linkcode NO_COKE} as most users write it, with a capital. */
const NO_COKE_WRITTEN =
  "Three weeks without a single diet coke, it's sparkling water or nothing now.";
const BOOK_CLUB = "I'm a member of the local book club";
/** Lines with numbers beside the background, as most stores hold (they open `mayPairAsUpdates`). */
const NUMBERED = [
  "The boiler service on the 14th cost £85.",
  "Parking at the station is £6.50 a day.",
];

Deno.test("namesNoOne: no name, no third person's pronoun, no word for a relative or companion", () => {
  assert.equal(namesNoOne(NO_COKE), true);
  // A capital opening a sentence is no name (review49a H1): most users write one.
  assert.equal(namesNoOne(NO_COKE_WRITTEN), true);
  assert.equal(namesNoOne("The interview went well and the agency offered me the position."), true);
  assert.equal(namesNoOne("Mila learned to swim this summer and loves the pool now."), true);
  // A name inside a sentence or labelling it, a third person, a relative or a companion.
  assert.equal(namesNoOne("this summer Mila learned to swim and loves the pool now"), false);
  assert.equal(namesNoOne(`Jo: ${NO_COKE}`), false);
  assert.equal(namesNoOne("three weeks without a single diet coke for her"), false);
  assert.equal(namesNoOne("they stopped drinking diet coke"), false);
  assert.equal(namesNoOne("three weeks without a single diet coke, proud of herself"), false);
  assert.equal(namesNoOne("the kids stopped drinking diet coke"), false);
  assert.equal(namesNoOne("the neighbours stopped drinking diet coke"), false);
  // Companions `PEOPLE_WORDS` leaves out, and possessives (review49a M4).
  assert.equal(namesNoOne("the boss finally approved it, good for me"), false);
  assert.equal(namesNoOne("granny's coke habit, three weeks without"), false);
  assert.equal(namesNoOne("the kids' school starts later now"), false);
  assert.equal(namesNoOne("three weeks without coke, mum's proud"), false);
});

Deno.test("speakersOwnByGrammar: an opening clause with no verb, or its verb taking the speaker as object", () => {
  assert.equal(speakersOwnByGrammar(NO_COKE), true);
  assert.equal(speakersOwnByGrammar("no more diet coke for me, sparkling water only"), true);
  assert.equal(
    speakersOwnByGrammar("The interview went well and the agency offered me the position."),
    true,
  );
  // A subject and its verb in the opening clause: a remark about that subject.
  assert.equal(speakersOwnByGrammar("lactose free ice cream is actually decent now"), false);
  assert.equal(speakersOwnByGrammar("sparkling water's the best thing in the fridge"), false);
  assert.equal(speakersOwnByGrammar("the exam board changed the rules for the tuning test"), false);
  assert.equal(speakersOwnByGrammar("the shop went bust, no more diet coke there"), false);
  // A "me" past the opening clause, or not after its verb, is no object of it (review49a H2).
  assert.equal(speakersOwnByGrammar("the book club moved to a new pub, suits me"), false);
  assert.equal(
    speakersOwnByGrammar("the exam board changed the rules again, which annoys me"),
    false,
  );
  assert.equal(speakersOwnByGrammar("the book club moved to a pub near me"), false);
  // Negated auxiliaries, fused ones and the rarer modals are verbs (review49a H3).
  for (const verb of ["doesn't", "can't", "won't", "doesnt", "might", "must", "may"]) {
    assert.equal(speakersOwnByGrammar(`the book club ${verb} meet at the library`), false, verb);
  }
  assert.equal(speakersOwnByGrammar("the choir isn’t rehearsing in the church hall"), false);
  // A present verb of a third person: a word in -s after its subject's head that the word data
  // hold as no noun (review49a M1); a plural noun ("weeks") or one after a determiner is none.
  assert.equal(speakersOwnByGrammar("the book club meets at a new pub now"), false);
  assert.equal(speakersOwnByGrammar("the vending machine sells diet coke now"), false);
  assert.equal(speakersOwnByGrammar("two weeks of the rules, no more diet coke"), true);
  // "me" inside a word is no object; one word is no clause.
  assert.equal(speakersOwnByGrammar("the menu changed at the cafe"), false);
  assert.equal(speakersOwnByGrammar("coke"), false);
});

Deno.test("continuationsOf: newer remarks of the fact's persona, naming no one, sharing a term", () => {
  const fact = updateItem("f", DIET_COKE, { relevance: 1, minute: 10 });
  const newer = updateItem("n", NO_COKE, { relevance: 0.7, minute: 20, voice: "other" });
  const older = updateItem("o", NO_COKE, { relevance: 0.7, minute: 5, voice: "other" });
  const unrelated = updateItem("u", "three weeks of rain, nothing but puddles now", {
    relevance: 0.7,
    minute: 20,
    voice: "other",
  });
  const named = updateItem("m", `Jo: ${NO_COKE}`, { relevance: 0.7, minute: 20, voice: "other" });
  const told = updateItem("t", "diet coke is cheaper at the corner shop now", {
    relevance: 0.7,
    minute: 20,
    voice: "other",
  });
  const another = updateItem("a", NO_COKE, { relevance: 0.7, minute: 20, voice: "other" });
  another.record = { ...another.record, persona_id: "q" };
  const recordOf = (item: Item) => item.record;
  assert.deepEqual(
    continuationsOf(fact, [newer, older, unrelated, named, told, another], recordOf),
    [newer],
  );
  assert.deepEqual(continuationsOf(undefined, [newer], recordOf), []);
});

Deno.test("findUnlinkedUpdates: a remark going on with the best fact replaces it, and only it", () => {
  const fact = updateItem("f", DIET_COKE, { relevance: 1, minute: 10 });
  const newer = updateItem("n", NO_COKE, { relevance: 0.74, minute: 30, voice: "other" });
  findUnlinkedUpdates([fact, newer], {
    sameSubject: () => ({ words: 0.3, meaning: 0.6 }),
    compared: 10,
    linked: () => false,
  });
  assert.equal(fact.replacedBy, newer);

  // A less relevant fact it would replace as well: compared with the best fact alone (which it
  // goes on with by a word, "water", and is about another thing than).
  const best = updateItem("b", "I drink a big glass of water every morning", {
    relevance: 1,
    minute: 5,
  });
  const second = updateItem("f", DIET_COKE, { relevance: 0.9, minute: 10 });
  const alone = updateItem("n", NO_COKE, { relevance: 0.74, minute: 30, voice: "other" });
  findUnlinkedUpdates([best, second, alone], {
    sameSubject: (a, b) =>
      a.content === DIET_COKE || b.content === DIET_COKE
        ? { words: 0.3, meaning: 0.6 }
        : { words: 0, meaning: 0 },
    compared: 10,
    linked: () => false,
  });
  assert.equal(best.replacedBy, undefined);
  assert.equal(second.replacedBy, undefined);
});

Deno.test("search: a remark in no one's voice going on with a habit comes first, stored without a link (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [older, newer] = await told(fixture, {
      background: [...BACKGROUND, "The boiler service on the 14th cost £85."],
      told: [DIET_COKE, NO_COKE],
    });
    const top = await ranked(fixture, "how much diet coke do I drink");
    assert.deepEqual(top.slice(0, 2), [newer, older]);
  });
});

Deno.test("search: a remark naming someone else leaves the fact first (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [older] = await told(fixture, {
      background: [...BACKGROUND, "The boiler service on the 14th cost £85."],
      told: [DIET_COKE, "Jo: three weeks without a single diet coke, it's sparkling water now"],
    });
    assert.equal((await ranked(fixture, "how much diet coke do I drink"))[0], older);
  });
});

Deno.test("search: a remark written with a capital going on with a habit comes first (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [older, newer] = await told(fixture, {
      background: [...BACKGROUND, ...NUMBERED],
      told: [DIET_COKE, NO_COKE_WRITTEN],
    });
    const top = await ranked(fixture, "how much diet coke do I drink");
    assert.deepEqual(top.slice(0, 2), [newer, older]);
  });
});

for (
  const remark of [
    "The book club moved to a new pub, suits me.",
    "The book club doesn't meet at the library anymore.",
    "The book club can't meet at the library anymore.",
    "The book club meets at a new pub now.",
  ]
) {
  Deno.test(`search: "${remark}" tells of the club and leaves the membership first (real SQLite)`, async () => {
    await withSqlite(async (fixture) => {
      const [older] = await told(fixture, {
        background: [...BACKGROUND, ...NUMBERED],
        told: [BOOK_CLUB, remark],
      });
      assert.equal((await ranked(fixture, "am I still in the book club?"))[0], older);
    });
  });
}
