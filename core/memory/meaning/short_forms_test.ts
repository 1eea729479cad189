import assert from "node:assert/strict";
import {
  CLIPPED_MIN_LETTERS_LEFT,
  CLIPPING_MIN_LETTERS,
  clippingTerms,
  COMPOUND_HEAD_MIN_LETTERS,
  compoundReadsOtherWord,
  CONTRACTED_MAX_LETTERS,
  CONTRACTION_MAX_LETTERS,
  CONTRACTION_MIN_LETTERS,
  contractionForms,
  isShortForm,
  SHORT_FORM_MAX_LETTERS,
  SHORT_FORM_SIMILARITY,
} from "./short_forms.ts";
import { TYPO_SIMILARITY } from "./typo_forms.ts";
import type { PreparedWord } from "./prepared_word.ts";
import { at, similarities } from "../testing/word_units.ts";
import { highestByStems, highestOneByOne, INDEXED_FROM } from "./stem_lookup.ts";
import { WordVectors } from "./word_vectors.ts";
import { preparedSimilarity } from "./word_similarity.ts";

Deno.test("the documented short-form constants hold", () => {
  assert.equal(SHORT_FORM_SIMILARITY, TYPO_SIMILARITY);
  assert.equal(CLIPPING_MIN_LETTERS, 3);
  assert.equal(CLIPPED_MIN_LETTERS_LEFT, 2);
  assert.equal(CONTRACTION_MIN_LETTERS, 3);
  assert.equal(CONTRACTION_MAX_LETTERS, 5);
  assert.equal(SHORT_FORM_MAX_LETTERS, 8);
  assert.equal(COMPOUND_HEAD_MIN_LETTERS, 3);
  assert.equal(CONTRACTED_MAX_LETTERS, 16);
});

Deno.test("a back-clipping reads as its full word, a plural's too", () => {
  for (
    const [short, full] of [
      ["physio", "physiotherapy"],
      ["uni", "university"],
      ["reg", "registration"],
      ["hols", "holidays"],
      ["hols", "holiday"],
      ["admin", "administration"],
    ]
  ) assert.ok(isShortForm(short!, full!), `${short} / ${full}`);
});

Deno.test("a contraction keeping the first and last letters and consonants reads as its word", () => {
  for (
    const [short, full] of [
      ["appt", "appointment"],
      ["appts", "appointments"],
      ["mgr", "manager"],
      ["dept", "department"],
      ["govt", "government"],
      ["mths", "months"],
      ["bldg", "building"],
    ]
  ) assert.ok(isShortForm(short!, full!), `${short} / ${full}`);
});

Deno.test("no short form: too short a clipping, an inflection, a slip, other letters", () => {
  // Two letters kept: a prefix of too many words ("un", "re").
  assert.equal(isShortForm("un", "university"), false);
  // One letter cut: a plural or a slip, not a clipping.
  assert.equal(isShortForm("exam", "exams"), false);
  assert.equal(isShortForm("holida", "holiday"), false);
  // Another first letter, digits, a vowel inside a contraction, the wrong last letter.
  assert.equal(isShortForm("hysio", "physiotherapy"), false);
  assert.equal(isShortForm("5k", "five"), false);
  assert.equal(isShortForm("wat", "weight"), false);
  assert.equal(isShortForm("wgt", "weigh"), false);
  // Consonants out of the word's order, or not in it.
  assert.equal(isShortForm("mrg", "manager"), false);
  assert.equal(isShortForm("mxr", "manager"), false);
  // Past the limits: a long unknown word is a name or a word of its own.
  assert.equal(isShortForm("bldgmnt", "buildingmanagement"), false);
  assert.equal(isShortForm("physiothe", "physiotherapy"), false);
});

/** A query word the vectors know. */
function queryWord(word: string): PreparedWord {
  return { word, stem: word, unit: at(1) };
}

Deno.test("a memory's short form unknown to the vectors matches the query's word as a slip does", () => {
  const physio: PreparedWord = { word: "physio", stem: "physio", unit: undefined };
  assert.deepEqual(similarities(queryWord("physiotherapy"), physio), [
    SHORT_FORM_SIMILARITY,
    SHORT_FORM_SIMILARITY,
  ]);
  const mgr: PreparedWord = { word: "mgr", stem: "mgr", unit: undefined };
  assert.deepEqual(similarities(queryWord("manager"), mgr), [
    SHORT_FORM_SIMILARITY,
    SHORT_FORM_SIMILARITY,
  ]);
});

Deno.test("a short form the vectors know, or compared between two memories, is its own word", () => {
  // "car" is a word of its own, no clipping of "carpet".
  const car: PreparedWord = { word: "car", stem: "car", unit: at(0) };
  assert.deepEqual(similarities(queryWord("carpet"), car), [0, 0]);
  // Between two memories (`direct`), no short form is read.
  const uni: PreparedWord = { word: "uni", stem: "uni", unit: undefined };
  const memoryWord = { ...queryWord("university"), direct: true };
  assert.deepEqual(similarities(memoryWord, uni), [0, 0]);
});

Deno.test("a letter doubled past a contraction's beginning that the word never doubles is a drawn-out sound, no contraction", () => {
  // Interjections: a sound drawn out, no short form of the words whose letters they hold.
  for (
    const [sound, full] of [
      ["grr", "grandfather"],
      ["grr", "grammar"],
      ["grrr", "gerrymander"],
      ["hmm", "humanism"],
      ["shh", "sheikh"],
      ["psst", "psychologist"],
    ]
  ) assert.equal(isShortForm(sound!, full!), false, `${sound} / ${full}`);
  // The word's own double is kept ("tmrrw"), a run no longer than the word's; and the beginning
  // may hold a double ("appt", "asst", "acct"). "psst" of "passport" reads as "tmrrw" does, a
  // known limit (the letters cannot tell that interjection from a contraction), not a wanted pair.
  for (
    const [short, full] of [
      ["tmrrw", "tomorrow"],
      ["appt", "appointment"],
      ["asst", "assistant"],
      ["acct", "account"],
    ]
  ) assert.ok(isShortForm(short!, full!), `${short} / ${full}`);
  assert.equal(isShortForm("assst", "assessment"), false);
});

Deno.test("a form with a vowel may double a letter the word does not: Indian English's 'deptt', 'asstt' (review49a L1)", () => {
  assert.ok(isShortForm("deptt", "department"));
  assert.ok(isShortForm("asstt", "assistant"));
  // A double in a form of no vowel is still a sound drawn out ("dptt", as "grr"); a run of three
  // is one, vowel or not ("assst", the test above).
  assert.equal(isShortForm("dptt", "department"), false);
});

Deno.test("a contraction may keep the word's beginning, then consonants only", () => {
  assert.ok(isShortForm("dept", "department"));
  assert.ok(isShortForm("govt", "government"));
  // A vowel after the shared beginning: another word ("kate" is a name, not "karate").
  assert.equal(isShortForm("kate", "karate"), false);
});

Deno.test("two letters, or two and a plural's s, are too few for a contraction", () => {
  // "wk" is week or work, "rd" road or read: the letters cannot say which.
  for (
    const [short, full] of [["wk", "work"], ["rd", "read"], ["wt", "weight"], ["wks", "works"]]
  ) {
    assert.equal(isShortForm(short!, full!), false, `${short} / ${full}`);
  }
});

Deno.test("a query's short form unknown to the vectors matches a memory's full word", () => {
  const physio: PreparedWord = { word: "physio", stem: "physio", unit: undefined };
  const physiotherapy: PreparedWord = { word: "physiotherapy", stem: "physiotherapi", unit: at(0) };
  assert.equal(preparedSimilarity(physio, physiotherapy), SHORT_FORM_SIMILARITY);
  // Not between two memories (`direct`), and not when the full word is unknown too.
  assert.equal(preparedSimilarity({ ...physio, direct: true }, physiotherapy), 0);
  assert.equal(preparedSimilarity(physio, { ...physiotherapy, unit: undefined }), 0);
});

Deno.test("a query's short form finds its full word in a long text as one by one does", async () => {
  const vectors = await WordVectors.shared();
  // Long enough to be indexed (`INDEXED_FROM`), the full words among made-up names.
  const names = Array.from({ length: INDEXED_FROM }, (_, i) => `qzn${(i * 7919).toString(36)}`);
  const text = `${names.join(" ")} physiotherapy at the university, the department manager`;
  const words = vectors.contentWords(text);
  assert.ok(words.length >= INDEXED_FROM);
  for (const short of ["physio", "uni", "dept", "mgr", "qzn", "phys"]) {
    const prepared = vectors.prepare(short);
    assert.equal(prepared.unit, undefined, short);
    assert.equal(highestByStems(prepared, words), highestOneByOne(prepared, words), short);
  }
  assert.equal(highestByStems(vectors.prepare("physio"), words), SHORT_FORM_SIMILARITY);
});

Deno.test("a clipping keeps the full word's stem's first letters, not an inflection's", () => {
  // "holding" is "hold" + "ing": "hol" + 2 letters is longer than "hold" (review45b M1).
  assert.equal(isShortForm("hols", "holding"), false);
  assert.equal(isShortForm("hols", "holder"), false);
  assert.ok(isShortForm("hols", "holidays"));
});

Deno.test("a memory's unknown word its text writes only capitalised is a name, no short form", async () => {
  const vectors = await WordVectors.shared();
  const wordOf = (text: string, word: string) =>
    vectors.contentWords(text).find((prepared) => prepared.word === word)!;
  for (
    const [text, short, full] of [
      ["Steph's birthday is on 3 May.", "steph", "stephen"],
      ["I'm meeting Nat on Sunday.", "nat", "national"],
      ["Cass's new flat is in Hove.", "cass", "cassette"],
    ]
  ) {
    const prepared = wordOf(text!, short!);
    assert.equal(prepared.named, true, text);
    assert.equal(preparedSimilarity(vectors.prepare(full!), prepared), 0, text);
  }
  // Written in lower case (once at least), it is a short form.
  const physio = wordOf("Physio on Thursday, then physio again on Monday.", "physio");
  assert.equal(physio.named, undefined);
  assert.equal(
    preparedSimilarity(vectors.prepare("physiotherapy"), physio),
    SHORT_FORM_SIMILARITY,
  );
});

Deno.test("a word's clipping terms: its root's beginnings of 3 to 8 letters, 2 or more cut", () => {
  assert.deepEqual(clippingTerms("physiotherapi"), [
    "phy",
    "phys",
    "physi",
    "physio",
    "physiot",
    "physioth",
  ]);
  // "univers" ("university"): five letters at most, two cut.
  assert.deepEqual(clippingTerms("univers"), ["uni", "univ", "unive"]);
  // The agent "er" is no part of the root ("teacher": "teach").
  assert.deepEqual(clippingTerms("teacher"), ["tea"]);
  assert.deepEqual(clippingTerms("tenni"), ["ten"]);
  assert.deepEqual(clippingTerms("gym"), []);
  assert.deepEqual(clippingTerms("5k-run"), []);
  // Every one reads as a clipping of the word by the rule itself.
  for (const term of clippingTerms("physiotherapi")) {
    assert.ok(isShortForm(term, "physiotherapy"), term);
  }
});

Deno.test("a compound's head kept after its modifier's first letter reads as the compound", () => {
  for (
    const [short, full] of [
      ["bday", "birthday"],
      ["bdays", "birthdays"],
      ["bball", "basketball"],
      ["wkday", "weekday"],
    ]
  ) assert.ok(isShortForm(short!, full!), `${short} / ${full}`);
  // A head that opens with a vowel is a suffix, not a compound's word: "-ing", "-ion".
  assert.equal(isShortForm("ting", "tasting"), false);
  assert.equal(isShortForm("tion", "taxation"), false);
  // Two letters of modifier cut are too few: "to" + "day" is no compound to contract.
  assert.equal(isShortForm("tday", "today"), false);
  // The second letter kept must be a consonant of the modifier, not of the head.
  assert.equal(isShortForm("byday", "birthday"), false);
});

Deno.test("a word's contraction forms: every one its short form, the usual ones among them, bounded", () => {
  const appointment = contractionForms("appointment");
  for (const form of ["appt", "apt", "apnt"]) assert.ok(appointment.includes(form), form);
  assert.ok(contractionForms("manager").includes("mgr"));
  assert.ok(contractionForms("government").includes("govt"));
  assert.ok(contractionForms("building").includes("bldg"));
  assert.ok(contractionForms("birthday").includes("bday"));
  for (const word of ["appointment", "birthday", "physiotherapist", "responsibilities"]) {
    const forms = contractionForms(word);
    assert.ok(forms.length > 0 && forms.length <= 100, `${word}: ${forms.length}`);
    for (const form of forms) {
      assert.ok(isShortForm(form, word), `${form} / ${word}`);
      assert.ok(form.length >= CONTRACTION_MIN_LETTERS && form.length <= CONTRACTION_MAX_LETTERS);
    }
  }
  // Past CONTRACTED_MAX_LETTERS letters, or with other than plain letters: none looked up.
  assert.deepEqual(contractionForms("b".repeat(CONTRACTED_MAX_LETTERS + 1)), []);
  assert.ok(contractionForms("b".repeat(CONTRACTED_MAX_LETTERS)).length > 0);
  assert.deepEqual(contractionForms("co-worker"), []);
  // A word of consonants at the bound stays within a few hundred forms.
  assert.ok(contractionForms("bcdfghjklmnpqrst").length < 2000);
});

Deno.test("a compound contraction another known word reads to is no short form of the compound (review47b M1)", async () => {
  const words = await WordVectors.shared();
  const known = (word: string) => words.has(word);
  // "tday" is "today" (one letter more), not "tuesday"; "mday" "midday", "hday" "heyday", and
  // "sday" of "saturday" is "sunday" (two letters more).
  for (const [short, full] of [["tday", "tuesday"], ["tday", "thursday"], ["mday", "monday"]]) {
    assert.ok(isShortForm(short!, full!) && compoundReadsOtherWord(short!, full!, known), short);
  }
  assert.ok(compoundReadsOtherWord("hday", "holiday", known));
  assert.ok(compoundReadsOtherWord("sday", "saturday", known));
  // The compound itself, one or two letters longer, is no other word: "sday" stays "sunday"'s.
  assert.ok(!compoundReadsOtherWord("sday", "sunday", known));
  // No other word reads to these: they stay short forms of the compound.
  for (
    const [short, full] of [["bday", "birthday"], ["bball", "basketball"], ["wkday", "weekday"]]
  ) {
    assert.ok(isShortForm(short!, full!) && !compoundReadsOtherWord(short!, full!, known), short);
  }
  // A contraction or clipping is not read this way ("appt", "physio").
  assert.ok(!compoundReadsOtherWord("appt", "appointment", () => true));
  assert.ok(!compoundReadsOtherWord("physio", "physiotherapy", () => true));
  // One or two letters more, not three: "b" + three letters + "day" is still "bday"'s compound.
  const only = (word: string) => (other: string) => other === word || other === "day";
  assert.ok(compoundReadsOtherWord("bday", "birthday", only("beday")));
  assert.ok(compoundReadsOtherWord("bday", "birthday", only("bxyday")));
  assert.ok(!compoundReadsOtherWord("bday", "birthday", only("bxyzday")));
  assert.ok(!compoundReadsOtherWord("bday", "birthday", only("birthday")));
  // Only a split whose head is a word: "workday" is w + "or" + "kday", but "kday" is no word.
  assert.ok(!compoundReadsOtherWord("wkday", "weekday", (other) => other === "workday"));
});
