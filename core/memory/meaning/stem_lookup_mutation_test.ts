import assert from "node:assert/strict";
import { highestByStems, highestOneByOne, INDEXED_FROM, withoutSlips } from "./stem_lookup.ts";
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

Deno.test("withoutSlips gives a word already direct back as it is, and one looking for slips a direct copy once", async () => {
  const vectors = await WordVectors.shared();
  const asked = vectors.prepare("qzlfrobnitz");
  assert.equal(asked.direct, false);
  const direct = withoutSlips(asked);
  assert.deepEqual(direct, { ...asked, direct: true });
  assert.equal(withoutSlips(asked), direct, "made once per word");
  assert.equal(withoutSlips(direct), direct);
});
