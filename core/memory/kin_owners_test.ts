import assert from "node:assert/strict";
import { KIN_OTHERS, kinOwners, kinOwnership, othersKinFactor, ownKinAsked } from "./kin_owners.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

const NONE: ReadonlySet<string> = new Set();
const LOWER = 1 - KIN_OTHERS;

Deno.test("a question about my own relative asks its meaning; others' relatives ask nothing", () => {
  assert.deepEqual(
    [...ownKinAsked("where does my nan live")].sort(),
    ["gran", "grandma", "grandmoth", "granni", "nan", "nana"],
  );
  assert.ok(ownKinAsked("what does our mum do").has("mother"));
  assert.equal(ownKinAsked("what does jake's mum cook").size, 0);
  assert.equal(ownKinAsked("where does the dentist live").size, 0);
});

Deno.test("another person's relative loses some; the speaker's own does not", () => {
  const nan = ownKinAsked("where does my nan live");
  assert.equal(othersKinFactor(nan, "Leah's nan lives in Gorton", NONE), LOWER);
  assert.equal(othersKinFactor(nan, "leah's nan does a roast", NONE), LOWER);
  // Without the apostrophe: a name's possessive only when the word is a name.
  assert.equal(othersKinFactor(nan, "leahs nan lives in gorton", new Set(["leah"])), LOWER);
  assert.equal(othersKinFactor(nan, "leahs nan lives in gorton", NONE), 1);
  assert.equal(othersKinFactor(nan, "we met Leahs nan at bingo", NONE), LOWER, "capitalised");
  // A verb in "s" is no possessive, nor a text's capitalised first word.
  assert.equal(othersKinFactor(nan, "jake visits nan on sundays", new Set(["jake"])), 1);
  assert.equal(othersKinFactor(nan, "Thanks nan for the cake", NONE), 1);
  // The speaker's own, said alone or also as mine.
  assert.equal(othersKinFactor(nan, "nana pat lives in wythenshawe", NONE), 1);
  assert.equal(othersKinFactor(nan, "my nan and Leah's nan play bingo", NONE), 1);
  // A relative's relative, and the user's, are the speaker's family.
  const mum = ownKinAsked("what does my mum do");
  assert.equal(othersKinFactor(mum, "the user's mum works at a hospice", NONE), 1);
  assert.equal(othersKinFactor(mum, "my dads mum is 90", NONE), 1);
  assert.equal(othersKinFactor(mum, "his mum is a nurse", NONE), 1, "a pronoun: may be mine");
  assert.equal(othersKinFactor(mum, "jakes mum makes a lasagne", new Set(["jake"])), LOWER);
  // Memories that do not say the asked relative are not touched.
  assert.equal(othersKinFactor(mum, "Leah's dad lives in Bolton", NONE), 1);
  assert.equal(othersKinFactor(NONE, "Leah's mum works", NONE), 1);
});

Deno.test("who the candidates say owns relatives: the words to ask about as names, the persons", () => {
  const nan = ownKinAsked("where does my nan live");
  assert.deepEqual(
    kinOwnership(nan, ["leahs nan lives in gorton", "jake visits nan", "Leah's mum", "my nan"]),
    { bare: ["leah", "visit"], marked: ["leah"], others: true },
  );
  assert.deepEqual(
    kinOwnership(nan, ["nana pat lives in wythenshawe", "the user's dad", "my nan"]),
    { bare: [], marked: [], others: false },
    "no one else's nan: no factor needed",
  );
});

Deno.test("search: my nan's memory ranks above another person's nan's, apostrophe or not (real SQLite)", async () => {
  const ranked = await rankedAfter(
    [
      "leah's nan lives in gorton",
      "leahs nan lives in levenshulme",
      "nana pat is 84 and still lives on her own in wythenshawe, i go round every sunday",
    ],
    "where does my nan live",
  );
  assert.equal(ranked[0], 2, `got ${ranked.join(",")}`);
});

Deno.test("a family word's owner as texted: a person who is no relative, a pronoun, a name in ss (review46 R4)", () => {
  const owner = (text: string) => {
    const [use] = kinOwners(text);
    return { person: use?.person, pronoun: use?.pronoun, bare: use?.bare, at: use?.at };
  };
  assert.deepEqual(owner("my friends mum"), {
    person: "friend",
    pronoun: undefined,
    bare: undefined,
    at: 11,
  });
  assert.equal(owner("My freinds mum").person, "freind", "one slip from a person");
  assert.equal(owner("my boss's wife").person, "boss");
  assert.equal(owner("my famous mum").person, undefined, "an adjective in s is no person");
  assert.equal(owner("Leah and her mum").pronoun, "her");
  assert.equal(owner("his older sister").pronoun, "his");
  assert.equal(owner("thier mum").pronoun, "their");
  assert.equal(owner("my mum").pronoun, undefined);
  assert.equal(
    owner("User plans to visit his sister").pronoun,
    undefined,
    "the user's, in a memory's voice",
  );
  // A word in "ss" is whole: "jess", not "je".
  assert.equal(owner("jess mum").bare, "jess");
  assert.equal(owner("leahs mum").bare, "leah");
  const nan = ownKinAsked("where does my nan live");
  assert.equal(othersKinFactor(nan, "jess nan lives in gorton", new Set(["jess"])), LOWER);
});
