import assert from "node:assert/strict";
import { CHANGE_TOLD, INTENT, RELATIVE_SUBJECT, UNNAMED } from "./text_factor_shares.ts";
import { TextFactors } from "./text_factors.ts";
import { factorCeiling } from "./text_factor_query.ts";
import { intentFactor, nameFactor, relativeFactor } from "./content_factors.ts";
import { voiceOf } from "./query.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { MODIFIER_ONLY, queryModifiers } from "./noun_modifiers.ts";
import { NO_REFERENT } from "./unnamed_referents.ts";

Deno.test("TextFactors give nameFactor, intentFactor and voiceOf of each record", () => {
  const texts = [
    "I want to visit Leo in Lisbon next spring",
    "Leo's friend got a 9 in the maths mock",
    "We went hiking with Kira",
    "The user said their sister plays the cello",
  ];
  const ownerNames = new Map([["p2", ["kira"]]]);
  const query = { intents: true, own: true, names: ["leo", "kira"], ownerNames, relations: [] };
  const factors = new TextFactors(query);
  for (const [i, content] of texts.entries()) {
    const record = sampleRecord({ id: `m${i}`, content, persona_id: i % 2 ? "p2" : "p1" });
    const named = nameFactor(query.names, content, ownerNames.get(record.persona_id), []);
    for (let ask = 0; ask < 2; ask++) {
      assert.equal(factors.named(record), named);
      assert.equal(factors.intent(record), intentFactor(true, content));
      assert.equal(factors.relative(record), relativeFactor(true, content));
      assert.equal(factors.voice(record), voiceOf(content));
    }
  }
  assert.equal(factors.intent(sampleRecord({ content: texts[0]! })), 1 - INTENT);
  assert.equal(new TextFactors({ intents: false }).intent(sampleRecord({ content: texts[0]! })), 1);
  assert.equal(new TextFactors({}).named(sampleRecord({ content: "no names" })), 1);
  const sister = sampleRecord({ content: "My sister plays the cello" });
  assert.equal(factors.relative(sister), 1 - RELATIVE_SUBJECT);
  assert.equal(new TextFactors({ own: false }).relative(sister), 1);
});

Deno.test("TextFactors hold a factor per record, not per text: the owner's names count", () => {
  const factors = new TextFactors({
    names: ["kira"],
    ownerNames: new Map([["kira", ["kira"]]]),
  });
  const content = "I love jazz";
  const aria = sampleRecord({ id: "a", content, persona_id: "aria" });
  const kira = sampleRecord({ id: "k", content, persona_id: "kira" });
  // Aria's "I" is not Kira: no word of it can stand for her (`unnamed_referents.ts`).
  assert.equal(factors.named(aria), (1 - UNNAMED) * (1 - NO_REFERENT));
  assert.equal(factors.named(kira), 1, "the same text of Kira's holds her name");
});

Deno.test("factorCeiling bounds every product of the factors: a change told to a question about now lifts", () => {
  const texts = [
    "I moved to Porto last year and now work from home",
    "I switched jobs in March",
    "My sister changed schools",
    "I want to learn the cello",
    "We still live in Lyon",
  ];
  for (const current of [false, true]) {
    const query = { intents: true, own: true, current, names: [], relations: [] };
    const factors = new TextFactors(query);
    let most = 0;
    for (const content of texts) {
      const record = sampleRecord({ content });
      most = Math.max(
        most,
        factors.intent(record) * factors.relative(record) * factors.changed(record) *
          factors.named(record),
      );
    }
    assert.ok(most <= factorCeiling(query), `${most} within ${factorCeiling(query)}`);
    assert.equal(most, current ? 1 + CHANGE_TOLD : 1, "the ceiling is reached");
  }
});

Deno.test("TextFactors hold modified per record and per query: each record and each search its own", () => {
  const park = sampleRecord({ id: "park", content: "We walked past the dog park." });
  const dog = sampleRecord({ id: "dog", content: "Our dog is a beagle." });
  const asked = new TextFactors({ modifiers: queryModifiers("What dog do we have?", ["dog"]) });
  for (let twice = 0; twice < 2; twice++) {
    assert.equal(asked.modified(park), 1 - MODIFIER_ONLY, "the modifier-only match, held");
    assert.equal(asked.modified(dog), 1, "the head itself: its own factor, not park's");
  }
  const other = new TextFactors({
    modifiers: queryModifiers("Which park did we walk past?", ["park", "walk"]),
  });
  assert.equal(other.modified(park), 1, "another search's query: its own factor");
});
