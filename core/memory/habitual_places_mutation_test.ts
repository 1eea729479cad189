/**
 * The closed class of `habitual_places.ts`'s bare institutions, each word (mut62): capitalised
 * with no article, it tells what one does there, not a workplace or home.
 */
import assert from "node:assert/strict";
import { habitualPlaceSlot } from "./habitual_places.ts";

const BARE_INSTITUTIONS = [
  "School",
  "Uni",
  "University",
  "College",
  "Hospital",
  "Prison",
  "Jail",
  "Church",
  "Chapel",
  "Class",
  "Court",
  "Work",
  "Home",
  "Bed",
  "Sea",
];

Deno.test("every bare institution of the closed class, capitalised, states no place", () => {
  for (const noun of BARE_INSTITUTIONS) {
    for (const prep of ["at", "in"]) {
      const text = `Tom's ${prep} ${noun} these days.`;
      assert.equal(habitualPlaceSlot(text), undefined, text);
    }
  }
});

Deno.test("a place named with a bare institution's word and more, or after 'the', is a place", () => {
  assert.deepEqual(habitualPlaceSlot("Tom's at Schoolhouse Books these days."), {
    key: "tom|work",
    value: ["schoolhous", "book"],
  });
  assert.deepEqual(habitualPlaceSlot("Tom's at the College Arms these days."), {
    key: "tom|work",
    value: ["colleg", "arm"],
  });
});

Deno.test("each owner's form opens a habitual place: 'I am', 'We are', 'my mum is', a quote or bracket first", () => {
  const told: [string, string][] = [
    ["I am in York these days.", "self|live"],
    ["We are in York these days.", "we|live"],
    ["My mum is at the Royal Infirmary these days.", "self's mum|work"],
    ["Tom is at Lidl these days.", "tom|work"],
    ['"I\'m in York these days," she said.', "self|live"],
    ["(Tom's at Lidl these days.)", "tom|work"],
  ];
  for (const [text, key] of told) assert.equal(habitualPlaceSlot(text)?.key, key, text);
});

Deno.test("a place's name is the shortest run before 'these days', on one line, its capital and at most 60 more characters", () => {
  assert.deepEqual(
    habitualPlaceSlot("Tom's at Lidl these days but Amy's at Aldi these days.")?.value,
    ["lidl"],
  );
  assert.equal(habitualPlaceSlot("Tom's at Lidl\nand Aldi these days."), undefined);
  const sixty = "B" + "b".repeat(60);
  assert.equal(habitualPlaceSlot(`Tom's at ${sixty} these days.`)?.key, "tom|work");
  assert.equal(habitualPlaceSlot(`Tom's at ${sixty}b these days.`), undefined);
});

Deno.test("'these days' and 'nowadays' are whole words", () => {
  assert.equal(habitualPlaceSlot("Tom's at Lidl these dayshifts."), undefined);
  assert.equal(habitualPlaceSlot("Tom's at Lidl nowadaysish."), undefined);
});

Deno.test("a place's name of no content word ('The Who') states no slot", () => {
  assert.equal(habitualPlaceSlot("Tom's at The Who these days."), undefined);
});
