import assert from "node:assert/strict";
import { queryModifiers } from "./noun_modifiers.ts";
import { TextFactors } from "./text_factors.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { asksHabit, PAST_TOLD, tenseOf } from "./told_tense.ts";

/** Asserts the tense of each text. */
function assertTenses(expected: Record<string, string>): void {
  for (const [text, tense] of Object.entries(expected)) assert.equal(tenseOf(text), tense, text);
}

Deno.test("tenseOf: the closed classes of finite forms, texting's and cut ones included", () => {
  assertTenses({
    // Present: texting's "im" and "ive", every form of "can".
    "im back at work": "present",
    "ive a cold": "present",
    "Dad can't drive at night": "present",
    "Dad cannot drive at night": "present",
    "Dad can drive": "present",
    // Past: "had", "hadn't", "did", "didn't" with no subject pronoun or name before them.
    "the shop had a sale": "past",
    "the boiler hadn't been serviced": "past",
    "the bus didn't come": "past",
    "the bus did come": "past",
    // A cut "'ll", with either apostrophe; "what's" and "that's" are "is".
    "she'll ring on Sunday": "present",
    "she’ll ring on Sunday": "present",
    "what's for tea": "present",
    "that's the plan": "present",
    // "they" and "it" are subjects.
    "they ring on Sundays": "present",
    "it rains a lot": "present",
    // "used to" tells a past whatever stands before it.
    "the house used to be a pub": "past",
  });
});

Deno.test("tenseOf: every subordinator opens a clause whose tense is not the sentence's", () => {
  const subordinators = [
    "since",
    "when",
    "because",
    "bc",
    "cos",
    "cuz",
    "after",
    "before",
    "until",
    "till",
    "while",
    "whilst",
    "although",
    "though",
    "if",
    "unless",
    "once",
    "whenever",
    "whereas",
  ];
  for (const word of subordinators) {
    const text = `I cook every night ${word} she left`;
    assert.equal(tenseOf(text), "present", text);
  }
  // Only a question's opening "when" asks; a statement's opens a clause.
  assert.equal(tenseOf("when I was eight, I love swimming"), "present");
});

Deno.test("tenseOf: a comma or a spaced dash ends a subordinate clause; 'but' and 'so' join, as 'and' does", () => {
  assertTenses({
    "since Mum left, Dad cooks every night": "present",
    "since Mum left - Dad cooks every night": "present",
    "we lived there until 2019 but I love York now": "mixed",
    "we lived there until 2019 so I love York now": "mixed",
    // A name, or a verb in "-s" of four letters, opens the clause after the joining word.
    "Sam lived in Leeds until 2019 and Kai lives in York": "mixed",
    "Sam lived in Leeds until 2019 and runs a cafe now": "mixed",
    // A function word in "-s" ("this") and a noun in "-us" ("campus") open none: the clause
    // runs on, and its verbs are not the sentence's.
    "I cried when Mum and this lad I know left for Leeds": "past",
    "Dad left once the office and campus closed": "past",
    // A joining word outside a subordinate clause leaves the words after it as they are.
    "Dad drove to Leeds and buses were late": "past",
  });
});

Deno.test("tenseOf: every sender's tag is cut; a past in '-eed' is no past", () => {
  for (const tag of ["said", "replied", "asked", "wrote"]) {
    assert.equal(tenseOf(`Kai ${tag}: I live in Leeds`), "present", tag);
  }
  assert.equal(tenseOf("we need a plumber"), "present");
});

Deno.test("tenseOf: every adverb between a subject and its verb is passed over", () => {
  const adverbs = "also always never still just really usually often only actually sometimes even";
  for (const adverb of adverbs.split(" ")) {
    const text = `I ${adverb} ring her on Sundays`;
    assert.equal(tenseOf(text), "present", text);
  }
  // The verb past the adverb is the one read, and the adverb itself is no verb (mut56: "I still
  // rang her" read "still" as a present after "I", "Dad always rang" "always" as a third
  // person's "-s").
  for (const adverb of adverbs.split(" ")) {
    for (const text of [`I ${adverb} rang her`, `Dad ${adverb} rang her`]) {
      assert.equal(tenseOf(text), "past", text);
    }
  }
  // A function word after a subject is no verb of the present.
  assert.equal(tenseOf("I just ate"), "past");
});

Deno.test("tenseOf: a cut finite verb is read only as itself; a capitalised word after a name, no verb", () => {
  assertTenses({
    "I didn't go": "past",
    "I wasn't well": "past",
    "they weren't in": "past",
    // A surname in "-es" or "-ed" after a name or title is no verb.
    "Priya Jones from Leeds": "none",
    "Dr Ahmed on Tuesday": "none",
    // A word in "-ss" after a name is no third person's "-s".
    "Kai's class on Friday": "none",
  });
});

Deno.test("asksHabit: a bare 'got' and a three-letter word in '-ed' tell no past; 'has' is having", () => {
  assert.equal(asksHabit("where do I keep the stuff I got from Gran"), true);
  assert.equal(asksHabit("what do I wear with red shoes"), true);
  assert.equal(asksHabit("what time does Kai finish when he has football"), false);
  // A past of "do" in a subordinate clause tells a past all the same; a curly "doesn’t" is
  // do-support.
  assert.equal(asksHabit("what do I do when the bus didn't come"), false);
  assert.equal(asksHabit("what doesn’t Dad like to eat"), true);
});

Deno.test("TextFactors.modified: a line told only in the past loses PAST_TOLD for a habit, beside a word's class too", () => {
  // "time" is a plain class word of the question: the word class's factor is read as well.
  const question = "what time does Pauline ring";
  const factors = new TextFactors({
    modifiers: queryModifiers(question, ["time", "paulin", "ring"]),
  });
  assert.equal(factors.modified(sampleRecord({ content: "Dad drank tea" })), 1 - PAST_TOLD);
});
