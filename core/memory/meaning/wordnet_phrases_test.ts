import assert from "node:assert/strict";
import { porterStem } from "../porter.ts";
import { terms } from "../text.ts";
import { WordVectors } from "./word_vectors.ts";
import type { Pointer, Synset, WordNet } from "./wordnet_db.ts";
import { phraseLines } from "./wordnet_phrases.ts";
import { Vocabulary } from "./wordnet_vocabulary.ts";

/** A noun synset of `words` whose broader kinds are `hypernyms`. */
function synset(words: string[], ...hypernyms: string[]): Synset {
  const pointers: Pointer[] = hypernyms.map((target) => ({
    symbol: "@",
    target,
    source: 0,
    targetWord: 0,
  }));
  return { words, capitalised: words.map(() => false), pointers, definition: "", lexFile: "18" };
}

const vocabularyWords = [
  ...[
    "doctor",
    "gp",
    "gift",
    "present",
    "unit",
    "force",
    "body",
    "form",
    "engine",
    "ice",
    "stride",
    "nurse",
    "rn",
    "matron",
  ],
];
const vocabulary = new Vocabulary({
  words: vocabularyWords.join(" "),
  stems: vocabularyWords.map(porterStem).join(" "),
});
const wordnet: WordNet = {
  licence: "",
  synsets: new Map([
    ["noun:1", synset(["doctor"])],
    ["noun:2", synset(["general_practitioner", "gp"], "noun:1")],
    ["noun:3", synset(["family_doctor"], "noun:2")],
    ["noun:4", synset(["gift"])],
    ["noun:5", synset(["present"], "noun:4")],
    ["noun:6", synset(["birthday_gift"], "noun:5")],
    ["noun:7", synset(["unit"])],
    ["noun:8", synset(["force"])],
    ["noun:9", synset(["air_unit"], "noun:8")],
    ["noun:10", synset(["body", "form"])],
    ["noun:11", synset(["male_body"], "noun:10")],
    ["verb:12", synset(["look_after"], "noun:1")],
    ["noun:13", { ...synset(["engine"]) }],
    ["noun:14", { ...synset(["combustion_engine", "ice"], "noun:13"), capitalised: [false, true] }],
    ["noun:15", synset(["piston_engine"], "noun:14")],
    ["noun:16", synset(["ice"])],
    ["verb:17", synset(["walk"])],
    ["verb:18", synset(["stride"], "verb:17")],
    ["verb:19", synset(["power_walk"], "verb:18")],
    ["noun:20", synset(["nurse"])],
    ["noun:21", { ...synset(["registered_nurse", "rn"], "noun:20"), capitalised: [false, true] }],
    ["noun:22", synset(["matron"], "noun:20")],
    // A staff nurse is an RN; "matron" is only a word it points to some other way.
    ["noun:23", {
      ...synset(["staff_nurse"], "noun:21"),
      pointers: [
        { symbol: "@", target: "noun:21", source: 0, targetWord: 0 },
        { symbol: "~", target: "noun:22", source: 0, targetWord: 0 },
      ],
    }],
  ]),
  senses: new Map([
    ["doctor", ["noun:1"]],
    ["general_practitioner", ["noun:2"]],
    ["gp", ["noun:2"]],
    ["family_doctor", ["noun:3"]],
    ["gift", ["noun:4"]],
    ["present", ["noun:5"]],
    ["birthday_gift", ["noun:6"]],
    ["unit", ["noun:7"]],
    ["force", ["noun:8"]],
    ["air_unit", ["noun:9"]],
    ["body", ["noun:10"]],
    ["male_body", ["noun:11"]],
    ["look_after", ["verb:12"]],
    ["engine", ["noun:13"]],
    ["combustion_engine", ["noun:14"]],
    ["piston_engine", ["noun:15"]],
    ["ice", ["noun:16", "noun:14"]],
    ["walk", ["verb:17"]],
    ["stride", ["verb:18"]],
    ["power_walk", ["verb:19"]],
    ["nurse", ["noun:20"]],
    ["registered_nurse", ["noun:21"]],
    ["rn", ["noun:21"]],
    ["matron", ["noun:22"]],
    ["staff_nurse", ["noun:23"]],
  ]),
};

Deno.test("a compound no one word names takes its broader kind's words, a kind of its head", () => {
  const lines = phraseLines(wordnet, { basesOf: new Map(), vocabulary });
  // A family doctor is a GP, and a GP is a doctor: "GP" names it. A birthday gift is a present.
  assert.ok(lines.includes("famili doctor|gp"), lines.join("; "));
  assert.ok(lines.includes("birthdai gift|present"), lines.join("; "));
  // An air unit's broader kind ("force") is no unit; a male body's is the head's own sense
  // ("body, form": the head says it already). A phrasal verb's head, its particle, has no kinds.
  assert.deepEqual(lines.filter((line) => /^(air unit|male bodi|look after)\|/.test(line)), []);
  // Nouns only: a verb's broader kind is a way of doing it, no name of it.
  assert.ok(!lines.some((line) => line.startsWith("power walk|")), lines.join("; "));
  // "ICE" (a combustion engine) is "ice" to the analyser, an everyday word of its own.
  assert.ok(!lines.some((line) => line.startsWith("piston engin|")), lines.join("; "));
  // "RN" is written in capitals only (no everyday "rn"): it names a staff nurse. Only a broader
  // kind ("@") names the compound, not a word it points to another way ("matron").
  assert.ok(lines.includes("staff nurs|rn"), lines.join("; "));
  // A compound's own one-word synonym wins: "general practitioner" is "GP" by its own synset.
  assert.ok(lines.includes("gener practition|gp"), lines.join("; "));
});

Deno.test("the shipped phrases: 'family doctor' is a GP, 'birthday gift' a present", async () => {
  const words = await WordVectors.shared();
  assert.ok(words.phrase(terms("family doctor"))?.includes("gp"));
  assert.ok(words.phrase(terms("birthday gift"))?.includes("present"));
  // A teddy bear's broader kind ("plaything, toy") is no bear; a reciprocating engine's
  // ("internal-combustion engine, ICE") is spelt "ice" by its abbreviation only.
  assert.equal(words.phrase(terms("teddy bear")), undefined, "a toy is no bear");
  assert.ok(!words.phrase(terms("reciprocating engine"))?.includes("ice"));
});
