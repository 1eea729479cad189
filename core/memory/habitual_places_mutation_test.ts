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
