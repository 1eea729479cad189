/**
 * Pins of relation_refs.ts that mutation testing (mut64) found loose: the fifth part's second list
 * is a list of kinds, so a broader kind written there packs and reads back as broader; a broader
 * kind on the first line is read back as such.
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

Deno.test("LineRefs: a broader kind on the first line is read back, one past the last line's number", () => {
  const text = ["animal |rodent", "hamster |^rodent", "rodent |^animal"].join("\n");
  const packed = new WordRelations({
    id: WORD_RELATION_ID,
    relations: packRelationLines(text),
    format: LINE_REFS,
  });
  assert.deepEqual([...packed.narrower("rodent")], [], "'animal' is broader, on line 0");
  assert.deepEqual([...packed.narrower("animal")], ["rodent"]);
});
