import assert from "node:assert/strict";
import { CHAT_SPEAK, chatSpeakAt, spokenWords } from "./chat_speak.ts";
import { isContentWord, stem, terms, words } from "./text.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("texting spellings give the terms of the words they stand for", () => {
  for (
    const [texted, written] of [
      ["when is jakes bday", "when is Jake's birthday"],
      ["my bf works at the gym", "my boyfriend works at the gym"],
      ["i got a new ebike", "I got a new e-bike"],
      ["dentist appt tmrw pls", "dentist appointment tomorrow please"],
      ["he watches footy on the telly", "he watches football on the television"],
      ["youre staying at my sisters", "you're staying at my sister's"],
      ["im not going, dont ask", "I'm not going, don't ask"],
      ["ive been to the gym with my sis", "I've been to the gym with my sister"],
    ] as const
  ) {
    assert.deepEqual(terms(texted), terms(written), `${texted} / ${written}`);
  }
});

Deno.test("discourse markers and apostrophe-less function words are stop words", () => {
  assert.deepEqual(terms("lol tbh ngl im knackered"), terms("knackered"));
  assert.deepEqual(terms("btw i got my cat lmao"), terms("I got my cat"));
  for (const word of ["lol", "tbh", "ngl", "imo", "omg", "im", "dont", "ive", "btw", "lmao"]) {
    assert.equal(isContentWord(word), false, word);
  }
  for (const word of ["birthday", "bday", "cant", "wont", "us", "immediately", "turn"]) {
    assert.equal(isContentWord(word), true, word);
  }
});

Deno.test("ordinary English is read as before", () => {
  // Whole words only: "us" is not "u s", "im" inside "immediately", "rn" inside "turn".
  assert.deepEqual(terms("tell us immediately"), ["tell", "us", "immedi"]);
  assert.deepEqual(terms("turn left at the barn"), ["turn", "left", "barn"]);
  assert.deepEqual(terms("modern learning"), ["modern", "learn"]);
  // Words that only look like contractions stay words.
  assert.deepEqual(terms("I was ill, well, we were in hell"), ["ill", "well", "hell"]);
  assert.deepEqual(terms("she shed her coat"), ["shed", "coat"]);
  // "cant" and "wont" after a determiner are the nouns.
  assert.deepEqual(terms("the cant of politicians"), ["cant", "politician"]);
  assert.deepEqual(terms("as was his wont"), ["wont"]);
  assert.deepEqual(terms("i cant swim and he wont drive"), ["swim", "drive"]);
  // Capitals fold first: "US" is the word "us", not a texting "u".
  assert.deepEqual(terms("US visa"), ["us", "visa"]);
});

Deno.test("the lexicon maps lower-case words to lower-case words, no entry to itself", () => {
  assert.ok(CHAT_SPEAK.size > 150, `${CHAT_SPEAK.size} entries`);
  for (const [word, spoken] of CHAT_SPEAK) {
    assert.match(word, /^[a-z0-9]+$/);
    for (const one of spoken) assert.match(one, /^[a-z]+$/, `${word} → ${spoken.join(" ")}`);
    assert.ok(!spoken.includes(word), word);
  }
  // Spellings that are ordinary words are not in it.
  for (const word of ["ill", "well", "were", "its", "shed", "hell", "id", "wed", "us", "pms"]) {
    assert.equal(CHAT_SPEAK.has(word), false, word);
  }
  assert.equal(chatSpeakAt(["the", "cant"], 1), undefined);
  assert.deepEqual(chatSpeakAt(["i", "cant"], 1), ["can", "not"]);
});

Deno.test("spokenWords reads each spelling as the words it stands for, in place", () => {
  assert.deepEqual(spokenWords(words("wot are ur pets")), ["what", "are", "your", "pets"]);
  // One spelling may stand for several words, and the words after it keep their places.
  assert.deepEqual(spokenWords(words("i cant go")), ["i", "can", "not", "go"]);
  assert.deepEqual(spokenWords(words("dae ye dae wi Moira")), ["do", "you", "do", "with", "moira"]);
  // A spelling that is also a noun after a determiner stays as written (`chatSpeakAt`).
  assert.deepEqual(spokenWords(words("the cant of it")), ["the", "cant", "of", "it"]);
  assert.deepEqual(spokenWords([]), []);
});

Deno.test("words with a sense of their own keep it: abbreviations and words, not texting", () => {
  // Each a WordNet lemma (or a verb's form) whose senses are not the texting reading.
  for (
    const [text, word, texting] of [
      ["I work as an RN at Manchester Royal Infirmary", "rn", ""], // registered nurse
      ["I moved to Victoria, BC last spring", "bc", "because"], // British Columbia
      ["The ATM on Deansgate swallowed my card", "atm", ""], // cash machine
      ["I had a falafel pita for lunch", "pita", "pain"], // the bread
      ["My cousin Tia is getting married", "tia", "thank"], // a name, transient ischaemic attack
      ["I'm allergic to MSG", "msg", "message"], // monosodium glutamate
      ["I bought a coat from COS", "cos", "because"], // the shop; cosine
      ["she lets me borrow her car", "lets", "us"], // let
      ["we moved to W 4th Street", "w", "with"], // west
    ] as const
  ) {
    const found = terms(text);
    assert.ok(found.includes(stem(word)), `${text}: ${found.join(" ")}`);
    if (texting) assert.ok(!found.includes(stem(texting)), `${text}: ${found.join(" ")}`);
    assert.equal(CHAT_SPEAK.has(word), false, word);
    assert.equal(isContentWord(word), true, word);
  }
});

Deno.test("a question with an abbreviation finds the memory that holds it (real SQLite)", async () => {
  const nurse = [
    "I work as an RN at Manchester Royal Infirmary",
    "My sister works at Manchester Royal Infirmary in the canteen",
  ];
  assert.equal((await rankedAfter(nurse, "am i an RN"))[0], 0);
  const bc = ["I moved to Victoria, BC last spring", "My aunt lives in Victoria, Australia"];
  assert.equal((await rankedAfter(bc, "do I live in BC"))[0], 0);
  const atm = ["The ATM on Deansgate swallowed my bank card", "I lost my bus pass on Deansgate"];
  assert.equal((await rankedAfter(atm, "which ATM swallowed my card"))[0], 0);
});
