import assert from "node:assert/strict";
import { WORD_RELATION_ID, WordRelations } from "./word_relations.ts";

Deno.test("phrase: every term sequence answers as a lookup of its whole key would", () => {
  const lines = [
    "come up|arise",
    "come up short|fail",
    "get hitch|marry,wed",
    "time of year|season",
    "time year|season",
    "up to date|current",
  ];
  const phrases = new WordRelations({
    id: WORD_RELATION_ID,
    relations: "",
    phrases: lines.join("\n"),
  });
  const expected = new Map(lines.map((line) => {
    const [key, synonyms] = line.split("|");
    return [key!, synonyms!.split(",")];
  }));
  const vocabulary = ["come", "up", "short", "get", "hitch", "time", "of", "year", "to", "date"];
  let sequences: string[][] = [[]];
  for (let length = 1; length <= 4; length++) {
    sequences = sequences.flatMap((head) => vocabulary.map((term) => [...head, term]));
    for (const terms of sequences) {
      assert.deepEqual(phrases.phrase(terms), expected.get(terms.join(" ")), terms.join(" "));
    }
  }
  assert.equal(phrases.longestPhrase, 3);
});
