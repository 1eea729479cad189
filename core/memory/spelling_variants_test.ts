import assert from "node:assert/strict";
import { SAME_SPELLING, spellingVariants, withSpellingVariants } from "./spelling_variants.ts";
import { EXPANSION_FORM } from "./ranking.ts";
import { analyseQuery } from "./query_analysis.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { ALIGNMENT_FULL } from "./meaning/alignment.ts";
import { stem } from "./text.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

Deno.test("British and American spellings of one word are each other's variants, both ways", async () => {
  const words = await WordVectors.shared();
  const variants = (word: string) => spellingVariants(stem(word), words);
  assert.deepEqual(variants("favourite"), [stem("favorite")]);
  assert.deepEqual(variants("favorite"), [stem("favourite")]);
  assert.deepEqual(variants("colour"), ["color"]);
  assert.deepEqual(variants("neighbors"), [stem("neighbour")]);
  // Words whose other spelling is another word, or none.
  for (const word of ["tour", "four", "hour", "court", "course", "doctor", "motor", "horror"]) {
    assert.deepEqual(variants(word), [], word);
  }
});

Deno.test("a spelling counts as the other only when their words mean the same (SAME_SPELLING)", () => {
  assert.equal(SAME_SPELLING, ALIGNMENT_FULL);
  const unit = (x: number) => new Float32Array([x, Math.sqrt(1 - x * x)]);
  const at = (cosine: number) => ({
    unitOfStem: (wordStem: string) =>
      wordStem === "colour" ? unit(1) : wordStem === "color" ? unit(cosine) : undefined,
  });
  assert.deepEqual(spellingVariants("colour", at(SAME_SPELLING + 0.001)), ["color"]);
  assert.deepEqual(spellingVariants("colour", at(SAME_SPELLING - 0.01)), []);
  assert.deepEqual(spellingVariants("colour", { unitOfStem: () => undefined }), []);
});

Deno.test("spelling variants join the BM25 query with their term's weight, after its own terms", async () => {
  const words = await WordVectors.shared();
  const own = { terms: ["favourit", "band"], priors: [0.9, 0.5], sources: [0, 1] };
  const expanded = withSpellingVariants(own, words);
  assert.deepEqual(expanded.terms, ["favourit", "band", "favorit"]);
  assert.deepEqual(expanded.priors, [0.9, 0.5, 0.9 * EXPANSION_FORM]);
  assert.deepEqual(expanded.sources, [0, 1, 0]);
  // A WordNet relative already there weighs as a form from now on; an own term stays as it is.
  const related = withSpellingVariants({
    terms: ["favourit", "favorit"],
    priors: [0.9, 0.2],
    sources: [0, 0],
  }, words);
  assert.deepEqual(related.priors, [0.9, 0.9 * EXPANSION_FORM]);
  const both = { terms: ["favourit", "favorit"], priors: [0.9, 0.8], sources: [0, 1] };
  assert.equal(withSpellingVariants(both, words), both);
  // Texted: "fave" is "favourite", "fav" is "favorite" (`chat_speak.ts`), each brings the other
  // with its own weight (a WordNet relative would weigh less).
  for (const query of ["my fav band", "my fave band", "my favourite band", "my favorite band"]) {
    const { terms, priors } = analyseQuery(query, words, { expand: true }).expanded;
    const [own, other] = terms.indexOf("favourit") < terms.indexOf("favorit")
      ? [terms.indexOf("favourit"), terms.indexOf("favorit")]
      : [terms.indexOf("favorit"), terms.indexOf("favourit")];
    assert.ok(own >= 0 && other >= 0, query);
    assert.equal(priors[other], priors[own]! * EXPANSION_FORM, query);
  }
});

Deno.test("search: a memory's fav, fave, favourite or favorite matches a query's any of them by its words (real SQLite)", async () => {
  const spellings = ["fav", "fave", "favourite", "favorite"];
  for (const told of spellings) {
    const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
    try {
      await fixture.memory.store(
        fixture.aria,
        input({ content: `My ${told} shop is the bakery.` }),
      );
      await fixture.memory.store(fixture.aria, input({ content: "The shop by the station shut." }));
      for (const asked of spellings) {
        const [hit] = await fixture.memory.search(fixture.aria, {
          query: `my ${asked} shop`,
          n_results: 1,
          min_importance: 0,
          explain: true,
        });
        assert.ok(hit!.content.includes(told), `${told} / ${asked}`);
        // The spelling's term is most of the query's weight: matched as written, BM25's part is
        // 1; as the other spelling, less (the query's own term, unseen, has the higher idf), but
        // well above a WordNet relative's weight (0.09 "favourite" / "favorite", 0.30 "fav" /
        // "fave" without the variants).
        const lexical = hit!.score_parts!.lexical;
        assert.ok(lexical > (told === asked ? 0.99 : 0.35), `${told} / ${asked}: ${lexical}`);
      }
    } finally {
      await fixture.close();
    }
  }
});
