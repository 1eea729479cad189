import assert from "node:assert/strict";
import {
  ADVERBS_BETWEEN,
  asksHabit,
  PAST_TOLD,
  pastToldFactor,
  TENSE_WORDS,
  tenseOf,
} from "./told_tense.ts";

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

Deno.test("asksHabit: a question that tells a past in any clause asks no habit", () => {
  assert.equal(asksHabit("do you remember when we went to Paris"), false);
  assert.equal(asksHabit("who do I know that went to Oxford"), false);
  assert.equal(asksHabit("what do I think happened to my keys"), false);
  // A past form after a determiner is an adjective; one that is also the present tells none.
  assert.equal(asksHabit("where do I keep the broken chair"), true);
  assert.equal(asksHabit("when do I hit the gym"), true);
  assert.equal(asksHabit("what time does Pauline ring"), true);
});

Deno.test("tenseOf reads a past that is also the present's form only after a third person", () => {
  assert.equal(tenseOf("I hit the gym at 6 most days"), "none");
  assert.equal(tenseOf("I bet on Arsenal every week"), "none");
  assert.equal(tenseOf("we put the bins out on Tuesdays"), "none");
  assert.equal(tenseOf("Dad hit a deer on the A61"), "past");
  assert.equal(tenseOf("she quit the choir"), "past");
  assert.equal(tenseOf("Mum put the house on the market"), "past");
});

Deno.test("tenseOf: a joining word ends a subordinate clause before a new clause", () => {
  assert.equal(tenseOf("Sam lived in Leeds until 2019 and lives in York now"), "mixed");
  assert.equal(tenseOf("I stayed in Leeds until 2019 and I love York now"), "mixed");
  // A past verb after "and" opens no clause: the "until" clause runs on.
  assert.equal(tenseOf("we lived there until 2019 and loved it"), "past");
});

Deno.test("tenseOf: a capitalised determiner is no name; its noun is a third person", () => {
  assert.equal(tenseOf("My parents loved the cruise"), "past");
  assert.equal(tenseOf("The twins started school in September"), "past");
  assert.equal(tenseOf("The twins go to Meersbrook Primary"), "none");
});

Deno.test("tenseOf leaves a bare 'got' unread after any subject", () => {
  assert.equal(tenseOf("I got a job at Tesco"), "none");
  assert.equal(tenseOf("we got a puppy, she likes him"), "present");
});

Deno.test("pastToldFactor: a past that tells a beginning is no line told only in the past", () => {
  // Each is read as told in the past and tells no update kind: only its beginning keeps it whole.
  for (
    const begun of [
      "I began working at Tesco",
      "she started taking sertraline",
      "I joined the choir at church",
      "we adopted a grey cat from the shelter",
      "I took up running after Christmas",
      "Rafi was born at the Jessops wing",
      "Kit was promoted to head of sound",
    ]
  ) {
    assert.equal(tenseOf(begun), "past", begun);
    assert.equal(pastToldFactor(true, begun), 1, begun);
  }
  // A finished occasion, a past habit, a beginning only in a subordinate clause: past only.
  assert.equal(pastToldFactor(true, "I took the bus to work"), 1 - PAST_TOLD);
  assert.equal(pastToldFactor(true, "I used to work at Tesco"), 1 - PAST_TOLD);
  assert.equal(pastToldFactor(true, "Dad rang when we bought the house"), 1 - PAST_TOLD);
});

Deno.test("tenseOf reads a verb after up to ADVERBS_BETWEEN adverbs after its subject (review41b 9)", () => {
  assert.equal(ADVERBS_BETWEEN, 2);
  assert.equal(tenseOf("I still never rang her"), "past");
  assert.equal(tenseOf("Dad really always rang"), "past");
  assert.equal(tenseOf("she still always calls on Sundays"), "present");
  assert.equal(tenseOf("I still rang her"), "past");
  // A third adverb is past the bound: the verb is read with no subject, so it tells no tense.
  assert.equal(tenseOf("I still never really rang her"), "none");
});

Deno.test("pastToldFactor: 'never' denies a beginning; an adverb after 'was' is passed over", () => {
  for (
    const denied of [
      "I was never promoted",
      "I was never diagnosed",
      "I never joined the gym",
      "I still never joined the gym",
      "We never married",
      "I was not promoted",
    ]
  ) assert.equal(pastToldFactor(true, denied), 1 - PAST_TOLD, denied);
  // review41a M1: "was just promoted" is a beginning, read past the adverb.
  assert.equal(pastToldFactor(true, "I was just promoted"), 1);
});
