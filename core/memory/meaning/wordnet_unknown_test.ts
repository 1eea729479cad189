import assert from "node:assert/strict";
import { porterStem } from "../porter.ts";
import { preparedSimilarity } from "./word_similarity.ts";
import { WordVectors } from "./word_vectors.ts";
import type { Synset, WordNet } from "./wordnet_db.ts";
import { collectRelations } from "./wordnet_relations.ts";
import { Vocabulary } from "./wordnet_vocabulary.ts";

/** A synset of `words` (`capitalised` as WordNet writes them), defined as `definition`. */
function synset(
  words: string[],
  { definition = "", lexFile = "29", pointers = [] as Synset["pointers"], capitalised = false } =
    {},
): Synset {
  return { words, capitalised: words.map(() => capitalised), pointers, definition, lexFile };
}

// Past the 1,000 most frequent words, whose use in a definition says little.
const vocabularyWords = [
  ...Array.from({ length: 1_000 }, (_, i) => `common${i}`),
  ...["sleep", "slept", "wallet", "town", "fish", "intended"],
];
const vocabulary = new Vocabulary({
  words: vocabularyWords.join(" "),
  stems: vocabularyWords.map(porterStem).join(" "),
});
const wordnet: WordNet = {
  licence: "",
  synsets: new Map([
    ["verb:1", synset(["sleep"], { definition: "be asleep" })],
    ["verb:2", synset(["oversleep"], { definition: "sleep longer than intended" })],
    ["noun:3", synset(["wallet", "billfold"], { definition: "a pocket-size case", lexFile: "06" })],
    ["noun:4", synset(["town"], { definition: "an urban area", lexFile: "15" })],
    ["noun:5", synset(["whitby"], { definition: "a town", lexFile: "15", capitalised: true })],
    ["noun:6", synset(["fish"], { definition: "aquatic vertebrate", lexFile: "05" })],
    ["noun:7", synset(["haddock"], { definition: "a food fish", lexFile: "05" })],
  ]),
  senses: new Map([
    ["sleep", ["verb:1"]],
    ["oversleep", ["verb:2"]],
    ["wallet", ["noun:3"]],
    ["billfold", ["noun:3"]],
    ["town", ["noun:4"]],
    ["whitby", ["noun:5"]],
    ["fish", ["noun:6"]],
    ["haddock", ["noun:7"]],
  ]),
};

Deno.test("a WordNet lemma outside the vocabulary takes its senses' relatives, and their forms", () => {
  const relations = collectRelations(wordnet, {
    basesOf: new Map([["slept", new Set(["sleep"])]]),
    vocabulary,
  });
  const oversleep = relations.get("oversleep");
  assert.deepEqual([...oversleep?.defined ?? []].sort(), ["intend", "sleep", "slept"]);
  assert.deepEqual([...relations.get("billfold")?.close ?? []], ["wallet"]);
  assert.equal(relations.has("whitbi"), false, "a name (written capitalised) takes no line");
  assert.equal(relations.has("haddock"), false, "nor a genus or species");
});

Deno.test("the shipped relations: a rare word WordNet knows reaches a vocabulary word", async () => {
  const words = await WordVectors.shared();
  const [slept, carpet] = words.contentWords("slept carpet");
  const query = words.prepare("oversleeping");
  assert.equal(query.unit, undefined, "no vector of its own");
  const linked = preparedSimilarity(query, slept!);
  assert.ok(linked > preparedSimilarity(query, carpet!), `oversleeping/slept ${linked}`);
  assert.equal(words.prepare("wallet").related?.has("billfold"), true, "seen from the other side");
});
