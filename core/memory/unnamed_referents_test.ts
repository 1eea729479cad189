import assert from "node:assert/strict";
import {
  askedPeople,
  mayReferToAsked,
  namesSomePerson,
  NO_REFERENT,
  referentFactor,
} from "./unnamed_referents.ts";
import { TextFactors } from "./text_factors.ts";
import { queryModifiers } from "./noun_modifiers.ts";
import { UNNAMED } from "./text_factor_shares.ts";
import { UNTIED } from "./relation_ties.ts";
import type { MemoryRecord } from "./schema.ts";

Deno.test("NO_REFERENT is a fifth of the score, as UNNAMED is", () => {
  assert.equal(NO_REFERENT, 0.2);
  assert.equal(referentFactor("shellfish allergies are common in adults"), 1 - NO_REFERENT);
  assert.equal(referentFactor("she carries two EpiPens"), 1);
});

Deno.test("a line with no word for a person speaks of no one the question names", () => {
  // A bare plural is generic: "in adults" is no one in particular.
  assert.equal(mayReferToAsked("shellfish allergy is common in adults, apparently"), false);
  // The speaker's own "I" is not the person asked about.
  assert.equal(mayReferToAsked("I'm allergic to cats, my eyes swell up"), false);
  assert.equal(mayReferToAsked("the ferry was cancelled again"), false);
});

Deno.test("a pronoun, a person word or a determined plural may stand for the person asked", () => {
  assert.equal(mayReferToAsked("she carries two EpiPens everywhere"), true);
  assert.equal(mayReferToAsked("his school bag always has an inhaler"), true);
  assert.equal(mayReferToAsked("my daughter can't eat prawns"), true);
  assert.equal(mayReferToAsked("Dad says the tablets make him dizzy"), true);
  assert.equal(mayReferToAsked("the kids are both allergic to shellfish"), true);
  assert.equal(mayReferToAsked("all the children had chickenpox in May"), true);
  // Group voice: "we" may hold the person asked.
  assert.equal(mayReferToAsked("we saw the allergist on Monday"), true);
});

Deno.test("a line whose first person is a name is that person's, whatever pronoun follows", () => {
  assert.equal(mayReferToAsked("Kieran's moved to Lisbon with his boyfriend"), false);
  assert.equal(mayReferToAsked("Aunty Bimpe takes the same tablets, she says"), false);
  assert.equal(mayReferToAsked("my dad Tor retired to Mesa with his wife"), false);
  // A pronoun before the name may still be the asked person's.
  assert.equal(mayReferToAsked("she went to Kieran's party"), true);
});

Deno.test("the question's own person words and speaker keep the lines that speak of them", () => {
  const both = askedPeople("where do Arvid and dad live");
  assert.deepEqual([...both.words], ["dad"]);
  assert.equal(mayReferToAsked("my dad Tor retired to Mesa with his wife", both), true);
  const mine = askedPeople("what do I do together with Anto");
  assert.equal(mine.speaker, true);
  assert.equal(mayReferToAsked("I go climbing on Thursdays", mine), true);
  assert.equal(mayReferToAsked("I go climbing on Thursdays"), false);
  const user = askedPeople("When does the user do her Deliveroo shifts?");
  assert.equal(user.speaker, true);
  assert.equal(mayReferToAsked("User rides for Deliveroo at lunch", user), true);
});

Deno.test("a capitalised word after a determiner names a thing, not a person", () => {
  const shifts = askedPeople("When does the user do her Deliveroo shifts?");
  assert.deepEqual([...shifts.thingNames], ["deliveroo"]);
  assert.equal(namesSomePerson(["deliveroo"], shifts), false);
  const islands = askedPeople("which are the Lofoten islands");
  assert.equal(namesSomePerson(["lofoten"], islands), false);
  // A day, a month or a feast names a time.
  const lessons = askedPeople("cello lessons on Thursday");
  assert.equal(namesSomePerson([...lessons.thingNames], lessons), false);
  assert.equal(lessons.thingNames.size, 1);
  const noor = askedPeople("is Noor allergic to shellfish");
  assert.equal(namesSomePerson(["noor"], noor), true);
});

/** A record of the persona with `content`. */
function record(id: string, content: string): MemoryRecord {
  return { id, persona_id: "p", content } as MemoryRecord;
}

Deno.test("TextFactors.named: a line lacking the name with no word for a person keeps (1 − UNNAMED)(1 − NO_REFERENT)", () => {
  const question = "is Noor allergic to shellfish";
  const factors = new TextFactors({
    names: ["noor"],
    modifiers: queryModifiers(question, ["noor", "allerg", "shellfish"]),
  });
  const generic = factors.named(record("a", "shellfish allergy is common in adults"));
  assert.ok(Math.abs(generic - (1 - UNNAMED) * (1 - NO_REFERENT)) < 1e-12, `${generic}`);
  assert.equal(factors.named(record("b", "she carries two EpiPens everywhere")), 1 - UNNAMED);
  assert.equal(factors.named(record("c", "Noor has a shellfish allergy")), 1);
  // A name the question writes as a thing's costs no more than UNNAMED.
  const shifts = "When does the user do her Deliveroo shifts?";
  const things = new TextFactors({
    names: ["deliveroo"],
    modifiers: queryModifiers(shifts, ["user", "deliveroo", "shift"]),
  });
  assert.equal(things.named(record("d", "lunch shifts are 11-3 on weekdays")), 1 - UNNAMED);
});

Deno.test("TextFactors.named multiplies both rules: NO_REFERENT for an unnamed line, UNTIED for a named one", () => {
  // review43c: the merge of recall92 (referentFactor) and recall94 (untiedFactor) in
  // TextFactors.named keeps both; a later re-merge must not drop either.
  assert.equal(UNTIED, 0.2);
  const question = "who is Kav?";
  const factors = new TextFactors({
    names: ["kav"],
    modifiers: queryModifiers(question, ["kav"]),
  });
  const nobody = factors.named(record("a", "the bins go out on Thursday night"));
  assert.ok(Math.abs(nobody - (1 - UNNAMED) * (1 - NO_REFERENT)) < 1e-12, `${nobody}`);
  assert.equal(factors.named(record("b", "Kav is coming round later")), 1 - UNTIED);
  assert.equal(factors.named(record("c", "Kav is my flatmate")), 1);
  assert.equal(factors.named(record("d", "she is coming round later")), 1 - UNNAMED);
  // "'s" then a determiner is the copula: the line names Kav (no UNNAMED·NO_REFERENT, as a
  // possessive would) and ties him (no UNTIED).
  assert.equal(factors.named(record("e", "Kav's my ex, we still get on")), 1);
});
