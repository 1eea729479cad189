import assert from "node:assert/strict";
import { BARE_QUESTION_CHARACTERS, bareOpeningNames } from "./bare_opening_names.ts";

const noPlace = () => false;
const among = (...contents: string[]) => contents.map((content) => ({ record: { content } }));
/** A store that writes Kav only where a sentence opens (review42b finding 3). */
const starts = among(
  "Kav was my bridesmaid.",
  "Kav's car failed its MOT again.",
  "Went to the cinema on Friday.",
);
const bare = (text: string, candidates = starts, names: string[] = []) =>
  bareOpeningNames({ text, names }, candidates, noPlace);

Deno.test("bareOpeningNames: a name asked alone that the store writes only at sentence starts", () => {
  assert.deepEqual(bare("Kav"), ["kav"]);
  assert.deepEqual(bare("Kav?"), ["kav"]);
  assert.deepEqual(bare(" Kav! "), ["kav"]);
  // A name the question's reading took already is not asked again; the others are.
  assert.deepEqual(bare("Kav", starts, ["kav"]), []);
  const full = among("Kit Barnes rang about the boiler.");
  assert.deepEqual(bare("Kit Barnes", full, ["barn"]), ["kit"]);
});

Deno.test("bareOpeningNames: only a question that is its capitalised names and nothing else", () => {
  assert.deepEqual(bare("Kav was"), []);
  assert.deepEqual(bare("Kav's birthday"), []);
  assert.deepEqual(bare("who is Kav"), []);
  // Typed in lower case, the word gives no evidence of its own (`writtenNames` reads it).
  assert.deepEqual(bare("kav"), []);
  // A word some cased text writes in lower case is no name.
  assert.deepEqual(bare("Kav", [...starts, ...among("Saw kav at Tesco.")]), []);
  // Nor one no candidate writes at all.
  assert.deepEqual(bare("Bernie"), []);
});

Deno.test("bareOpeningNames: words of time, months, kin titles and function words are no names", () => {
  const fronted = among(
    "Yesterday we took the kids to the zoo.",
    "Tonight is pizza night.",
    "June was the hottest month.",
    "Mum rang at six.",
    "The boiler is fixed.",
  );
  for (const text of ["Yesterday", "Tonight?", "June", "Mum", "The"]) {
    assert.deepEqual(bare(text, fronted), [], text);
  }
  // An ordinary noun the store writes in lower case somewhere is none either.
  const dinner = among("Dinner at Mum's was lovely.", "We had dinner with Sam.");
  assert.deepEqual(bare("Dinner?", dinner), []);
  // A place is a place (`isPlace`), not a name asked alone.
  const leeds = among("Leeds was rainy.");
  assert.deepEqual(bareOpeningNames({ text: "Leeds", names: [] }, leeds, (w) => w === "leeds"), []);
});

Deno.test("bareOpeningNames reads a question of BARE_QUESTION_CHARACTERS characters at most", () => {
  assert.equal(BARE_QUESTION_CHARACTERS, 64);
  const padded = (length: number) => `Kav${" ".repeat(length - 3)}`;
  assert.deepEqual(bare(padded(BARE_QUESTION_CHARACTERS)), ["kav"]);
  assert.deepEqual(bare(padded(BARE_QUESTION_CHARACTERS + 1)), []);
});
