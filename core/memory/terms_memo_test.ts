import assert from "node:assert/strict";
import { forgetTerms, TERMS_MEMO_LIMIT, termsOf } from "./terms_memo.ts";
import { queryTerms } from "./lexical_index.ts";
import { appositiveNames } from "./name_bridge.ts";

Deno.test("a text's remembered terms are its queryTerms, the same list each time", () => {
  const text = "My husband Tomas was moving boxes, moving house again.";
  const first = termsOf(text);
  assert.deepEqual(first, queryTerms(text));
  assert.equal(termsOf(text), first, "remembered");
  assert.deepEqual(termsOf("Tomas"), ["toma"]);
  assert.deepEqual(termsOf("the"), [], "a stop word has no term");
});

Deno.test("remembered terms cannot be changed by a caller", () => {
  const terms = termsOf("The ferry leaves at noon on Sundays.") as string[];
  assert.throws(() => terms.push("x"), TypeError);
  assert.throws(() => terms.sort(), TypeError);
  assert.deepEqual(
    termsOf("The ferry leaves at noon on Sundays."),
    queryTerms("The ferry leaves at noon on Sundays."),
  );
});

Deno.test("past TERMS_MEMO_LIMIT texts the memory starts over", () => {
  forgetTerms();
  const old = termsOf("the oldest text here");
  for (let i = 0; i < TERMS_MEMO_LIMIT - 1; i++) termsOf(`text number ${i}`);
  assert.equal(termsOf("the oldest text here"), old, "still remembered when full");
  const next = termsOf("one more text");
  assert.notEqual(termsOf("the oldest text here"), old, "forgotten");
  assert.deepEqual(termsOf("the oldest text here"), old);
  assert.equal(termsOf("one more text"), next, "the text that started it over is kept");
});

Deno.test("a name bridge reads the same names with remembered terms, asked twice", () => {
  const content = "My husband Tomas designs boats. I asked my sister Ines.";
  const terms = new Set(termsOf("husband sister"));
  const expected = [{ name: "toma", term: "husband" }, { name: "in", term: "sister" }];
  assert.deepEqual(appositiveNames(content, terms), expected);
  assert.deepEqual(appositiveNames(content, terms), expected);
});
