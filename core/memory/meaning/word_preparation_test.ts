import assert from "node:assert/strict";
import { FORM_SIMILARITY } from "./word_relations.ts";
import { WordVectors } from "./word_vectors.ts";

Deno.test("a query's word is prepared for the second hop, a memory's compared with another's direct", async () => {
  const words = await WordVectors.shared();
  // A known word, and a misspelt one read as the word one edit away (`typo_forms.ts`).
  for (const word of ["kitten", "daugther"]) {
    assert.equal(words.prepare(word).direct, false, word);
    assert.equal(words.direct.prepare(word).direct, true, word);
  }
  assert.equal(words.unit("daugther"), undefined, "the misspelt word is unknown");
});

Deno.test("a number word joins its digits, a kinship word keeps to its own meanings", async () => {
  const words = await WordVectors.shared();
  assert.equal(words.prepare("twelve").related?.get("12"), FORM_SIMILARITY);
  assert.equal(words.direct.prepare("twelve").related?.get("12"), FORM_SIMILARITY);
  assert.ok(words.prepare("mother").kinOthers !== undefined, "a kinship word");
  assert.equal(words.prepare("twelve").kinOthers, undefined);
});

Deno.test("a kinship word has no senses for the vectors to disown; another word its own relations", async () => {
  const words = await WordVectors.shared();
  // Its meanings are kinship's own (`kin_terms.ts`), never a WordNet sense to judge.
  assert.equal(words.prepare("mother").senses, undefined);
  const kitty = words.prepare("kitty");
  assert.ok(kitty.senses !== undefined && kitty.senses.has("pool"), "a plain word's own senses");
});
