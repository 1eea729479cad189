import assert from "node:assert/strict";
import { asksHabit, PAST_TOLD, pastToldFactor, TENSE_WORDS, tenseOf } from "./told_tense.ts";

Deno.test("told_tense pins PAST_TOLD and TENSE_WORDS", () => {
  assert.equal(PAST_TOLD, 0.2);
  assert.equal(TENSE_WORDS, 400);
});

Deno.test("tenseOf reads the finite verbs of the main clauses", () => {
  assert.equal(tenseOf("Dad was brighter this afternoon, he ate all his lunch"), "past");
  assert.equal(tenseOf("Priya's best friend used to be Ruby, they fell out in year 8"), "past");
  assert.equal(tenseOf("Kit ran the Sheffield half last year in 2:15"), "past");
  assert.equal(tenseOf("Dad likes his dal without chilli these days"), "present");
  assert.equal(tenseOf("we rent a flat in Walkley off Mr Pearson"), "present");
  assert.equal(tenseOf("I'm back on the Winnipeg run"), "present");
  assert.equal(tenseOf("she's fine"), "present");
  assert.equal(tenseOf("Pauline rang on Sunday, she's had a fall but she's fine"), "mixed");
  assert.equal(tenseOf("Gareth on leave 10-21 Jul"), "none");
});

Deno.test("tenseOf skips subordinate clauses, a bare 'got' and a sender's tag", () => {
  // The past of "since ..." and "when ..." is not the sentence's: no finite verb is left.
  assert.equal(tenseOf("scared of dogs since one bit me when i was 8"), "none");
  assert.equal(tenseOf("car insurance renewed, b/c Direct Line quoted £790"), "none");
  // "got" may be the present "have got" with its "have" dropped.
  assert.equal(tenseOf("Jonah got a new bike"), "none");
  // "Theo said:" opens a kept exchange's line; its "said" is no verb of the line.
  assert.equal(tenseOf("Theo said: the rent is going up"), "present");
});

Deno.test("tenseOf reads a question's opening 'when' and a name's 's before a determiner", () => {
  assert.equal(tenseOf("when was Rafi born", true), "past");
  assert.equal(tenseOf("what date's the wedding again", true), "present");
  // Outside a question "X's the" is not read: it may be a possessive.
  assert.equal(tenseOf("Kit's the best", false), "none");
});

Deno.test("tenseOf reads only the first TENSE_WORDS words", () => {
  const past = Array.from({ length: TENSE_WORDS }, () => "was").join(" ");
  assert.equal(tenseOf(`${past} is`), "past");
  assert.equal(tenseOf(`${past.split(" ").slice(1).join(" ")} is`), "mixed");
});

Deno.test("asksHabit: the simple present with do-support, not 'is' nor 'have'", () => {
  assert.equal(asksHabit("what time does Pauline ring"), true);
  assert.equal(asksHabit("what does Dad like to eat"), true);
  assert.equal(asksHabit("where do I stop on the road"), true);
  assert.equal(asksHabit("do we have any pets"), false);
  assert.equal(asksHabit("how old is my daughter Mila"), false);
  assert.equal(asksHabit("what did Mum do for work before she retired"), false);
  assert.equal(asksHabit("when was Rafi born"), false);
  // A broad question asks everything told of its subject, past events too.
  assert.equal(asksHabit("what do I know about Kit"), false);
});

Deno.test("pastToldFactor: a memory told only in the past, for a habit asked", () => {
  const past = "Dad was brighter this afternoon, he ate all his lunch";
  assert.equal(pastToldFactor(true, past), 1 - PAST_TOLD);
  assert.equal(pastToldFactor(false, past), 1);
  assert.equal(pastToldFactor(true, "Dad likes his dal without chilli these days"), 1);
  assert.equal(pastToldFactor(true, "Gareth on leave 10-21 Jul"), 1);
  // A past that tells an update (a move, an ending) began what holds now.
  assert.equal(pastToldFactor(true, "I moved to Leeds in May"), 1);
  assert.equal(pastToldFactor(true, "Biscuit passed away in October"), 1);
});
