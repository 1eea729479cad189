import assert from "node:assert/strict";
import { numberForm, withNumberForm } from "./number_forms.ts";
import { FORM_SIMILARITY } from "./word_relations.ts";
import { rankedAmong } from "../testing/ranked_among.ts";
import { stem } from "../text.ts";

Deno.test("a number in digits and in words are forms of each other", () => {
  assert.equal(numberForm("10"), "ten");
  assert.equal(numberForm("12"), stem("twelve"));
  assert.equal(numberForm("41"), stem("forty"), "the tens' word of a compound number");
  assert.equal(numberForm(stem("twenty")), "20");
  assert.equal(numberForm("seven"), "7");
  // "one" and "zero" say more than a count; codes, years and leading zeros are no such number.
  assert.equal(numberForm("on"), undefined);
  assert.equal(numberForm("zero"), undefined);
  assert.equal(numberForm("2019"), undefined);
  assert.equal(numberForm("07"), undefined);
  assert.equal(numberForm("table"), undefined);
  const wordNet = new Map([["x", 0.5]]);
  const related = withNumberForm("10", wordNet);
  assert.deepEqual([...related!], [["ten", FORM_SIMILARITY], ["x", 0.5]], "the form first");
  assert.equal(withNumberForm("10", wordNet), related, "made once per stem and map");
  assert.deepEqual([...withNumberForm("41", undefined)!], [[stem("forty"), FORM_SIMILARITY]]);
  const plain = new Map([["y", 0.5]]);
  assert.equal(withNumberForm("table", plain), plain, "no number: the same map");
});

Deno.test("search: a number in digits finds the memory that spells it (real SQLite)", async () => {
  const { stored, ranked } = await rankedAmong([
    "My cousin got married in Fremantle last year.",
    "The wedding cake had four tiers and far too much icing.",
    "Dennis and I were wed for forty-one years.",
    "Married couples get a discount at the garden centre every year.",
  ], "married for 41 years");
  assert.equal(ranked[0], stored[2]);
});
