import assert from "node:assert/strict";
import { openingNames } from "./opening_names.ts";
import { adjustedAmong } from "./testing/adjusted_among.ts";
import { UNNAMED } from "./ranking.ts";

const noPlace = () => false;
const among = (...contents: string[]) => contents.map((content) => ({ record: { content } }));

Deno.test("a query's opening word the candidates write as a name is a name", () => {
  const candidates = among(
    "Her dad is ill, and Priya drives down to see him most weekends.",
    "Amara is allergic to cats.",
  );
  assert.deepEqual(
    openingNames("Priya's health: allergies and medication", candidates, noPlace),
    ["priya"],
  );
  // A name written inside the query is `queryNames`' to read, not this one's.
  assert.deepEqual(openingNames("What does Priya take?", candidates, noPlace), []);
});

Deno.test("opening names: a word opening a sentence only, or written in lower case too, is none", () => {
  const candidates = among("Health is what matters.", "My health is fine, says Priya.");
  assert.deepEqual(openingNames("Health: what is wrong?", candidates, noPlace), []);
  assert.deepEqual(openingNames("Tell me about Priya", candidates, noPlace), []);
  const places = among("We moved to Leeds in May.");
  assert.deepEqual(openingNames("Leeds: where?", places, (word) => word === "leeds"), []);
});

Deno.test("a question that opens with a name asks about its bearer", async () => {
  const [adjusted] = await adjustedAmong([
    "Amara is allergic to cats, so sessions at her house are out.",
    "Pri is allergic to shellfish, and Priya carries an EpiPen everywhere.",
    "Her dad had a heart attack, and Priya drives down to see him.",
  ], ["Priya's health: allergies and medication"]);
  assert.equal(adjusted![0], 1 - UNNAMED, "names no Priya: about someone else");
  assert.equal(adjusted![1], 1);
});
