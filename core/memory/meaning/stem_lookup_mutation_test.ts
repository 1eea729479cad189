import assert from "node:assert/strict";
import { highestByStems, highestOneByOne, INDEXED_FROM } from "./stem_lookup.ts";
import { WordVectors } from "./word_vectors.ts";

Deno.test("an indexed text is looked up by the word's WordNet links too ('lantern': a lamp)", async () => {
  const vectors = await WordVectors.shared();
  const names = Array.from(
    { length: INDEXED_FROM },
    (_, i) => `qzl${(i * 7919 + 104729).toString(36)}`,
  );
  const words = vectors.contentWords(`An old brass lamp hangs by the door. ${names.join(" ")}`);
  assert.ok(words.length >= INDEXED_FROM);
  const lantern = { ...vectors.prepare("lantern"), unit: undefined };
  assert.ok(lantern.related?.has("lamp"));
  const found = highestByStems(lantern, words);
  assert.ok(found > 0 && found < 1, `${found}`);
  assert.equal(found, highestOneByOne(lantern, words));
});
