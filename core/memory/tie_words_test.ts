import assert from "node:assert/strict";
import { isPersonNoun, isTieWord, KIN_PREFIXES, TIE_WORDS } from "./tie_words.ts";
import { tokensOf } from "./relation_names.ts";
import { SortedLines } from "./meaning/sorted_lines.ts";
import headData from "./meaning/noun_heads.gen.json" with { type: "json" };

/** The one token of `word`, as `tokensOf` reads it. */
function token(word: string) {
  const [only] = tokensOf(word);
  assert.ok(only !== undefined, word);
  return only;
}

Deno.test("isPersonNoun: WordNet's nouns of persons by their first sense", () => {
  // Roles and relations the kin and companion words miss (review43c finding 4).
  for (
    const word of [
      "bridesmaid",
      "godmother",
      "landlord",
      "landlady",
      "therapist",
      "mentor",
      "teammate",
      "tutor",
      "coach",
      "teacher",
      "doctor",
      "gp",
      "babysitter",
      "nanny",
      "stepbrother",
      "schoolmate",
      "teammates",
    ]
  ) assert.ok(isPersonNoun(word), word);
  // Things and places (their first sense is filed elsewhere); a name or a people WordNet writes
  // capitalised; a word used more as an adjective.
  for (
    const word of ["car", "flat", "house", "phone", "head", "date", "george", "american", "lovely"]
  ) assert.ok(!isPersonNoun(word), word);
  assert.ok(!isPersonNoun(""));
});

Deno.test("isPersonNoun: a word with as many adjective senses as person senses is no person's noun", () => {
  // review44b L4: "favourite" (2 person senses, 2 adjective), "adult", "representative" are
  // read as the adjective of the noun after them as often ("my favourite film").
  for (const word of ["favourite", "favourites", "adult", "representative"]) {
    assert.ok(!isPersonNoun(word), word);
  }
  // More person senses than adjective ones: "boss" (4 to 1) stays.
  assert.ok(isPersonNoun("boss"));
});

Deno.test("the shipped persons are sorted for binary search", () => {
  const persons = new SortedLines(headData.persons, "|");
  assert.ok(persons.sorted);
  // Thousands of nouns (5,235 when generated): a class read from WordNet, not a hand list.
  assert.ok(persons.size > 4_000, `${persons.size}`);
});

Deno.test("isTieWord: kin, companions and persons' nouns, hyphenated or prefixed kin", () => {
  for (const word of TIE_WORDS) assert.ok(isTieWord(token(word)), word);
  assert.ok(isTieWord(token("bridesmaid")));
  assert.ok(isTieWord(token("fiancée")));
  // A hyphenated compound is headed by its last part, an in-law word by its first.
  for (
    const word of [
      "sister-in-law",
      "brothers-in-law",
      "in-laws",
      "ex-wife",
      "step-dad",
      "great-aunt",
      "co-worker",
      "baby-sitter",
    ]
  ) assert.ok(isTieWord(token(word)), word);
  // Kinship prefixes before a kin word written as one.
  assert.deepEqual(KIN_PREFIXES, ["step", "half", "great", "grand", "god", "foster"]);
  for (const word of ["stepdad", "stepmum", "godmum", "halfsister", "greatgrandma", "fostermum"]) {
    assert.ok(isTieWord(token(word)), word);
  }
});

Deno.test("isTieWord: things, hyphenated or prefixed, tie no one", () => {
  for (
    const word of [
      "car",
      "flat",
      "stepladder",
      "grandstand",
      "greatness",
      "step-ladder",
      "six-year-old",
      "law",
      "in",
      "step",
    ]
  ) assert.ok(!isTieWord(token(word)), word);
  assert.ok(!isTieWord(undefined));
});
