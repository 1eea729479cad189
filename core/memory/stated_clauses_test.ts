import assert from "node:assert/strict";
import { clauseReadings, sentences } from "./stated_clauses.ts";

Deno.test("sentences: folded words by sentence, a clause number moved by commas and the like", () => {
  const found = sentences("My son's swim is Mondays, at 6. Rehearsal's Tuesdays (choir)!");
  assert.deepEqual(
    found.map((tokens) =>
      tokens.map(({ word, apostrophe, clause }) => `${word}${apostrophe ? "'s" : ""}@${clause}`)
    ),
    [
      ["my@0", "son's@0", "swim@0", "is@0", "mondays@0", "at@1", "6@1"],
      ["rehearsal's@1", "tuesdays@1", "choir@2"],
    ],
  );
});

Deno.test("clauseReadings: each clause's persons once, its addition and whether it is bare, in one pass (attack35 A1)", () => {
  const [tokens] = sentences(
    "my sister and my sister's son on Mondays, also mum too on Tuesdays, second year",
  );
  // The values' own tokens ("mondays", "tuesdays", "second year") are left out.
  const taken = new Set(
    tokens!.flatMap((token, i) =>
      ["mondays", "tuesdays", "second", "year"].includes(token.word) ? [i] : []
    ),
  );
  const readings = clauseReadings(tokens!, taken);
  assert.deepEqual(readings.get(0), { persons: ["sister", "son"], additive: false, bare: false });
  assert.deepEqual(readings.get(1), { persons: ["mum"], additive: true, bare: false });
  assert.deepEqual(readings.get(2), { persons: [], additive: false, bare: true });
  // "as well" adds, read across two words.
  const [well] = sentences("the gym on Fridays as well");
  assert.equal(clauseReadings(well!, new Set([2])).get(0)!.additive, true);
  // A possessor before a value is a contraction ("rehearsal's Wednesday"), no person.
  const [contracted] = sentences("rehearsal's Wednesday nights");
  assert.deepEqual(clauseReadings(contracted!, new Set([1])).get(0)!.persons, []);
});

Deno.test("sentences: a line break ends a sentence, a dash a clause, a curly apostrophe a possessor", () => {
  const shown = (text: string) =>
    sentences(text).map((tokens) =>
      tokens.map(({ word, apostrophe, clause }) => `${word}${apostrophe ? "'s" : ""}@${clause}`)
    );
  assert.deepEqual(shown("swim on Mondays\npiano on Fridays"), [
    ["swim@0", "on@0", "mondays@0"],
    ["piano@0", "on@0", "fridays@0"],
  ]);
  assert.deepEqual(shown("swim on Mondays – piano on Fridays — choir"), [
    ["swim@0", "on@0", "mondays@0", "piano@1", "on@1", "fridays@1", "choir@2"],
  ]);
  assert.deepEqual(shown("Ife’s birthday, Ife’ll come"), [[
    "ife's@0",
    "birthday@0",
    "ife@1",
    "come@1",
  ]]);
});

Deno.test("clauseReadings: 'as' adds only in 'as well'", () => {
  const [planned] = sentences("the class moved to Tuesdays as planned");
  assert.equal(clauseReadings(planned!, new Set([4])).get(0)!.additive, false);
});
