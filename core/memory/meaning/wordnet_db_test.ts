import assert from "node:assert/strict";
import { stem } from "../text.ts";
import { CLOSE_SIMILARITY } from "./word_relations.ts";
import { WordVectors } from "./word_vectors.ts";
import { descendsFrom, type Synset, undotAbbreviations } from "./wordnet_db.ts";

function synset(words: string[]): Synset {
  return { words, capitalised: words.map(() => true), pointers: [], definition: "", lexFile: "18" };
}

Deno.test("a dotted abbreviation is read as its bare word unless that word is a lemma", () => {
  const synsets = new Map([
    ["noun:1", synset(["doctor", "doc", "dr."])],
    ["noun:2", synset(["illinois", "ill."])],
    ["noun:3", synset(["st._louis"])],
    ["noun:4", synset(["doctor", "dr."])],
    ["noun:5", synset(["quart", "q."])],
  ]);
  const senses = new Map([
    ["dr.", ["noun:1"]],
    ["doctor", ["noun:1", "noun:4"]],
    ["ill.", ["noun:2"]],
    ["ill", ["adj:9"]],
    ["st._louis", ["noun:3"]],
    ["q.", ["noun:5"]],
  ]);
  undotAbbreviations(synsets, senses);
  // "dr" is no lemma of its own: it takes "dr."'s senses, and every synset says "dr", even one
  // that is not among "dr."'s listed senses (the index lists only the first few).
  assert.deepEqual(senses.get("dr"), ["noun:1"]);
  assert.deepEqual(synsets.get("noun:1")!.words, ["doctor", "doc", "dr"]);
  assert.deepEqual(synsets.get("noun:4")!.words, ["doctor", "dr"]);
  // "ill" is a lemma: it keeps its own senses, and Illinois keeps "ill." (reaching no word).
  assert.deepEqual(senses.get("ill"), ["adj:9"]);
  assert.deepEqual(synsets.get("noun:2")!.words, ["illinois", "ill."]);
  // One letter before the dot is an abbreviation too.
  assert.deepEqual(synsets.get("noun:5")!.words, ["quart", "q"]);
  // A lemma with no final dot is no abbreviation: "doctor" is not read as "docto".
  assert.equal(senses.has("docto"), false);
  assert.deepEqual(senses.get("doctor"), ["noun:1", "noun:4"]);
  // Only one-word lemmas: a dotted word inside a phrase is not an abbreviation's whole lemma.
  assert.equal(senses.has("st._louis."), false);
  assert.deepEqual(synsets.get("noun:3")!.words, ["st._louis"]);
});

Deno.test("the shipped relations read Dr as a doctor both ways, and Ill. never as ill", async () => {
  const words = await WordVectors.shared();
  const related = (a: string, b: string) => words.related(stem(a))?.get(stem(b));
  // "Dr." is a lemma of WordNet's doctor synset (doctor, doc, physician, MD, Dr., medico).
  assert.equal(related("dr", "doctor"), CLOSE_SIMILARITY);
  assert.equal(related("dr", "physician"), CLOSE_SIMILARITY);
  assert.equal(related("doctor", "dr"), CLOSE_SIMILARITY);
  assert.equal(related("physician", "dr"), CLOSE_SIMILARITY);
  // "ill" and "calif" are lemmas of their own ("Ill." Illinois, "Calif." California).
  assert.equal(related("ill", "illinois"), undefined);
  assert.equal(related("calif", "california"), undefined);
});

Deno.test("descendsFrom: broader kinds and instances up to a root, the key itself, a loop ended", () => {
  const kind = (target: string) => ({ symbol: "@", target, source: 0, targetWord: 0 });
  const synsets = new Map<string, Synset>([
    ["noun:1", synset(["city"])],
    ["noun:2", { ...synset(["capital"]), pointers: [kind("noun:1")] }],
    // An instance: Dublin is an instance of a capital ("@i"), no kind of one.
    ["noun:3", {
      ...synset(["dublin"]),
      pointers: [{ symbol: "@i", target: "noun:2", source: 0, targetWord: 0 }],
    }],
    // Its narrower kinds ("~") lead down, not up.
    ["noun:4", {
      ...synset(["town"]),
      pointers: [{ symbol: "~", target: "noun:1", source: 0, targetWord: 0 }],
    }],
    ["noun:5", { ...synset(["a"]), pointers: [kind("noun:6")] }],
    ["noun:6", { ...synset(["b"]), pointers: [kind("noun:5")] }],
  ]);
  const roots = new Set(["noun:1"]);
  assert.equal(descendsFrom(synsets, "noun:2", { roots }), true);
  assert.equal(descendsFrom(synsets, "noun:3", { roots }), true, "through an instance");
  assert.equal(descendsFrom(synsets, "noun:1", { roots }), true, "a root is its own kind");
  assert.equal(descendsFrom(synsets, "noun:4", { roots }), false);
  assert.equal(descendsFrom(synsets, "noun:5", { roots }), false, "a loop of kinds ends");
});
