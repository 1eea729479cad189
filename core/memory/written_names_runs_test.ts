/**
 * A boundary of `written_names.ts` that its other tests leave open (mutation testing, session
 * 44): each part of a coordinated title run is judged where it stands, so a second part is not
 * taken to open the sentence the run opens, and the separators alternate with the parts.
 */
import assert from "node:assert/strict";
import { writtenNames } from "./written_names.ts";

const noPlace = () => false;
const among = (...contents: string[]) => contents.map((content) => ({ record: { content } }));

Deno.test("written names: the second part of a run that opens a sentence is read where it stands", () => {
  // "Whole Foods" stands inside the sentence: a title of two words, blanked, no name.
  const shops = among("Tesco and Whole Foods are shut today.");
  assert.deepEqual(writtenNames("is whole foods open", shops, noPlace), []);
});

Deno.test("written names: every second part of a run is a separator; a title after two names is blanked too", () => {
  const shops = among("Kav and Jo and Whole Foods are shut.");
  assert.deepEqual(writtenNames("is whole foods open", shops, noPlace), []);
});
