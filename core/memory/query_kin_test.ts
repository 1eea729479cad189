import assert from "node:assert/strict";
import { asksKin, asksOwn, namesOwner, namesOwnKin, tellsOfRelative } from "./query_kin.ts";
import { queryVoice, voiceOf } from "./query.ts";

Deno.test("a family word is the persona's only when nothing else in the question owns it", () => {
  for (
    const question of [
      "Which relative grows grapes?",
      "Who in the family is an aviator?",
      "WHICH RELATIVE GROWS GRAPES?",
      "which relative grows grapes?",
      "Which Relative Grows Grapes?",
      "Which relative lives in Leeds?",
    ]
  ) {
    assert.ok(asksKin(question), question);
    assert.equal(queryVoice(question), "group", question);
  }
  for (
    const question of [
      "Does the user have a brother who teaches?",
      "What does the brother of the user teach?",
      "Which sister of Tom flies planes?",
      "What does his sister do?",
      "Where does her older sister live?",
      "Do their parents farm?",
      "What does James' sister do?",
      "What does Hanna's mother bake?",
      "Does Tom have a brother?",
      "How is aunt Greet's bakery doing?",
    ]
  ) {
    assert.ok(!asksKin(question), question);
    assert.equal(queryVoice(question), "other", question);
  }
});

Deno.test("a question names an owner by 'user' or a name inside a sentence, not a place or a frame word", () => {
  assert.ok(namesOwner("Does the user have a sister?"));
  assert.ok(namesOwner("What do users' brothers do?"));
  assert.ok(namesOwner("Does Tom have a brother?"));
  assert.ok(namesOwner("Which brother did Dr. Lee treat?"), "the name after an honorific");
  assert.ok(!namesOwner("Which relative moved to Leeds?"), "a place after 'to'");
  assert.ok(!namesOwner("Which relative called on Monday?"), "a time word");
  assert.ok(!namesOwner("Who visits on Sundays?"), "a time word's plural");
  assert.ok(!namesOwner("Quick question: Which relative grows grapes?"), "a sentence's opener");
  assert.ok(!namesOwner("Do you Remember which relative grows grapes?"), "a frame word");
});

Deno.test("a memory opening with 'my' and a relative, saying no 'I' or 'we' after it, tells of the relative", () => {
  for (
    const text of [
      "My wife reads romance novels on the train.",
      "My mother feels lonely since she retired.",
      "My older sister works in Leeds.",
    ]
  ) assert.ok(tellsOfRelative(text), text);
  for (
    const text of [
      "I am a big fan of detective novels.",
      "My son and I go fishing on Sundays.",
      "My wife bought me a watch.",
      "My car is a red Skoda.",
      "Our daughter plays the violin.",
    ]
  ) assert.ok(!tellsOfRelative(text), text);
});

Deno.test("a question asks about the persona itself in its own voice, naming no one and no relative", () => {
  const own = (text: string, names: string[] = []) => asksOwn(text, queryVoice(text), names);
  assert.ok(own("What novels do I like?"));
  assert.ok(!own("What novels does my wife like?"));
  assert.ok(!own("Where do we live?"));
  assert.ok(!own("What does Biscuit like?", ["biscuit"]));
  assert.ok(!own("Which relative grows grapes?"));
});

Deno.test("a relative called by a family title with no owner is the speaker's own: the persona's voice", () => {
  for (
    const text of [
      "Grandpa Karl died peacefully in his sleep in March.",
      "Mum sent a parcel with oranges from her tree.",
      "Yesterday Dad fixed the fence.",
      "The lake where Uncle Rafael taught Leo to fish.",
      "Grandpa Jürgen fixed the fence.", // not plain ASCII: read word by word
    ]
  ) {
    assert.ok(namesOwnKin(text), text);
    assert.equal(voiceOf(text), "self", text);
  }
  for (
    const text of [
      "Brother Anselm from the abbey buys two casks of beer.", // a title of the clergy
      "Father Brown solved the case.",
      "Tom's Mum drives a taxi.",
      "His Grandpa was a sailor.",
      "She visited the Uncle Tom's Cabin museum.", // "the": not the speaker's own
      "The user said their grandpa was a sailor.", // not capitalised: no title
    ]
  ) {
    assert.ok(!namesOwnKin(text), text);
    assert.equal(voiceOf(text), "other", text);
  }
  assert.equal(voiceOf("Our Grandpa Karl lives by the lake."), "group", "a voice it says wins");
});
