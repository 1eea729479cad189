/**
 * A kind of the asked word against a sibling the vectors like as much (recall106): for a plural
 * that names a class whose kinds WordNet lists, a memory word only the vectors find near
 * ("cats" for "rodents") counts at most `UNLINKED_CLASS_CAP` (`unlinkedCap`), while a kind of it
 * ("hamsters") keeps its cosine.
 */
import assert from "node:assert/strict";
import {
  alignment,
  ALIGNMENT_FULL,
  matchStrength,
  preparedSimilarity,
  weightedQuery,
} from "./alignment.ts";
import { UNLINKED_CLASS_CAP, unlinkedCap } from "./word_similarity.ts";
import { CLOSE_SIMILARITY, KIND_SIMILARITY } from "./word_relations.ts";
import { WordVectors } from "./word_vectors.ts";

Deno.test("a class word's unlinked vector neighbour counts at most 0.55, a linked word is not capped", () => {
  assert.equal(UNLINKED_CLASS_CAP, 0.55);
  assert.equal(UNLINKED_CLASS_CAP, CLOSE_SIMILARITY, "the vectors alone no more than a synonym");
  assert.ok(matchStrength(UNLINKED_CLASS_CAP) < 1, "short of a whole match");
  assert.ok(UNLINKED_CLASS_CAP < ALIGNMENT_FULL);
  const rodents = {
    word: "rodents",
    stem: "rodent",
    unit: undefined,
    narrower: new Set(["hamster"]),
  };
  assert.equal(unlinkedCap(rodents, 0), UNLINKED_CLASS_CAP, "no WordNet link");
  assert.equal(unlinkedCap(rodents, 0.4), UNLINKED_CLASS_CAP, "a definition word or second hop");
  assert.equal(unlinkedCap(rodents, KIND_SIMILARITY), 1, "a kind, either way");
  assert.equal(unlinkedCap(rodents, -0.55), 1, "a close relative the vectors may disown");
  assert.equal(unlinkedCap({ ...rodents, narrower: new Set() }, 0), 1, "no kinds: no class");
  assert.equal(unlinkedCap({ ...rodents, narrower: undefined }, 0), 1, "a memory's word");
});

Deno.test("'rodents' is answered by 'hamsters' (a kind) above 'cats' (a sibling)", async () => {
  const words = await WordVectors.shared();
  const rodents = words.prepare("rodents");
  const kind = preparedSimilarity(rodents, words.prepare("hamsters"));
  const sibling = preparedSimilarity(rodents, words.prepare("cats"));
  assert.equal(sibling, UNLINKED_CLASS_CAP, "the vectors alone rate them near");
  assert.ok(kind > sibling, `${kind} > ${sibling}`);
  // A singular names no class (no centroid): its vector neighbours are not capped.
  assert.equal(words.prepare("rodent").narrower, undefined);
  assert.ok(preparedSimilarity(words.prepare("dog"), words.prepare("cat")) > UNLINKED_CLASS_CAP);
  // A memory's word compared with another memory's: no class, no cap.
  assert.ok(
    preparedSimilarity(words.direct!.prepare("rodents"), words.prepare("cats")) >
      UNLINKED_CLASS_CAP,
  );
});

Deno.test("alignment's table path caps as preparedSimilarity does", async () => {
  const words = await WordVectors.shared();
  const cats = alignment(weightedQuery("rodents", () => 1), { content: "my cats", vectors: words });
  const hamsters = alignment(weightedQuery("rodents", () => 1), {
    content: "my hamsters",
    vectors: words,
  });
  assert.equal(cats.score, matchStrength(UNLINKED_CLASS_CAP));
  assert.ok(hamsters.score > cats.score);
});
