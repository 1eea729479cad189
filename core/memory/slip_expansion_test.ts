import assert from "node:assert/strict";
import { analyseQuery } from "./query_analysis.ts";
import { slipReadings } from "./slip_expansion.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { stem } from "./text.ts";
import { rankedAmong } from "./testing/ranked_among.ts";

Deno.test("slipReadings: a query's misspelt word expands as the word it stands for, weighing what it does", async () => {
  const words = await WordVectors.shared();
  const { terms, expanded, priors } = analyseQuery("what alergies do we have", words, {
    expand: true,
  });
  const at = terms.indexOf(stem("alergies"));
  assert.ok(expanded.terms.includes(stem("allergies")), "the reading, as a form");
  assert.equal(
    expanded.priors[expanded.terms.indexOf(stem("allergies"))],
    priors[at],
    "a form weighs the query word's own weight",
  );
  assert.equal(priors[at], words.stemInformativeness(stem("allergies")), "as informative");
  // Plain: neither the reading nor its relatives.
  const plain = analyseQuery("what alergies do we have", words, { expand: false });
  assert.ok(!plain.expanded.terms.includes(stem("allergies")));
});

Deno.test("slipReadings: a slip read as a frame word frames the question, no relatives; names one edit from no word stay", async () => {
  const words = await WordVectors.shared();
  const read = slipReadings("what do you remeber about okafor", words);
  assert.equal(read.meant.get(stem("remeber")), stem("remember"));
  assert.ok(read.frames.has(stem("remeber")));
  assert.equal(read.relatives.related(stem("remeber")), undefined);
  assert.equal(read.meant.has("okafor"), false);
  const analysed = analyseQuery("what do you remeber about the garden", words, { expand: true });
  assert.ok(analysed.frames.has(stem("remeber")));
});

Deno.test("search: a question's slip finds a memory that says the word's relative (real SQLite)", async () => {
  const { stored, ranked } = await rankedAmong([
    "I am allergic to penicillin, I get a rash all over",
    "we have a big family gathering every christmas in portugal",
    "the family cat sleeps on the sofa all day",
    "my sister sends the family news every sunday",
  ], "what alergies do we have in the family");
  assert.equal(ranked[0], stored[0]);
});

Deno.test("slipReadings: a capitalised word inside a sentence is a name, not a slip", async () => {
  const words = await WordVectors.shared();
  assert.equal(words.slipReading("lurdes"), "lures", "one edit from a word");
  assert.equal(slipReadings("where does Lurdes work", words).meant.has(stem("lurdes")), false);
  assert.equal(slipReadings("where does lurdes work", words).meant.get(stem("lurdes")), "lure");
});

Deno.test("slipReadings: a reading that replaces a consonant is a name's, not a slip; a vowel for a vowel is a slip", async () => {
  const words = await WordVectors.shared();
  assert.equal(words.slipReading("kanji"), "kandi", "one consonant replaced");
  assert.equal(slipReadings("what does kanji mean", words).meant.has(stem("kanji")), false);
  assert.equal(words.slipReading("saterday"), "saturday");
  assert.equal(
    slipReadings("what do i do on saterday", words).meant.get(stem("saterday")),
    stem("saturday"),
  );
});
