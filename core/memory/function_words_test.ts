import assert from "node:assert/strict";
import { broadDeeds } from "./broad_deeds.ts";
import { FINITE_AUXILIARIES } from "./function_words.ts";
import { asksSeveral } from "./several_facts.ts";
import { wordClasses } from "./word_class.ts";

Deno.test("the finite auxiliaries are be, do and have's finite forms and five modals", () => {
  assert.deepEqual(
    [...FINITE_AUXILIARIES].sort(),
    "am are can could did do does had has have is should was were will would".split(" "),
  );
});

Deno.test("every reader of the shared classes reads each of their words", () => {
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
