/**
 * Pins of word_relations.ts that mutation testing (mut64) found loose: `decoded` counts every
 * stem whose relations are kept, whichever of `of`, `both`, `firstRelatives` or `narrower` kept
 * them; a reference past the lines in a list that is no list of kinds (the forms) is refused.
 */
import assert from "node:assert/strict";
import { LINE_REFS, packRelationLines } from "./relation_refs.ts";
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

Deno.test("WordRelations: a broader kind's reference moved to the list of forms is refused", () => {
  const packed = packRelationLines("a |^b\nb |");
  // The reference, past the last line, moved from the kinds (second part) to the forms (fourth).
  const moved = packed.replace(/^a \|(...)/, "a |||$1");
  assert.notEqual(moved, packed);
  const relations = new WordRelations({
    id: WORD_RELATION_ID,
    relations: moved,
    format: LINE_REFS,
  });
  assert.throws(() => relations.of("a"), /references no line/);
});
