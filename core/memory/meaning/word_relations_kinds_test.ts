/**
 * A kind's direction in WordNet's relations (recall106): a broader kind (a hypernym, written
 * after `BROADER`) and a narrower one (a kind of the word, a hyponym) are told apart when the
 * lists are read (`WordRelations.narrower`), packed or plain, and in the shipped data; the
 * strengths the lists count as are the same either way.
 */
import assert from "node:assert/strict";
import { KIND_SIMILARITY, WORD_RELATION_ID, WordRelations } from "./word_relations.ts";
import { LINE_REFS, packRelationLines } from "./relation_refs.ts";
import { relationLines } from "./wordnet_relation_lines.ts";
import { emptyEntry } from "./wordnet_relations.ts";
import { Vocabulary } from "./wordnet_vocabulary.ts";

/** "hamster" lists "rodent" as broader; "rodent" its broader "mammal" and, seen from the other side, "hamster". */
const PLAIN = [
  "hamster |^rodent",
  "mammal |rodent",
  "rodent |^mammal|||;hamster;",
].join("\n");

Deno.test("a kind of the word is narrower, a hypernym is not, read both ways (plain and packed)", () => {
  for (
    const relations of [
      new WordRelations({ id: WORD_RELATION_ID, relations: PLAIN }),
      new WordRelations({
        id: WORD_RELATION_ID,
        relations: packRelationLines(PLAIN),
        format: LINE_REFS,
      }),
    ]
  ) {
    assert.deepEqual([...relations.narrower("rodent")], ["hamster"], "seen from the other side");
    assert.deepEqual([...relations.narrower("mammal")], ["rodent"]);
    assert.equal(relations.narrower("hamster").size, 0, "rodent is no kind of hamster");
    assert.equal(relations.narrower("none").size, 0);
    // The strengths do not change with the direction: both count as a kind.
    assert.deepEqual([...relations.both("rodent")!], [
      ["mammal", KIND_SIMILARITY],
      ["hamster", KIND_SIMILARITY],
    ]);
    assert.deepEqual([...relations.of("hamster")!], [["rodent", KIND_SIMILARITY]]);
  }
});

Deno.test("a broader kind packs past the last line, and only a list of kinds may say so", () => {
  const packed = packRelationLines(PLAIN).split("\n");
  // Three lines: "rodent" is line 2 ("!!$": `"` is no digit), as broader 2 + 3 = 5 ("!!'").
  assert.equal(packed[0], "hamster |!!'");
  assert.equal(packed[1], "mammal |!!$");
  assert.throws(() => packRelationLines("a ^b\nb a"), /"\^b" is related but has no line/);
  const relations = new WordRelations({
    id: WORD_RELATION_ID,
    relations: "hamster !!%\nrodent ",
    format: LINE_REFS,
  });
  assert.throws(
    () => relations.of("hamster"),
    /references no line/,
    "a close list is no kinds list",
  );
});

Deno.test("the shipped data: a hamster is a kind of rodent, not the reverse; July of summer", async () => {
  const { default: data } = await import("./word_relations.gen.json", { with: { type: "json" } });
  const relations = new WordRelations(data as { id: string; relations: string; format: string });
  assert.ok(relations.narrower("rodent").has("hamster"));
  assert.ok(relations.narrower("rodent").has("squirrel"));
  assert.ok(!relations.narrower("hamster").has("rodent"));
  assert.equal(relations.both("hamster")!.get("rodent"), KIND_SIMILARITY, "still a kind");
  assert.ok(relations.narrower("dog").has("poodl"));
  assert.ok(!relations.narrower("poodl").has("dog"));
  assert.ok(relations.narrower("summer").has("juli"), "the calendar: a month of its season");
  assert.ok(!relations.narrower("juli").has("summer"));
});

Deno.test("the generator writes a hypernym after ^, a hyponym bare, and turns them seen from the other side", () => {
  const vocabulary = new Vocabulary({
    words: "rodent hamster mammal",
    stems: "rodent hamster mammal",
  });
  const rodent = emptyEntry();
  rodent.kinds.add("mammal").add("hamster");
  rodent.broader.add("mammal");
  rodent.narrower.add("hamster");
  // "mammal" is also reached as a kind of "hamster" in another sense: narrower wins.
  const hamster = emptyEntry();
  hamster.kinds.add("mammal");
  hamster.broader.add("mammal");
  hamster.narrower.add("mammal");
  const lines = relationLines(new Map([["rodent", rodent], ["hamster", hamster]]), {
    vocabulary,
    meanings: { similarity: () => 0.5 },
  });
  assert.deepEqual(lines, [
    "hamster |mammal|||;^rodent;",
    "mammal ||||;rodent,^hamster;",
    "rodent |hamster,^mammal||",
  ]);
});
