import assert from "node:assert/strict";
import { classMemberDataMade, withAskedClassMembers } from "./class_member_data.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

/** Vectors of their own, over the shared ones: whether the data was made is then this test's. */
async function ownVectors(): Promise<WordVectors> {
  const shared = await WordVectors.shared();
  return {
    has: (word: string) => shared.has(word),
    unit: (word: string) => shared.unit(word),
    unitOfStem: (term: string) => shared.unitOfStem(term),
    related: (term: string) => shared.related(term),
  } as unknown as WordVectors;
}

Deno.test("a word in '-s' asks a class only when the word vectors know its singular", async () => {
  const expanded = { terms: ["flurb"], priors: [1] };
  // "flurb" is no word of the vectors: "flurbs" is not read as a plural noun, no class asked.
  const unknown = await ownVectors();
  assert.equal(
    await withAskedClassMembers("what flurbs do we have", { expanded, words: unknown }),
    expanded,
  );
  assert.equal(classMemberDataMade(unknown), false);
  // "pet" is: "pets" is the class "what pets do we have" asks.
  const known = await ownVectors();
  await withAskedClassMembers("what pets do we have", { expanded, words: known });
  assert.equal(classMemberDataMade(known), true);
});
