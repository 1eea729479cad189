import assert from "node:assert/strict";
import { forgetAnswers, namesAnswerRemembered } from "./answer_memo.ts";
import { namesAnswer, type WordKinds } from "./query.ts";
import { heldTexts } from "./text_memo.ts";

const NONE: WordKinds = { isPlace: () => false, isPerson: () => false };
const COUSINS: WordKinds = { isPlace: () => false, isPerson: (word) => word === "cousin" };
const LEEDS: WordKinds = { isPlace: (word) => word === "leeds", isPerson: () => false };

Deno.test("namesAnswerRemembered answers as namesAnswer does, asked again or not", () => {
  forgetAnswers();
  const texts = [
    "my cousin lives there",
    "We moved to leeds last year",
    "Tomas designs chairs",
    "I met her on Tuesday at noon",
    "nothing much happened",
  ];
  for (const kinds of [COUSINS, LEEDS]) {
    for (const type of ["place", "person", "time", undefined] as const) {
      for (const text of [...texts, ...texts]) {
        assert.equal(namesAnswerRemembered(text, type, kinds), namesAnswer(text, type, kinds));
      }
    }
  }
});

Deno.test("namesAnswerRemembered starts over with other word data", () => {
  forgetAnswers();
  assert.equal(namesAnswerRemembered("my cousin lives there", "person", NONE), false);
  assert.equal(namesAnswerRemembered("my cousin lives there", "person", COUSINS), true);
  assert.equal(namesAnswerRemembered("we moved to leeds", "place", LEEDS), true);
  assert.equal(namesAnswerRemembered("we moved to leeds", "place", NONE), false);
});

Deno.test("forgetAnswers forgets the span answers too (review42 R6)", () => {
  forgetAnswers();
  const before = heldTexts();
  assert.ok(namesAnswerRemembered("Nursed for 38 years (a text no other test asks)", "span", NONE));
  assert.equal(heldTexts(), before + 1);
  forgetAnswers();
  assert.equal(heldTexts(), before, "no answer memo holds the text any more");
});
