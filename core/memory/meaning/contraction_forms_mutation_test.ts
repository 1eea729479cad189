/**
 * Pins of short_forms.ts's `contractionForms` that mutation testing (mut64) found loose: every
 * form of a few words, as the rule makes them (a beginning, then consonants in order, each at its
 * first place; a compound's head kept whole), so a change to how forms are made shows; the one
 * consonant more a compound contraction keeps is the modifier's; and which splits
 * `compoundReadsOtherWord` reads.
 */
import assert from "node:assert/strict";
import {
  compoundReadsOtherWord,
  CONTRACTION_MAX_LETTERS,
  contractionForms,
  isShortForm,
} from "./short_forms.ts";

/**
 * Each word's contraction forms, sorted, as the rule of session 47 makes them, less those that
 * write a letter twice in a row the word never doubles in a form of no vowel ("dtt", "plyy") or
 * three times ("assst"): recall116's drawn-out sound. A form with a vowel keeps its double
 * ("deptt", "playy": review49a L1).
 */
const FORMS: Record<string, string[]> = {
  birthday: [
    "bday",
    "bdy",
    "bhday",
    "bhdy",
    "bhy",
    "bidy",
    "bihdy",
    "bihy",
    "birdy",
    "birhy",
    "birty",
    "biry",
    "bitdy",
    "bithy",
    "bity",
    "biy",
    "brday",
    "brdy",
    "brhdy",
    "brhy",
    "brtdy",
    "brthy",
    "brty",
    "bry",
    "btday",
    "btdy",
    "bthdy",
    "bthy",
    "bty",
  ],
  manager: ["magr", "manar", "mangr", "manr", "mar", "mger", "mgr", "mnger", "mngr", "mnr"],
  tomorrow: [
    "tmrow",
    "tmrrw",
    "tmrw",
    "tmw",
    "tomow",
    "tomrw",
    "tomw",
    "torrw",
    "torw",
    "tow",
    "trow",
    "trrow",
    "trrw",
    "trw",
  ],
  doctor: ["dcr", "dctr", "docr", "dor", "dotr", "dtor", "dtr"],
  assessment: [
    "ament",
    "amnt",
    "amt",
    "ant",
    "asmnt",
    "asmt",
    "asnt",
    "asset",
    "assmt",
    "assnt",
    "asst",
    "ast",
  ],
  department: [
    "demnt",
    "demt",
    "dent",
    "depat",
    "depmt",
    "depnt",
    "deprt",
    "dept",
    "deptt",
    "dermt",
    "dernt",
    "dert",
    "dertt",
    "det",
    "detmt",
    "detnt",
    "dett",
    "dment",
    "dmnt",
    "dmt",
    "dnt",
    "dpmnt",
    "dpmt",
    "dpnt",
    "dprmt",
    "dprnt",
    "dprt",
    "dpt",
    "dptmt",
    "dptnt",
    "drmnt",
    "drmt",
    "drnt",
    "drt",
    "drtmt",
    "drtnt",
    "dtmnt",
    "dtmt",
    "dtnt",
  ],
  schoolday: [
    "scday",
    "scdy",
    "schdy",
    "schly",
    "schoy",
    "schy",
    "scldy",
    "scly",
    "scy",
    "sday",
    "sdy",
    "shday",
    "shdy",
    "shldy",
    "shly",
    "shy",
    "slday",
    "sldy",
    "sly",
  ],
  stepdad: [
    "sdad",
    "spd",
    "spdad",
    "std",
    "stdad",
    "sted",
    "stedd",
    "stepd",
    "stpd",
  ],
  playday: [
    "pday",
    "pdy",
    "plady",
    "play",
    "playy",
    "plday",
    "pldy",
    "ply",
    "plydy",
    "pyday",
    "pydy",
  ],
  breakfast: [
    "bfast",
    "bfst",
    "bft",
    "bkfst",
    "bkft",
    "bkst",
    "bkt",
    "breat",
    "breft",
    "brekt",
    "brest",
    "bret",
    "brfst",
    "brft",
    "brkft",
    "brkst",
    "brkt",
    "brst",
    "brt",
    "bst",
  ],
};

Deno.test("contractionForms: every form of words with repeated letters, compounds and short heads", () => {
  for (const [word, forms] of Object.entries(FORMS)) {
    assert.deepEqual(contractionForms(word).toSorted(), forms, word);
  }
});

Deno.test("contractionForms: none for a word too short to cut", () => {
  assert.deepEqual(contractionForms("kid"), []);
  assert.deepEqual(contractionForms("dr"), []);
});

Deno.test("isShortForm: a compound contraction has CONTRACTION_MAX_LETTERS letters at most", () => {
  assert.equal(CONTRACTION_MAX_LETTERS, 5);
  assert.equal(isShortForm("bball", "basketball"), true);
  assert.equal(isShortForm("gfriend", "girlfriend"), false, "seven letters: no short form");
});

Deno.test("isShortForm: the one consonant more of a compound contraction is the modifier's, not the head's", () => {
  assert.equal(isShortForm("brday", "birthday"), true);
  assert.equal(isShortForm("bdday", "birthday"), false);
});

Deno.test("compoundReadsOtherWord: a contraction is never read this way; a split keeping two letters is", () => {
  // "bnds" is a contraction of "bookends" (and a compound's form): whatever words are known.
  const known = new Set(["nds", "bonds"]);
  assert.equal(compoundReadsOtherWord("bnds", "bookends", (word) => known.has(word)), false);
  // "wk" + "day": a known word of "wk", one letter, "day" reads to.
  const words = new Set(["day", "wkxday"]);
  assert.equal(compoundReadsOtherWord("wkday", "weekday", (word) => words.has(word)), true);
  assert.equal(compoundReadsOtherWord("wkday", "weekday", (word) => word === "day"), false);
});

Deno.test("a compound contraction keeps the first letter before its head, and the consonant more may be that letter again", () => {
  // "sts" ends "scientists" and opens with its first letter, but keeps no letter before a head.
  assert.equal(isShortForm("sts", "scientists"), false);
  const known = new Set(["sts", "asts"]);
  assert.equal(compoundReadsOtherWord("sts", "scientists", (word) => known.has(word)), false);
  // "p", the modifier's second "p", then the head "sal": the consonant more is found past the first.
  assert.equal(isShortForm("ppsal", "proposal"), true);
});
