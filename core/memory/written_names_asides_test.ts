import assert from "node:assert/strict";
import { ASIDE_CHARACTERS, writtenAsNames, writtenNames } from "./written_names.ts";

const noPlace = () => false;
const among = (...contents: string[]) => contents.map((content) => ({ record: { content } }));

Deno.test("written names: each one-word part of 'X and Y' or 'X & Y' is a name written inside a sentence (review42b 3)", () => {
  const pair = among("Went to the cinema with Kav and Josh last night.");
  assert.deepEqual(writtenNames("where does kav live", pair, noPlace), ["kav"]);
  assert.deepEqual(writtenNames("where does josh live", pair, noPlace), ["josh"]);
  const ampersand = among("Dinner at the pub with Kav & Josh.");
  assert.deepEqual(writtenNames("how is kav", ampersand, noPlace), ["kav"]);
  // A part of two words or more is still a title or a brand; a name beside it is one alone.
  const shops = among("We shop at Whole Foods and Tesco on Saturdays.");
  assert.deepEqual(writtenNames("whole foods or tesco", shops, noPlace), ["tesco"]);
  const show = among("We binged Game of Thrones and Succession.");
  assert.deepEqual(writtenNames("what game did we watch", show, noPlace), []);
  // A pair opening a sentence: its first name opens it (no evidence), its second is inside.
  const opening = among("Kav and Josh are staying at a Premier Inn.");
  assert.deepEqual(writtenNames("kav and josh", opening, noPlace), ["josh"]);
});

Deno.test("written names: a capitalised word opening an aside in brackets is inside its sentence (review42b 3)", () => {
  const aside = among("My sister Kavita (Kav) lives in Didsbury and teaches yoga.");
  assert.deepEqual(writtenNames("where does kav live", aside, noPlace), ["kav"]);
  const longer = among("My sister Kavita [Kav for short] lives in Didsbury.");
  assert.deepEqual(writtenNames("where does kav live", longer, noPlace), ["kav"]);
  const possessive = among("The flat (Kav's, not mine) is in Didsbury.");
  assert.deepEqual(writtenNames("where is kav's flat", possessive, noPlace), ["kav"]);
  // An aside that ends a sentence inside is a sentence of its own: its first word opens it.
  const sentence = among("We saw the play at the Lowry (Brilliant acting. Shame about the seats).");
  assert.deepEqual(writtenNames("brilliant play", sentence, noPlace), []);
  // A word written in lower case elsewhere is no name, brackets or not.
  const common = among("We went to the Lowry (Brilliant) and it was brilliant.");
  assert.deepEqual(writtenNames("brilliant play", common, noPlace), []);
});

Deno.test("written names: an aside is read up to ASIDE_CHARACTERS characters past its first word", () => {
  assert.equal(ASIDE_CHARACTERS, 60);
  const aside = (length: number) =>
    among(`My sister Kavita (Kav${" ".repeat(length)}) lives in Didsbury.`);
  assert.deepEqual(writtenNames("where does kav live", aside(ASIDE_CHARACTERS), noPlace), ["kav"]);
  assert.deepEqual(writtenNames("where does kav live", aside(ASIDE_CHARACTERS + 1), noPlace), []);
});

Deno.test("written names: a sentence's first word counts only when asked with opening", () => {
  const starts = among("Kav was my bridesmaid.", "Kav's car failed its MOT.");
  assert.deepEqual(writtenAsNames(["kav"], starts), []);
  assert.deepEqual(writtenAsNames(["kav"], starts, { opening: true }), ["kav"]);
  // Written in lower case inside a sentence anywhere: no name either way.
  const lower = [...starts, ...among("Saw kav at Tesco.")];
  assert.deepEqual(writtenAsNames(["kav"], lower, { opening: true }), []);
  // An all-lower text says nothing: a sloppy typist's store neither names nor unnames.
  const sloppy = [...starts, ...among("saw kav at tesco")];
  assert.deepEqual(writtenAsNames(["kav"], sloppy, { opening: true }), ["kav"]);
});

Deno.test("written names: many brackets cost each its word and ASIDE_CHARACTERS at most", () => {
  // An unclosed bracket before each long word: each start fails within its bound.
  const text = "Note " + "(Kav ".repeat(20_000) + "end.";
  assert.deepEqual(writtenNames("kav", among(text), noPlace), []);
  const closed = "Note " + "(Kav) ".repeat(20_000) + "end.";
  assert.deepEqual(writtenNames("kav", among(closed), noPlace), ["kav"]);
});
