import assert from "node:assert/strict";
import { DIALECT_GROUP, DIALECT_SELF, OTHER_OWNERS, personAt } from "./person_spellings.ts";
import { voiceOf } from "./query.ts";
import { words } from "./text.ts";

/** The person word `personAt` reads at the `at`-th word of `text`. */
const at = (text: string, at: number) => personAt(words(text), at);

Deno.test("dialect and texting spellings of I and my put a memory in the speaker's voice", () => {
  for (
    const text of [
      "i get ma hair done on a friday", // also has "i"
      "ma hair gets done on a friday",
      "mah sister lives in ohio",
      "ma and da came roond on sunday", // the speaker's own mother, by title
      "me ma is 90 next week",
      "im aff tae the bingo on a tuesday",
      "ive got a new phone",
      "idk whether the bus runs", // "i do not know"
      "omw tae the hosp", // "on my way"
      "am aff tae the bingo the night", // only "I" takes "am"
      "got it aw done masel",
      "meself and the dug went oot",
      "Café wi ma pal", // not plain ASCII: the Unicode path
      "Ma hair gets done on a Friday",
    ]
  ) assert.equal(voiceOf(text), "self", text);
});

Deno.test("'ma' after another owner or a determiner, and 'am' of the clock, are not the speaker's", () => {
  for (
    const text of [
      "his ma is 90 next week",
      "her ma lives in paisley",
      "leah's ma is a nurse", // the possessive's "s"
      "yer ma phoned",
      "she has an MA in history",
      "the bus is at 10 am",
      "the bus is at ten am",
      "the AM band is all static",
      "Karen's ma is in the Royal", // Unicode-free, capitalised
      "Renée's ma is in the Royal", // not plain ASCII
      "nothing about anyone here",
    ]
  ) assert.equal(voiceOf(text), "other", text);
});

Deno.test("'oor' and a texted 'weve' are the group's voice, below the speaker's", () => {
  assert.equal(voiceOf("oor wean starts school in august"), "group");
  assert.equal(voiceOf("weve booked the caravan"), "group");
  assert.equal(voiceOf("oor caravan and ma car"), "self", "self before group");
  assert.equal(voiceOf("Oor café is shut"), "group", "not plain ASCII");
});

Deno.test("personAt: each spelling's standard word, read from the word before it", () => {
  assert.equal(at("ma hair", 0), "my", "first word: no owner before it");
  assert.equal(at("am aff", 0), "i");
  assert.equal(at("see ma hair", 1), "my");
  assert.equal(at("his ma", 1), undefined);
  assert.equal(at("at 9 am", 2), undefined, "a digit before it");
  assert.equal(at("at 9am", 1), undefined, "one word, no spelling");
  assert.equal(at("at twelve am", 2), undefined);
  assert.equal(at("at thirteen am", 2), "i", "clock numbers stop at twelve");
  assert.equal(at("so am i", 1), "i");
  assert.equal(at("his masel", 1), "myself", "only ma, mah and am are read in context");
  assert.equal(at("his oor", 1), "our");
  assert.equal(at("im here", 0), "i", "the texting lexicon's 'i am'");
  assert.equal(at("omw now", 0), "my", "'on my way'");
  assert.equal(at("weve gone", 0), "we");
  assert.equal(at("lol ok", 0), undefined, "a filler stands for no person");
  assert.equal(at("me and you", 0), undefined, "'me' is not read as 'my'");
  assert.equal(at("thats mines", 1), undefined, "'mines' is left out");
});

Deno.test("personAt: every clock number to twelve makes 'am' the clock's, and only 'am'", () => {
  const clock = "one two three four five six seven eight nine ten eleven twelve".split(" ");
  for (const number of clock) assert.equal(at(`at ${number} am`, 2), undefined, number);
  // Any word that ends in a digit is a time: "10h30" as much as "10".
  assert.equal(at("at 10h30 am", 2), undefined);
  // "ma" is never a.m.: after a number she is still the speaker's own.
  assert.equal(at("at ten ma came", 2), "my");
  assert.equal(at("at 10 ma came", 2), "my");
});

Deno.test("personAt: 'mah' is read from the word before it, as 'ma' is", () => {
  assert.equal(at("his mah", 1), undefined);
  assert.equal(at("the mah", 1), undefined);
  assert.equal(at("see mah sister", 1), "my");
});

Deno.test("the closed classes are pinned", () => {
  assert.deepEqual([...DIALECT_SELF].sort(), [
    ["am", "am"],
    ["ma", "my"],
    ["mah", "my"],
    ["masel", "myself"],
    ["masell", "myself"],
    ["meself", "myself"],
    ["mysel", "myself"],
    ["mysen", "myself"],
  ]);
  assert.deepEqual([...DIALECT_GROUP], [["oor", "our"]]);
  assert.deepEqual(
    [...OTHER_OWNERS].sort(),
    ("a an any each every her his its no s some that the their these this those thy ur whose " +
      "your yur yer").split(" ").sort(),
  );
});
