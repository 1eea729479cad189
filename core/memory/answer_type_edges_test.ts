/**
 * Boundaries of session 26's answer types: "how much" as the whole question and "which age"
 * ask an amount (`quantity_words.ts`); "What does X do?" asks a job only with someone of one to
 * three words, and with "currently" after it (`answer_types.ts`); a replacement of a replacement
 * takes the standing of the first of the chain (`heir.ts`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { asksQuantity } from "./quantity_words.ts";
import { asksWhatOneDoes, plainQuery } from "./meaning/answer_types.ts";
import { words } from "./text.ts";
import { inherit } from "./heir.ts";

const oneDoes = (text: string) => asksWhatOneDoes(words(plainQuery(text)));

Deno.test("'how much' as the last words, and 'which age', ask for an amount", () => {
  assert.equal(asksQuantity("How much?"), true);
  assert.equal(asksQuantity("And the rent, how much"), true);
  assert.equal(asksQuantity("Which age did Mila start school at?"), true);
  assert.equal(asksQuantity("How?"), false);
});

Deno.test("'What does X do?' asks a job for someone of one to three words only", () => {
  assert.equal(oneDoes("What does she do?"), true);
  assert.equal(oneDoes("What does my older brother do?"), true, "three words");
  assert.equal(oneDoes("What do my two older brothers do?"), false, "four words");
  assert.equal(oneDoes("What does do?"), false, "nobody named");
  assert.equal(oneDoes("What does she do currently?"), true);
});

Deno.test("a replacement of a replacement takes the standing of the chain's first", () => {
  type Item = { relevance: number; heirOf?: Item };
  const first: Item = { relevance: 0.9 };
  const middle: Item = { relevance: 0.3 };
  inherit(middle, first);
  assert.equal(middle.heirOf, first);
  const last: Item = { relevance: 0.2 };
  inherit(last, middle);
  assert.equal(last.heirOf, first, "the standing middle took, not middle's own");
});
