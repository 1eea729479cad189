import assert from "node:assert/strict";
import { restatesSlot } from "./restated_slots.ts";
import { statedSlot } from "./stated_slot.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

Deno.test("each single-valued verb, as 'I' says it and as 'User' does, is one frame", () => {
  const pairs: [string, string, string][] = [
    ["drive", "drives", "a Skoda Fabia|a Ford Focus"],
    ["live", "lives", "in Leeds|in York"],
    ["work", "works", "at Tesco|at Aldi"],
    ["bank", "banks", "with Monzo|with Barclays"],
    ["earn", "earns", "£30k|£40k"],
    ["weigh", "weighs", "80kg|75kg"],
    ["charge", "charges", "£40|£50"],
  ];
  for (const [verb, form, values] of pairs) {
    const [older, newer] = values.split("|");
    assert.ok(restatesSlot(`I ${verb} ${older}.`, `User ${form} ${newer}.`), `${verb}/${form}`);
  }
});

Deno.test("work 'as' is a frame of its own: a job restated, not a workplace", () => {
  assert.ok(restatesSlot("I work as a nurse.", "I work as a teacher."));
  assert.deepEqual(statedSlot("I work as a nurse."), { key: "self|work as", value: ["nurs"] });
  assert.ok(!restatesSlot("I work at Tesco.", "I work as a cashier."));
});

Deno.test("every kin word of which one may have several, told without a name: no restatement", () => {
  const several = (
    "son sons daughter daughters brother brothers sister sisters child children kid kids cousin " +
    "cousins uncle uncles aunt aunts niece nieces nephew nephews grandson grandsons " +
    "granddaughter granddaughters grandchild grandchildren friend friends"
  ).split(" ");
  // A role of which one has one is restated.
  assert.ok(restatesSlot("My landlord lives in Leeds.", "My landlord lives in York."));
  for (const kin of several) {
    assert.ok(!restatesSlot(`My ${kin} lives in Leeds.`, `My ${kin} lives in York.`), kin);
  }
});

Deno.test("every word that tells a value as one more, a part or a while: no restatement", () => {
  const told = [
    "also",
    "too",
    "as well",
    "on the side",
    "as a second job",
    "as another job",
    "for extra cash",
    "part-time",
    "part time",
    "at weekends",
    "on the weekend",
    "over weekends",
    "on Mondays",
    "on Tuesdays",
    "on Wednesdays",
    "on Thursdays",
    "on Fridays",
    "on Saturdays",
    "on Sundays",
    "on Friday nights",
    "at night",
    "in the evenings",
    "for the summer",
    "over the holidays",
    "during the winter",
    "this summer",
    "this winter",
    "this term",
    "for now",
    "for a while",
    "for a few months",
    "until June",
    "temporarily",
    "as a temporary job",
    "on holiday",
    "for holiday",
  ];
  assert.ok(restatesSlot("I work at Tesco.", "I work at the Lowry."));
  for (const words of told) {
    assert.ok(!restatesSlot("I work at Tesco.", `I work at the Lowry ${words}.`), words);
  }
});

Deno.test("'we' after 'I' restates only when a memory says whom 'we' are", () => {
  assert.ok(!restatesSlot("I drive a Ford Focus.", "We drive a VW camper."));
  assert.ok(restatesSlot("I drive a Ford Focus with my partner.", "We drive a VW camper."));
});

Deno.test("a place the older memory names inside its own: the newer, bigger one adds", () => {
  assert.ok(!restatesSlot("I live in Didsbury in south Manchester.", "I live in Manchester."));
  assert.ok(restatesSlot("I live in Didsbury.", "I live in Manchester."));
});

Deno.test("a place WordNet names after one it does not: the older lies inside the newer", async () => {
  const places = await WordVectors.shared();
  assert.ok(!restatesSlot("I live in Hackney.", "I live in London.", places));
  assert.ok(!restatesSlot("I live in London.", "I live in Hackney.", places));
  assert.ok(restatesSlot("I live in Lyon.", "I live in Porto.", places));
});
