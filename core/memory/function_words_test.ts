import assert from "node:assert/strict";
import { broadDeeds } from "./broad_deeds.ts";
import { actingEvents } from "./fact_events.ts";
import { FINITE_AUXILIARIES, PERSONAL_POSSESSIVES } from "./function_words.ts";
import { asksSeveral } from "./several_facts.ts";
import { wordClasses } from "./word_class.ts";

Deno.test("the finite auxiliaries are be, do and have's finite forms and five modals", () => {
  assert.deepEqual(
    [...FINITE_AUXILIARIES].sort(),
    "am are can could did do does had has have is should was were will would".split(" "),
  );
});

Deno.test("the personal possessives are the six possessive determiners of persons", () => {
  assert.deepEqual([...PERSONAL_POSSESSIVES].sort(), ["her", "his", "my", "our", "their", "your"]);
  // "its" is left to the readers that take it (`fact_events.ts` adds it).
  assert.equal(PERSONAL_POSSESSIVES.has("its"), false);
});

Deno.test("every reader of the shared classes reads each of their words", () => {
  const never = () => false;
  for (const owner of PERSONAL_POSSESSIVES) {
    // "all their notes": a noun phrase opens after "all", whatever its noun.
    assert.ok(asksSeveral(`all ${owner} notes`, never), owner);
    // "Their knee has healed": the possessive is part of the sentence's subject.
    assert.deepEqual(actingEvents(`${owner} knee has healed completely`).map((e) => e.subject), [
      ["knee"],
    ], owner);
  }
  for (const auxiliary of FINITE_AUXILIARIES) {
    assert.equal(
      broadDeeds(`what ${auxiliary} Hayden do with Moira`)?.text,
      "hayden moira",
      auxiliary,
    );
    assert.deepEqual(
      wordClasses(`what car ${auxiliary} I drive`).nouns,
      new Set(["car"]),
      auxiliary,
    );
    // "what pets do we have": the class noun is followed by the clause's auxiliary.
    assert.ok(asksSeveral(`what pets ${auxiliary} we have`, (word) => word === "pets"), auxiliary);
  }
});
