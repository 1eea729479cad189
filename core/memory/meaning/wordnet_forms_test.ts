import assert from "node:assert/strict";
import { stem } from "../text.ts";
import { preparedSimilarity } from "./alignment.ts";
import { FORM_SIMILARITY } from "./word_relations.ts";
import { WordVectors } from "./word_vectors.ts";

Deno.test("a regular form belongs to the base Porter joins it to, not to a shorter lemma", async () => {
  const words = await WordVectors.shared();
  const related = (a: string, b: string) => words.related(stem(a))?.get(stem(b));
  // "hoped", "stared", "wines", "scaring" inflect "hope", "stare", "wine", "scare" (Porter gives
  // them those stems); read as "hop"+"ed", "star"+"ed", "win"+"es", "scar"+"ing" they made the
  // two lemmas one word.
  for (
    const [form, wrong] of [
      ["hoped", "hop"],
      ["stared", "star"],
      ["wines", "win"],
      ["scaring", "scar"],
      ["plates", "plat"],
      ["paled", "pal"],
      ["planed", "plan"],
      ["robes", "rob"],
    ]
  ) {
    assert.notEqual(related(form!, wrong!), FORM_SIMILARITY, `${form} is no form of ${wrong}`);
    assert.notEqual(related(wrong!, form!), FORM_SIMILARITY, `${wrong} is no form of ${form}`);
  }
  // Forms Porter leaves apart from their one base still join it.
  for (const [form, base] of [["died", "die"], ["goes", "go"], ["stricter", "strict"]]) {
    assert.equal(related(form!, base!), FORM_SIMILARITY, form);
  }
});

Deno.test("a query word matches a look-alike lemma by meaning only, not as its form", async () => {
  const words = await WordVectors.shared();
  const similarity = (query: string, memory: string) =>
    preparedSimilarity(words.prepare(query), words.prepare(memory));
  assert.ok(similarity("pal", "pale") < 1, "'pal' and 'pale' (of 'paled') are two words");
  assert.ok(similarity("star", "stared") < 1);
  assert.ok(similarity("win", "wines") < 1);
  assert.equal(similarity("die", "died"), 1, "a form is still the word");
});
