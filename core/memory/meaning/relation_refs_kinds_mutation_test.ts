/**
 * Pins of relation_refs.ts that mutation testing (mut64) found loose: the fifth part's second list
 * is a list of kinds, so a broader kind written there packs and reads back as broader.
 */
import assert from "node:assert/strict";
import { LINE_REFS, packRelationLines } from "./relation_refs.ts";
import { WORD_RELATION_ID, WordRelations } from "./word_relations.ts";

/** "rodent" lists, seen from the other side, "hamster" as its kind and "mammal" as broader. */
const PLAIN = ["hamster |^rodent", "mammal |rodent", "rodent ||||;hamster,^mammal;"].join("\n");

Deno.test("packRelationLines: a broader kind in the fifth part's list of kinds packs and reads as broader", () => {
  const packed = new WordRelations({
    id: WORD_RELATION_ID,
    relations: packRelationLines(PLAIN),
    format: LINE_REFS,
  });
  const plain = new WordRelations({ id: WORD_RELATION_ID, relations: PLAIN });
  for (const relations of [plain, packed]) {
    assert.deepEqual([...relations.narrower("rodent")], ["hamster"]);
  }
});
