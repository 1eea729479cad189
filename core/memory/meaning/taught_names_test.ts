import assert from "node:assert/strict";
import type { WeightedWord } from "./alignment.ts";
import type { PreparedWord } from "./prepared_word.ts";
import {
  copularPairs,
  MEMO_LIMIT,
  type NameVocabulary,
  SIDE_WORDS,
  TAUGHT_SIMILARITY,
  TaughtNames,
  withTaughtNames,
} from "./taught_names.ts";
import { CLOSE_SIMILARITY } from "./word_relations.ts";

/** Known words (the vectors' table, in short); nouns among them; places among the nouns. */
const KNOWN = new Set([
  "i",
  "am",
  "from",
  "it",
  "city",
  "south",
  "east",
  "of",
  "poland",
  "my",
  "car",
  "diesel",
  "czech",
  "first",
  "league",
  "in",
  "old",
  "red",
  "toyota",
  "wife",
  "mother",
  "lives",
  "alone",
  "get",
  "team",
  "to",
  "ulster",
]);
const NOUNS = new Set([
  "city",
  "car",
  "diesel",
  "league",
  "poland",
  "czech",
  "toyota",
  "wife",
  "mother",
  "team",
  "south",
  "east",
]);
/** "ulster" is a place but no noun here: a name is taught it, a query's "ulster" learns none. */
const PLACES = new Set(["poland", "ulster"]);
const vocabulary: NameVocabulary = {
  has: (word) => KNOWN.has(word),
  isNoun: (word) => NOUNS.has(word),
  isNamedPlace: (word) => PLACES.has(word),
};

function pairs(text: string): string[] {
  return copularPairs(text, vocabulary).map((pair) => `${pair.name}:${pair.stems.join(",")}`);
}

Deno.test("a subject's unknown name is taught its complement's head noun and places", () => {
  assert.deepEqual(pairs("Rzeszow is old city in south east of Poland"), ["rzeszow:citi,poland"]);
  // A head is the first noun of the phrase after the copula; past a function word, none.
  assert.deepEqual(pairs("Stal is in first league in Poland"), ["stal:poland"]);
  assert.deepEqual(pairs("Stal is in first league"), []);
});

Deno.test("a lone pointer subject stands for the segment before its comma", () => {
  assert.deepEqual(pairs("I am from Rzeszow, it is city in Poland"), ["rzeszow:citi,poland"]);
  assert.deepEqual(pairs("I am from Rzeszow, this is city"), ["rzeszow:citi"]);
  assert.deepEqual(pairs("I am from Rzeszow, that is city"), ["rzeszow:citi"]);
  // Not a pointer: the subject is "Krosno" alone, "Rzeszow" is the segment before.
  assert.deepEqual(pairs("I am from Rzeszow, Krosno is city"), ["krosno:citi"]);
  // "it" without a comma before it is no pointer to anything.
  assert.deepEqual(pairs("it is city"), []);
});

Deno.test("the names a complement opens with are taught the subject's head noun", () => {
  assert.deepEqual(pairs("my car is Skoda Octavia from 2012"), ["skoda:car", "octavia:car"]);
  assert.deepEqual(pairs("my car is a Skoda"), ["skoda:car"]);
  // Only the names that open it: a later name is no name of the subject.
  assert.deepEqual(pairs("my car is red Skoda"), []);
  // A subject head that is no noun (or a name itself) teaches nothing.
  assert.deepEqual(pairs("it is Skoda"), []);
  assert.deepEqual(pairs("Toyota is Skoda"), []);
});

Deno.test("a name is capitalised, of three letters or more, and unknown to the vectors", () => {
  // Known to the vectors: placed by its vectors already.
  assert.deepEqual(pairs("Toyota is city"), []);
  assert.deepEqual(pairs("my car is Toyota"), []);
  // Lower case: no name.
  assert.deepEqual(pairs("skoda is car"), []);
  // Two letters: no name; three: a name.
  assert.deepEqual(pairs("my car is Ab"), []);
  assert.deepEqual(pairs("my car is Abc"), ["abc:car"]);
  // At a sentence's start a capitalised unknown word is a name too.
  assert.deepEqual(pairs("Skoda is car"), ["skoda:car"]);
});

Deno.test("an owner is no name; a progressive after the copula has no head noun", () => {
  assert.deepEqual(pairs("Skoda's car is city"), []);
  assert.deepEqual(pairs("Skoda is living city"), []);
  assert.deepEqual(pairs("Skoda is old city"), ["skoda:citi"]);
});

Deno.test("each copula is read: is, are, was, were; no other verb", () => {
  for (const copula of ["is", "are", "was", "were"]) {
    assert.deepEqual(pairs(`Skoda ${copula} car`), ["skoda:car"], copula);
  }
  assert.deepEqual(pairs("Skoda lives car"), []);
});

Deno.test("a side ends at a comma, a clause word, a sentence mark, or after SIDE_WORDS words", () => {
  assert.equal(SIDE_WORDS, 8);
  assert.deepEqual(pairs("Skoda is, car"), []);
  assert.deepEqual(pairs("Skoda is. Car"), []);
  assert.deepEqual(pairs("Skoda and car is"), []);
  for (const end of ["and", "but", "so", "because", "while", "whereas", "when", "since"]) {
    assert.deepEqual(pairs(`Skoda ${end} it is car`), [], end);
  }
  assert.deepEqual(pairs("Skoda although it is car"), []);
  // The subject's name is 8 words before the copula at most (nearest first).
  const far = (n: number) => `Skoda ${"old ".repeat(n - 1)}is car`;
  assert.deepEqual(pairs(far(SIDE_WORDS)), ["skoda:car"]);
  assert.deepEqual(pairs(far(SIDE_WORDS + 1)), []);
});

Deno.test("TaughtNames.taught: the query stems each text teaches, first taught first", () => {
  const names = new TaughtNames(vocabulary);
  const texts = [
    "I am from Rzeszow, it is city in Poland",
    "my car is Skoda Octavia",
    "Krosno is city in Poland",
    "my car is Skoda",
  ];
  const taught = names.taught(["poland", "car", "citi", "team"], texts);
  assert.deepEqual([...taught], [
    ["citi", ["rzeszow", "krosno"]],
    ["poland", ["rzeszow", "krosno"]],
    ["car", ["skoda", "octavia"]],
  ]);
  // A name the query asks for itself teaches nothing (it matches as itself).
  assert.deepEqual([...names.taught(["skoda", "car"], texts)], [["car", ["octavia"]]]);
  // Texts without a copula teach nothing, and are read once (remembered).
  assert.deepEqual(names.pairsOf("Rzeszow has airport"), []);
  assert.equal(names.pairsOf(texts[0]!), names.pairsOf(texts[0]!));
});

Deno.test("TaughtNames remembers at most MEMO_LIMIT texts", () => {
  assert.equal(MEMO_LIMIT, 4_096);
  const names = new TaughtNames(vocabulary);
  for (let i = 0; i <= MEMO_LIMIT; i++) names.pairsOf(`Skoda is car number ${i}`);
  assert.ok(names.remembered <= MEMO_LIMIT, `${names.remembered}`);
  assert.ok(names.remembered >= MEMO_LIMIT - MEMO_LIMIT / 16);
});

function prepared(word: string): PreparedWord {
  return { word, stem: word, unit: undefined, related: new Map([["wagon", 0.45]]) };
}
const words = {
  vectors: { has: vocabulary.has, isNamedPlace: vocabulary.isNamedPlace, prepare: prepared },
  isNoun: vocabulary.isNoun,
};

Deno.test("withTaughtNames: a noun of the query matches its taught names, under its own key", () => {
  assert.equal(TAUGHT_SIMILARITY, CLOSE_SIMILARITY);
  const weighted: WeightedWord[] = [
    { word: "car", weight: 2 },
    { word: "get", weight: 1 },
    { word: "what team", weight: 1, prepared: prepared("team") },
    { word: "mother", weight: 1 },
  ];
  withTaughtNames(weighted, [
    "my car is Skoda",
    "my team is Stal",
    "Stal get is Krosno",
    "my car is Lada",
  ], words);
  assert.equal(weighted[0]!.word, "car taught skoda lada");
  assert.equal(weighted[0]!.weight, 2);
  assert.deepEqual([...weighted[0]!.prepared!.related!], [
    ["wagon", 0.45],
    ["skoda", TAUGHT_SIMILARITY],
    ["lada", TAUGHT_SIMILARITY],
  ]);
  // "get" is no noun: untaught ("Stal get is Krosno" teaches "get" nothing).
  assert.deepEqual(weighted[1], { word: "get", weight: 1 });
  // A class asked with "what" is taught by its word.
  assert.equal(weighted[2]!.word, "what team taught stal");
  assert.equal(weighted[2]!.prepared!.related!.get("stal"), TAUGHT_SIMILARITY);
  // Nothing taught: the word stays as it was.
  assert.deepEqual(weighted[3], { word: "mother", weight: 1 });
  // A place that is no noun is taught to a name, but a query's word must be a noun to learn it.
  assert.deepEqual(pairs("Krosno is in Ulster"), ["krosno:ulster"]);
  const place: WeightedWord[] = [{ word: "ulster", weight: 1 }];
  withTaughtNames(place, ["Krosno is in Ulster"], words);
  assert.deepEqual(place, [{ word: "ulster", weight: 1 }]);
});

Deno.test("withTaughtNames: a stronger relation stays; a phrase is not taught", () => {
  const strong: PreparedWord = {
    word: "car",
    stem: "car",
    unit: undefined,
    related: new Map([["skoda", 1]]),
  };
  const weighted: WeightedWord[] = [
    { word: "car", weight: 1, prepared: strong },
    { word: "old car", weight: 1, prepared: prepared("car") },
  ];
  withTaughtNames(weighted, ["my car is Skoda"], words);
  assert.equal(weighted[0]!.prepared!.related!.get("skoda"), 1);
  assert.equal(weighted[1]!.word, "old car");
});
