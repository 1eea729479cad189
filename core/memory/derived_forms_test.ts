import assert from "node:assert/strict";
import { derivedForms, MIN_DERIVED_ROOT, withDerivedForms } from "./derived_forms.ts";
import { stem } from "./text.ts";
import { EXPANSION_FORM } from "./expansion_shares.ts";
import { analyseQuery } from "./query_analysis.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

const formsOf = (word: string) => derivedForms(word, stem(word));

Deno.test("an -ic adjective brings its -ia and -y nouns, and the nouns their adjective", () => {
  assert.deepEqual(formsOf("dyslexic"), ["dyslexi", "dyslexia"]);
  assert.ok(formsOf("dyslexic").includes(stem("dyslexia")));
  assert.ok(formsOf("allergic").includes(stem("allergy")));
  assert.ok(formsOf("allergic").includes(stem("allergies")));
  assert.ok(formsOf("economics").includes(stem("economy")));
  assert.deepEqual(formsOf("dyslexia"), [stem("dyslexic")]);
  assert.deepEqual(formsOf("allergies"), [stem("allergic")]);
  assert.deepEqual(formsOf("history"), [stem("historic")]);
  assert.equal(MIN_DERIVED_ROOT, 5);
  assert.deepEqual(formsOf("party"), [], "'part' is no root of 'parti'");
  assert.deepEqual(formsOf("study"), []);
  assert.deepEqual(formsOf("poetic"), [], "Porter kept the -ic");
  assert.deepEqual(formsOf("student"), []);
});

Deno.test("derived forms join the BM25 query with their term's weight", () => {
  const own = { terms: ["dyslex", "student"], priors: [1, 0.5], sources: [0, 1] };
  const expanded = withDerivedForms("dyslexic student", own);
  assert.deepEqual(expanded.terms, ["dyslex", "student", "dyslexi", "dyslexia"]);
  assert.deepEqual(expanded.priors, [1, 0.5, EXPANSION_FORM, EXPANSION_FORM]);
  assert.deepEqual(expanded.sources, [0, 1, 0, 0]);
  // A WordNet relative already there weighs as a form from now on.
  const related = withDerivedForms("dyslexic", {
    terms: ["dyslex", "dyslexia"],
    priors: [0.8, 0.12],
    sources: [0, 0],
  });
  assert.deepEqual(related.terms, ["dyslex", "dyslexia", "dyslexi"]);
  assert.deepEqual(related.priors, [0.8, 0.8 * EXPANSION_FORM, 0.8 * EXPANSION_FORM]);
  const none = { terms: ["student"], priors: [1], sources: [0] };
  assert.equal(withDerivedForms("student", none), none, "unchanged");
});

Deno.test("a search query's BM25 terms hold its derived forms", async () => {
  const words = await WordVectors.shared();
  for (const expand of [false, true]) {
    const { expanded } = analyseQuery("dyslexic student", words, { expand });
    const at = expanded.terms.indexOf("dyslexia");
    assert.ok(at >= 0, `expand: ${expand}`);
    assert.equal(expanded.priors[at], expanded.priors[0]! * EXPANSION_FORM);
  }
});

Deno.test("only a consonant's -ia or -i is a noun's ending", () => {
  assert.deepEqual(formsOf("holiday"), [], "holidai");
  assert.deepEqual(formsOf("anatomy"), [stem("anatomic")]);
});

Deno.test("an adverb's -ly is no noun's ending", () => {
  assert.deepEqual(formsOf("really"), [], "realli");
  assert.deepEqual(formsOf("happily"), [], "happili");
});
