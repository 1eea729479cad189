import assert from "node:assert/strict";
import { WordVectors } from "./word_vectors.ts";

Deno.test("isPlace: a shouted plural of four letters is read as a plural ('PUBS', 'INNS')", async () => {
  const words = await WordVectors.shared();
  // Three letters before the "S" make a word, not an initialism: the shortest shouted plural.
  for (const place of ["PUBS", "INNS", "ZOOS"]) assert.ok(words.isPlace(place), place);
});
