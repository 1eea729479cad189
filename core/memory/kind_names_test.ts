import assert from "node:assert/strict";
import { askedKinds, KIND_WORDS, kindKey, namedKinds, readNamedKinds } from "./kind_names.ts";

function ties(content: string): Record<string, string[]> {
  return Object.fromEntries(namedKinds(content).map((one) => [one.name, [...one.kinds]]));
}

Deno.test("kind names: a copula and an article tie the clause's name to the phrase's head", () => {
  assert.deepEqual(ties("Elmhurst is the care home off Forest Road"), { elmhurst: ["home"] });
  assert.deepEqual(ties("Ciarán is a nurse in Leeds"), { ciaran: ["nurs"] });
  assert.deepEqual(ties("Kav was my bridesmaid"), { kav: ["bridesmaid"] });
  // A title before the name ("Declan's brother") leaves it the subject.
  assert.deepEqual(ties("Declan's brother Ciarán is a nurse"), { ciaran: ["nurs"] });
  // After a preposition or an article the name is not the subject.
  assert.deepEqual(ties("Gloria's deputy at Elmhurst is a nice woman"), {});
  assert.deepEqual(ties("Steve said the Yaris was a good buy"), {});
  // A word that joins clauses may come before a subject.
  assert.deepEqual(ties("Dad moved and Elmhurst is the care home"), { elmhurst: ["home"] });
  // No article: a property, not a kind.
  assert.deepEqual(ties("Dad is fine today"), {});
});

Deno.test("kind names: apposition after the name, with a comma or in brackets", () => {
  assert.deepEqual(ties("Kieran, the boy over the road, cuts our grass"), { kieran: ["boi"] });
  // A preposition the stop words lack ends the phrase before it: the head is "boy".
  assert.deepEqual(ties("Kieran, the boy next door, cuts our grass"), { kieran: ["boi"] });
  assert.deepEqual(ties("Larches is the care home near the shops"), { larch: ["home"] });
  assert.deepEqual(ties("Sam (my brother-in-law) fixed the boiler"), { sam: ["brother-law"] });
  // A phrase holding a possessive owns what follows: "the right one's" tells of no kind.
  assert.deepEqual(ties("done at the Leicester Royal, the right one's on the list"), {});
});

Deno.test("kind names: apposition set off by a dash is closed by a mark", () => {
  assert.deepEqual(ties("Miso — our cat. tabby, female, 7"), { miso: ["cat"] });
  assert.deepEqual(ties("Miso – the cat – sleeps all day"), { miso: ["cat"] });
  assert.deepEqual(ties("Miso - our cat"), { miso: ["cat"] });
  assert.deepEqual(ties("Miso (our cat) is 7"), { miso: ["cat"] });
  // A word after the phrase: the dash opened a clause, whose subject the phrase is.
  assert.deepEqual(ties("Lunch with Priya — the food was awful"), {});
  // A hyphen with a blank on one side only is no dash ("Tom -the cat.").
  assert.deepEqual(ties("Tom -the cat."), {});
});

Deno.test("kind names: an owned noun right before the name, a comma on both sides or none", () => {
  assert.deepEqual(ties("our beagle Biscuit is 5"), { biscuit: ["beagl"] });
  assert.deepEqual(ties("our eldest, Priya, is 15"), { priya: ["eldest"] });
  assert.deepEqual(ties("our GP Dr Ferris retired"), { ferri: ["gp"] });
  // A stop or a dash after the name closes it as well as a comma does.
  assert.deepEqual(ties("our cat, Miso"), { miso: ["cat"] });
  assert.deepEqual(ties("our cat, Miso. She is 7"), { miso: ["cat"] });
  assert.deepEqual(ties("our cat, Miso — she is 7"), { miso: ["cat"] });
  // "my son, Tom and I" lists two people.
  assert.deepEqual(ties("my neighbour, Tom and I went out"), {});
  // "the" is no owner: "in the garden Dad said" ties nothing.
  assert.deepEqual(ties("in the garden Dad said hello"), {});
});

Deno.test("kind names: naming words, with or without a copula", () => {
  assert.deepEqual(ties("Bernie used to have a beagle called Sandy"), { sandi: ["beagl"] });
  assert.deepEqual(ties("the chef is called Tomasz"), { tomasz: ["chef"] });
  assert.deepEqual(ties("the chef is now called Tomasz"), { tomasz: ["chef"] });
  // The phrase of "is called" must be the clause's subject.
  assert.deepEqual(ties("the manager for the science floor is called Martin"), {});
});

Deno.test("kind names: the head is the phrase's last word, at most KIND_WORDS read", () => {
  assert.equal(KIND_WORDS, 3);
  assert.deepEqual(ties("My best friend Dev is a wedding photographer"), {
    dev: ["friend", "photograph"],
  });
  // Three words are read: of "big old care home" the third, "care", ends the phrase.
  assert.deepEqual(ties("Elmhurst is the old care home"), { elmhurst: ["home"] });
  assert.deepEqual(ties("Elmhurst is the big old care home"), { elmhurst: ["care"] });
});

Deno.test("kind keys: a hyphenated compound is one kind, none for a function word", () => {
  assert.equal(kindKey("brother-in-law"), "brother-law");
  assert.equal(kindKey("homes"), "home");
  assert.equal(kindKey("the"), "");
});

Deno.test("asked kinds: content words without a capital, each once, with the term they weigh as", () => {
  assert.deepEqual(askedKinds("which care home is Dad in"), [
    { key: "care", term: "care", definite: false },
    { key: "home", term: "home", definite: false },
  ]);
  assert.deepEqual(askedKinds("what does my brother-in-law do"), [
    { key: "brother-law", term: "law", definite: true },
  ]);
  assert.deepEqual(askedKinds("our GP and the GP's nurse"), [
    { key: "gp", term: "gp", definite: true },
    { key: "nurs", term: "nurs", definite: false },
  ]);
  // "the", "my", "our" right before it: the speaker's one; a possessive or nothing: not.
  assert.deepEqual(askedKinds("the cat, Pat's dog, cat food").map(({ definite }) => definite), [
    true,
    false,
    false,
  ]);
});

Deno.test("named kinds: the kinds told with my or our are the speaker's own", () => {
  const owned = (text: string) => readNamedKinds(text).map(({ name, owned }) => [name, owned]);
  assert.deepEqual(owned("Miso — our cat. tabby, 7"), [["miso", ["cat"]]]);
  assert.deepEqual(owned("our beagle Biscuit is 5"), [["biscuit", ["beagl"]]]);
  assert.deepEqual(owned("Sam (my brother-in-law) fixed it"), [["sam", ["brother-law"]]]);
  // An article ties the kind, not an owner.
  assert.deepEqual(owned("Biscuit (a beagle) is 5"), [["biscuit", []]]);
  assert.deepEqual(owned("Elmhurst is the care home"), [["elmhurst", []]]);
  assert.deepEqual(owned("Gizmo, the cat next door, is a menace"), [["gizmo", []]]);
});
