import assert from "node:assert/strict";
import {
  askedMembers,
  MEMBER_OTHERS,
  othersMembersFactor,
  ownedWordReads,
  ownedWords,
  type WordOwner,
} from "./member_owners.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

/** The owner {@linkcode ownedWords} reads for the word of `text` whose stem is `wordStem`. */
function ownerOf(text: string, wordStem: string): WordOwner | "absent" {
  const found = ownedWords(text).find((word) => word.stem === wordStem);
  return found === undefined ? "absent" : found.owner;
}

const PETS = {
  members: [new Set(["pet", "cat", "dog", "tortois", "hen"])],
  cues: new Set(["pet"]),
};
const LOWER = 1 - MEMBER_OTHERS;

Deno.test("a member's owner is read from the word before it, past one word that is no article", () => {
  assert.equal(ownerOf("Our dog Biscuit sleeps on the sofa", "dog"), "speaker");
  assert.equal(ownerOf("My landlord's cat got into the stairwell", "cat"), "other");
  assert.equal(ownerOf("Hugo hurt his knee playing squash", "knee"), "other");
  assert.equal(ownerOf("the neighbours have his two dogs now", "dog"), "other");
  // The word before beats the clause's speaker ("my car" is mine; the cat is Dev's).
  assert.equal(ownerOf("Dev's cat climbs on my car every night", "cat"), "other");
  // Past an article a pronoun is no possessive: "her" is whom the kitten was given.
  assert.equal(ownerOf("Sam gave her a kitten", "kitten"), undefined);
  // Contractions in "'s" are no possessives.
  assert.equal(ownerOf("it's a cat from the shelter", "cat"), undefined);
  assert.equal(ownerOf("that's my cat on the wall", "cat"), "speaker");
});

Deno.test("else its clause's speaker or subject owns it; the user is the speaker", () => {
  assert.equal(ownerOf("I keep four hens in the yard", "hen"), "speaker");
  // A new clause after a comma or a conjunction: "he" is not the speaker of the first one.
  assert.equal(ownerOf("we moved house, he takes insulin", "insulin"), "other");
  assert.equal(ownerOf("we moved house and he takes insulin", "insulin"), "other");
  assert.equal(ownerOf("my neighbour takes insulin", "insulin"), "other");
  assert.equal(ownerOf("colleague Sam has three cats", "cat"), "other");
  assert.equal(ownerOf("Kirsty's got two cats called Mango and Pickle", "cat"), "other");
  // A memory layer's third-person voice of the user: its "his" is the user's.
  assert.equal(ownerOf("User hurt his knee on a ride", "knee"), "speaker");
  assert.equal(ownerOf("The user's dog is a beagle", "dog"), "speaker");
  // A name as subject is read by no rule: nobody's in particular.
  assert.equal(ownerOf("brenda takes warfarin for her heart", "warfarin"), undefined);
});

Deno.test("a text's owners are read once, however often a search asks", () => {
  const text = "Kirsty's got two cats called Mango and Pickle, test of reads";
  const before = ownedWordReads();
  ownedWords(text);
  ownedWords(text);
  othersMembersFactor(PETS, text);
  assert.equal(ownedWordReads(), before + 1);
});

Deno.test("a memory loses MEMBER_OTHERS only when every member it names is someone else's", () => {
  assert.equal(MEMBER_OTHERS, 0.5);
  assert.equal(othersMembersFactor(PETS, "My landlord's cat got into the stairwell"), LOWER);
  assert.equal(othersMembersFactor(PETS, "his dog and her cat fight"), LOWER);
  // One member of the speaker's, or one nobody's in particular, keeps it whole.
  assert.equal(othersMembersFactor(PETS, "Dev's cat chases our dog"), 1);
  assert.equal(othersMembersFactor(PETS, "a dog chased Dev's cat"), 1);
  // No member, or only the class word itself: nothing to discount.
  assert.equal(othersMembersFactor(PETS, "Dev's pets are loud"), 1);
  assert.equal(othersMembersFactor(PETS, "Dev's car is loud"), 1);
});

Deno.test("members are asked by an own class question, not one about someone else's", () => {
  const members = new Set(["cat"]);
  const types = {
    asked: [{ word: "pets", type: "animal" }],
    members: { aligned: new Map([["animal", members]]), all: new Map([["animal", members]]) },
  };
  const people = new Set(["landlord", "kid", "kids"]);
  const isPerson = (word: string) => people.has(word);
  assert.deepEqual(askedMembers(types, { text: "What pets do I have?", isPerson }), {
    members: [members],
    cues: new Set(["pet"]),
  });
  assert.ok(askedMembers(types, { text: "What are the user's pets?", isPerson }));
  for (
    const text of [
      "What pets does my landlord have?",
      "what pets do the kids have",
      "What pets has he got?",
      "What are her pets called?",
      "What are Sam's pets?",
    ]
  ) assert.equal(askedMembers(types, { text, isPerson }), undefined, text);
  assert.equal(askedMembers(undefined, { text: "What pets do I have?", isPerson }), undefined);
  assert.equal(
    askedMembers({ ...types, asked: [] }, { text: "What pets do I have?", isPerson }),
    undefined,
  );
});

Deno.test("an own class question ranks the speaker's member above another's", async () => {
  const told = [
    "My landlord's cat sleeps on the stairs all day",
    "Our tortoise Mortimer sleeps under the shed",
  ];
  assert.deepEqual(await rankedAfter(told, "What pets do I have?"), [1, 0]);
  // Asked about the landlord's, the landlord's cat is no one else's.
  assert.deepEqual(await rankedAfter(told, "What pets does my landlord have?"), [0, 1]);
});

Deno.test("a speaker's possessive right before a member beats a clause opened by another person", () => {
  // "my neighbour" makes the clause someone else's; "my dog" is still the speaker's.
  assert.equal(ownerOf("my neighbour walks my dog every morning", "dog"), "speaker");
  assert.equal(othersMembersFactor(PETS, "my neighbour walks my dog every morning"), 1);
});

Deno.test("a clause ends at an exclamation or a question mark too", () => {
  assert.equal(ownerOf("I walked out! he takes insulin", "insulin"), "other");
  assert.equal(ownerOf("I walked out? he takes insulin", "insulin"), "other");
});

Deno.test('only "my" or "our" before a person word marks a clause as someone else\'s', () => {
  // "a friend" is no "my friend": the speaker's "I" owns what follows it.
  assert.equal(ownerOf("with a friend I adopted a cat", "cat"), "speaker");
});

Deno.test("a clause's opening subject owns the words after it, from its second word, not its first", () => {
  assert.equal(ownerOf("she smokes", "smoke"), "other");
  assert.equal(ownerOf("neighbour smokes", "smoke"), "other");
  // The first word is read by no clause rule: not the user itself, not the dog whose bowl it is.
  assert.equal(ownerOf("User has a cat", "user"), undefined);
  assert.equal(ownerOf("Dog's bowl is empty", "dog"), undefined);
  assert.equal(othersMembersFactor(PETS, "Dog's bowl is empty"), 1);
});

Deno.test("the word before a word, else the one before it past no article, is read first: a speaker's person is the speaker's", () => {
  // The neighbour, the friend and the friend's name are the speaker's; what they have is theirs.
  assert.equal(ownerOf("my neighbour's cat sleeps", "neighbour"), "speaker");
  assert.equal(ownerOf("my neighbour's cat sleeps", "cat"), "other");
  assert.equal(ownerOf("my friend Dev has a cat", "dev"), "speaker");
  assert.equal(ownerOf("my friend Dev has a cat", "cat"), "other");
});

Deno.test("ownedWords holds a text's content words only, in order", () => {
  assert.deepEqual(ownedWords("I keep a cat and the hens of my sister").map((word) => word.stem), [
    "keep",
    "cat",
    "hen",
    "sister",
  ]);
});

Deno.test("members are asked once a class, of the types that have members; the user is no one else", () => {
  const pets = new Set(["cat"]);
  const all = new Map([["animal", pets], ["pet", pets]]);
  const types = {
    asked: [{ word: "pets", type: "animal" }, { word: "animals", type: "pet" }],
    members: { aligned: all, all },
  };
  const isPerson = (word: string) => ["landlord", "user"].includes(word);
  assert.deepEqual(askedMembers(types, { text: "What pets do I have?", isPerson })?.members, [
    pets,
  ]);
  const none = { ...types, asked: [{ word: "tools", type: "tool" }] };
  assert.equal(askedMembers(none, { text: "What tools do I have?", isPerson }), undefined);
  // A person word after the speaker's: someone else's. The user, whatever isPerson says, is not.
  assert.equal(
    askedMembers(types, { text: "What pets do I and my landlord have?", isPerson }),
    undefined,
  );
  assert.ok(askedMembers(types, { text: "What pets does the user have?", isPerson }));
});
