/**
 * Pins of word_relations.ts that mutation testing (mut64) found loose: `decoded` counts every
 * stem whose relations are kept, whichever of `of`, `both`, `firstRelatives` or `narrower` kept
 * them.
 */
import assert from "node:assert/strict";
import { WORD_RELATION_ID, WordRelations } from "./word_relations.ts";

const LINES = ["hamster |^rodent", "mammal |rodent", "rodent |^mammal|||;hamster;"].join("\n");

Deno.test("WordRelations.decoded: one for each stem kept by each reading", () => {
  const relations = new WordRelations({ id: WORD_RELATION_ID, relations: LINES });
  assert.equal(relations.decoded, 0);
  relations.firstRelatives("rodent", 1);
  assert.equal(relations.decoded, 2, "firstRelatives, and the `of` it reads");
  relations.narrower("rodent");
  assert.equal(relations.decoded, 3, "narrower");
  relations.both("rodent");
  assert.equal(relations.decoded, 4, "both");
  relations.of("mammal");
  assert.equal(relations.decoded, 5, "of");
});
