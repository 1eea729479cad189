import assert from "node:assert/strict";
import { porterStem } from "../porter.ts";
import { stem } from "../text.ts";
import { input, memoryFixture } from "../testing/contract_fixture.ts";
import { SqliteBackend } from "../sqlite_backend.ts";
import type { SqliteDatabase } from "../../storage/mod.ts";
import { KIND_SIMILARITY } from "./word_relations.ts";
import { WordVectors } from "./word_vectors.ts";
import { calendarPairs, SEASON_MONTHS } from "./wordnet_calendar.ts";
import type { Synset, WordNet } from "./wordnet_db.ts";
import { collectRelations } from "./wordnet_relations.ts";
import { Vocabulary } from "./wordnet_vocabulary.ts";

/** A noun synset of `words`. */
function synset(words: string[]): Synset {
  return {
    words,
    capitalised: words.map(() => false),
    pointers: [],
    definition: "",
    lexFile: "28",
  };
}

/**
 * A WordNet of the seasons and months alone, each its own synset, and the lemmas that name one
 * in a rarer sense only: "mar" is Mars first ("noun:mars"), "summertime" summer first, "jan"
 * January first.
 */
function calendarWordNet(): WordNet {
  const synsets = new Map<string, Synset>();
  const senses = new Map<string, string[]>();
  for (const [season, months] of Object.entries(SEASON_MONTHS)) {
    for (const word of [season, ...months]) {
      synsets.set(`noun:${word}`, synset([word]));
      senses.set(word, [`noun:${word}`]);
    }
  }
  synsets.get("noun:summer")!.words.push("summertime");
  senses.set("summertime", ["noun:summer"]);
  synsets.get("noun:january")!.words.push("jan");
  senses.set("jan", ["noun:january"]);
  synsets.get("noun:march")!.words.push("mar", "mid_march");
  // A multi-word lemma whose first noun sense is March still names no month on its own; "march"
  // is a verb first ("to march"), a month as its first noun.
  senses.set("mid_march", ["noun:march"]);
  synsets.set("verb:march", { ...synset(["march", "parade"]), lexFile: "38" });
  senses.set("parade", ["verb:march"]);
  senses.set("march", ["verb:march", "noun:march"]);
  synsets.set("noun:mars", synset(["mars", "mar"]));
  senses.set("mar", ["noun:mars", "noun:march"]);
  return { licence: "", synsets, senses };
}

Deno.test("the seasons are the northern hemisphere's meteorological ones, whole months", () => {
  assert.deepEqual(SEASON_MONTHS, {
    spring: ["march", "april", "may"],
    summer: ["june", "july", "august"],
    autumn: ["september", "october", "november"],
    winter: ["december", "january", "february"],
  });
});

Deno.test("each season pairs with its months, every lemma that names either first", () => {
  const pairs = calendarPairs(calendarWordNet()).map(([a, b]) => `${a}-${b}`);
  assert.equal(new Set(pairs).size, pairs.length, "no pair twice");
  for (const pair of ["summer-july", "summertime-july", "winter-jan", "winter-january"]) {
    assert.ok(pairs.includes(pair), pair);
  }
  assert.ok(pairs.includes("spring-march"));
  assert.ok(!pairs.some((pair) => pair.endsWith("-mar")), "Mars first: no month");
  assert.ok(!pairs.some((pair) => pair.includes("mid_march")), "no multi-word lemma");
  assert.ok(!pairs.some((pair) => pair.includes("parade")), "the verb's lemmas: no month");
  assert.ok(!pairs.includes("summer-january") && !pairs.includes("winter-july"));
  // 12 months, one season each, with "summertime" and "jan" as second lemmas.
  assert.equal(pairs.length, 12 + 3 + 1);
});

Deno.test("a WordNet without a season's noun fails loudly, not with a partial calendar", () => {
  const wordnet = calendarWordNet();
  wordnet.senses.delete("autumn");
  assert.throws(() => calendarPairs(wordnet), /no noun "autumn"/);
});

Deno.test("the generator relates a month and its season both ways, as kinds", () => {
  const words = ["summer", "july", "winter", "january"];
  const vocabulary = new Vocabulary({
    words: words.join(" "),
    stems: words.map(porterStem).join(" "),
  });
  const relations = collectRelations(calendarWordNet(), {
    basesOf: new Map(),
    vocabulary,
    calendar: [["summer", "july"], ["winter", "jan"], ["winter", "january"]],
  });
  assert.deepEqual([...relations.get("summer")?.kinds ?? []], ["juli"]);
  assert.deepEqual([...relations.get("juli")?.kinds ?? []], ["summer"]);
  assert.deepEqual([...relations.get("januari")?.kinds ?? []], ["winter"]);
  assert.deepEqual([...relations.get("winter")?.kinds ?? []], ["januari"], "not 'jan': no vector");
  assert.ok(!relations.get("summer")?.close.has("juli"), "a kind, not a synonym");
});

Deno.test("the shipped relations hold each month and its season", async () => {
  const words = await WordVectors.shared();
  const related = (a: string, b: string) => words.related(stem(a))?.get(stem(b));
  for (const [season, months] of Object.entries(SEASON_MONTHS)) {
    for (const month of months.filter((month) => month !== "may")) {
      assert.equal(related(season, month), KIND_SIMILARITY, `${season} ${month}`);
      assert.equal(related(month, season), KIND_SIMILARITY, `${month} ${season}`);
    }
  }
  assert.equal(related("fall", "september"), KIND_SIMILARITY, "autumn's other lemma");
  assert.equal(related("summertime", "august"), KIND_SIMILARITY);
  assert.equal(related("jan", "winter"), KIND_SIMILARITY, "an abbreviation WordNet lists");
  assert.equal(related("summer", "january"), undefined);
  assert.equal(related("winter", "july"), undefined);
});

Deno.test("'in the fall' finds 'every October'; 'this summer' raises 'in July'", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const contents = [
      "My brother visits us every Christmas with his boys.",
      "We have no plans for the bank holiday yet.",
      "The kids stay with their grandparents during the school holidays.",
      "My brother and his boys are staying with us in July.",
      "Every October I run the charity bake sale at the school.",
      "I fell off my bike and hurt my wrist.",
      "The charity shop on the corner takes old clothes.",
    ];
    for (const content of contents) await fixture.memory.store(fixture.aria, input({ content }));
    const ranked = async (query: string) =>
      (await fixture.memory.search(fixture.aria, { query, n_results: 5, min_importance: 0 }))
        .map((hit) => hit.content);
    // Without the link "fell" (a form of "fall") wins, and the October memory is second.
    const fall = await ranked("What charity thing do I do in the fall?");
    assert.equal(fall[0], contents[4]);
    // Without it the July memory is third, under the school holidays.
    const summer = await ranked("Who is visiting us this summer?");
    assert.ok(summer.indexOf(contents[3]!) >= 0, "the July memory is found");
    assert.ok(summer.indexOf(contents[3]!) < summer.indexOf(contents[2]!), summer.join(" | "));
  } finally {
    await fixture.close();
  }
});
