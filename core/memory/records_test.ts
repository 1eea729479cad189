import assert from "node:assert/strict";
import type { Persona } from "../personas/mod.ts";
import { exchangeInput } from "./records.ts";
import { analysedChars, analysedTerms, analysedWords, terms, words } from "./text.ts";

Deno.test("an exchange's reply is read once for its importance and its memory", () => {
  const persona = {
    id: "p1",
    name: "Aria",
    topic_preferences: { baking: 90 },
  } as unknown as Persona;
  const message = "Did the bakery run out of croissants again?";
  const response = "It did, before nine. Kira says the new oven will fix it by Friday.";
  const before = analysedChars();
  const input = exchangeInput(
    { persona, sender: "Tomas", roomId: null, message, response },
  );
  // The memory's text is analysed next (its vector, its terms), as a store does.
  assert.deepEqual(analysedWords(input.content), words(input.content));
  assert.deepEqual(analysedTerms(input.content), terms(input.content));
  const head = input.content.length - response.length;
  assert.equal(analysedChars() - before, response.length + message.length + 1 + head);
});
