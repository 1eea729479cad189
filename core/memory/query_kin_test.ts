import assert from "node:assert/strict";
import { asksKin, namesOwner } from "./query_kin.ts";
import { queryVoice } from "./query.ts";

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
