/**
 * Boundaries of `bare_opening_names.ts` that its other tests leave open (mutation testing,
 * session 44): a word passed over (a place, a kin title) does not end the reading of the
 * question's other words.
 */
import assert from "node:assert/strict";
import { bareOpeningNames } from "./bare_opening_names.ts";
import { stem } from "./text.ts";

const among = (...contents: string[]) => contents.map((content) => ({ record: { content } }));
const starts = among("Kav was my bridesmaid.", "Went to the cinema on Friday.");
const isLeeds = (word: string) => word === "leeds";

Deno.test("bareOpeningNames reads the words after a place the question names", () => {
  const text = "Leeds Kav";
  assert.deepEqual(bareOpeningNames({ text, names: [stem("leeds")] }, starts, isLeeds), ["kav"]);
});

Deno.test("bareOpeningNames reads the words after a kin title the question names", () => {
  const text = "Mum Kav";
  assert.deepEqual(bareOpeningNames({ text, names: [stem("mum")] }, starts, isLeeds), ["kav"]);
});
