/**
 * `unnamed_referents.ts` reads a line's persons once per text (perf72): a search asks about each
 * candidate lacking the asked name, search after search, and each reading tokenised and folded
 * the line twice. The answers are the same whatever the question and in whatever order asked.
 */
import assert from "node:assert/strict";
import { askedPeople, mayReferToAsked } from "./unnamed_referents.ts";
import { holdsText, memoComputes } from "./text_memo.ts";

Deno.test("a line's persons are worked out once, however many questions ask about it", () => {
  const line = "perf72 memo line: his sister and the kids took Dad's car to Leeds";
  assert.equal(holdsText(line), false);
  const before = memoComputes();
  const questions = ["where does dad live", "what do I drive", "is Tobi allergic", "the kids"];
  const answers = questions.map((question) => mayReferToAsked(line, askedPeople(question)));
  // Once more for each question, now from what is remembered.
  for (const [i, question] of questions.entries()) {
    assert.equal(mayReferToAsked(line, askedPeople(question)), answers[i]);
  }
  assert.equal(mayReferToAsked(line), true);
  assert.equal(memoComputes() - before, 1);
  assert.equal(holdsText(line), true);
});

Deno.test("what is remembered of a line answers each question as reading it afresh did", () => {
  const line = "perf72 memo line: Kieran's left Google, and my son moved with his boyfriend";
  // A question's own person word ("son") keeps the line though a name comes first.
  assert.equal(mayReferToAsked(line, askedPeople("where does my son live")), true);
  // The name comes first and the question holds no person word of the line: someone else's.
  assert.equal(mayReferToAsked(line, askedPeople("where does Anto live")), false);
  // "my" is the speaker's only for a question in the first person, and comes after the name.
  assert.equal(mayReferToAsked(line, askedPeople("where do I live")), false);
  const speaker = "perf72 memo line: I told Kieran about the flat";
  assert.equal(mayReferToAsked(speaker, askedPeople("where do I live")), true);
  assert.equal(mayReferToAsked(speaker, askedPeople("where does Anto live")), false);
});
