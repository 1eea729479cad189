import assert from "node:assert/strict";
import { continuationsOf, namesNoOne, speakersOwnByGrammar } from "./unvoiced_continuations.ts";
import { BACKGROUND, ranked, told, withSqlite } from "./testing/told_memories.ts";
import { type Item, updateItem } from "./testing/update_items.ts";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";

const DIET_COKE = "I drink waaay too much diet coke, like 4 cans a day";
const NO_COKE = "three weeks without a single diet coke, it's sparkling water or nothing now";

Deno.test("namesNoOne: no name, no third person's pronoun, no word for a relative or companion", () => {
  assert.equal(namesNoOne(NO_COKE), true);
  assert.equal(namesNoOne("the interview went well and the agency offered me the position"), true);
  // A name, a third person, a relative or a companion: a remark about someone else.
  assert.equal(namesNoOne("Mila learned to swim this summer and loves the pool now."), false);
  assert.equal(namesNoOne("three weeks without a single diet coke for her"), false);
  assert.equal(namesNoOne("they stopped drinking diet coke"), false);
  assert.equal(namesNoOne("the kids stopped drinking diet coke"), false);
  assert.equal(namesNoOne("the neighbours stopped drinking diet coke"), false);
});

Deno.test("speakersOwnByGrammar: the speaker as object, or an opening clause with no verb", () => {
  assert.equal(speakersOwnByGrammar(NO_COKE), true);
  assert.equal(
    speakersOwnByGrammar("60 days nicotine free today!!! the pods are in the trash"),
    true,
  );
  assert.equal(
    speakersOwnByGrammar("The interview went well and the agency offered me the position."),
    true,
  );
  // A subject and its verb in the opening clause: a remark about that subject.
  assert.equal(speakersOwnByGrammar("lactose free ice cream is actually decent now"), false);
  assert.equal(speakersOwnByGrammar("sparkling water's the best thing in the fridge"), false);
  assert.equal(speakersOwnByGrammar("the exam board changed the rules for the tuning test"), false);
  assert.equal(speakersOwnByGrammar("the shop went bust, no more diet coke there"), false);
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
