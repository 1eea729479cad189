import assert from "node:assert/strict";
import data from "./meaning/word_relations.gen.json" with { type: "json" };
import { FORM_SIMILARITY, WordRelations } from "./meaning/word_relations.ts";
import { porterStem } from "./porter.ts";
import {
  BEGINNING_IRREGULAR,
  BEGINNING_PARTICLES,
  BEGINNING_VERBS,
  beginsState,
  OCCASION_REACH,
  PARTICLE_REACH,
} from "./told_beginnings.ts";
import { IRREGULAR_PAST } from "./told_events.ts";

/** `beginsState` of the word `word` of `text` (lower case, split at spaces). */
function begins(text: string, word: string): boolean {
  const folded = text.toLowerCase().split(" ");
  return beginsState(folded, folded.indexOf(word));
}

Deno.test("told_beginnings pins PARTICLE_REACH and the particle verbs", () => {
  assert.equal(PARTICLE_REACH, 2);
  assert.deepEqual([...BEGINNING_PARTICLES], [["take", "up"], ["sign", "up"]]);
  for (const base of BEGINNING_PARTICLES.keys()) {
    assert.ok(BEGINNING_VERBS.split(" ").includes(base));
  }
});

Deno.test("beginsState reads regular and irregular pasts of the verbs of beginning", () => {
  assert.equal(begins("I joined the choir", "joined"), true);
  assert.equal(begins("she started taking sertraline", "started"), true);
  assert.equal(begins("they married in June", "married"), true);
  assert.equal(begins("we adopted a grey cat", "adopted"), true);
  assert.equal(begins("I began working at Tesco", "began"), true);
  assert.equal(begins("we bought a Golf", "bought"), true);
  assert.equal(begins("Rafi was born in March", "born"), true);
  assert.equal(begins("Kit was promoted to head of sound", "promoted"), true);
  // A finished occasion, a past habit's verb, a present form: no beginning.
  assert.equal(begins("Pauline rang on Sunday", "rang"), false);
  assert.equal(begins("I worked at Tesco until 2019", "worked"), false);
  assert.equal(begins("she starts at nine", "starts"), false);
  assert.equal(begins("we are starting", "starting"), false);
  assert.equal(beginsState(["joined"], 1), false);
});

Deno.test("beginsState: a verb with a particle begins a state only with it, within PARTICLE_REACH", () => {
  assert.equal(begins("I took up running", "took"), true);
  assert.equal(begins("I took the bus", "took"), false);
  assert.equal(begins("I signed Mia up for swimming", "signed"), true);
  assert.equal(begins("she signed the form", "signed"), false);
  // The particle one word past the reach is another clause's.
  assert.equal(begins("I signed Mia and Sam up", "signed"), false);
  assert.equal(begins("I took the bus up", "took"), false);
});

Deno.test("the irregular forms are past forms the shipped word relations give as their base's forms", () => {
  const relations = new WordRelations(data as ConstructorParameters<typeof WordRelations>[0]);
  const irregularPast = new Set(IRREGULAR_PAST.split(" "));
  for (const [form, base] of BEGINNING_IRREGULAR) {
    assert.ok(BEGINNING_VERBS.split(" ").includes(base), base);
    assert.ok(irregularPast.has(form), form);
    const related = relations.of(porterStem(form));
    assert.ok(related !== undefined && related.get(porterStem(base)) !== undefined, form);
  }
  // "bought" is the same word as "buy" (a form), not a relative in meaning.
  assert.equal(relations.of("bought")?.get(porterStem("buy")), FORM_SIMILARITY);
});

Deno.test("BEGINNING_VERBS: each verb's past begins a state in a sentence of its own", () => {
  assert.equal(
    BEGINNING_VERBS,
    "begin start commence take sign become qualify convert join enrol enroll enlist subscribe " +
      "marry wed move settle switch buy purchase adopt acquire inherit receive hire bear promote " +
      "appoint elect diagnose prescribe",
  );
  const sentences: [string, string][] = [
    ["I began a new job", "began"],
    ["I started a new job", "started"],
    ["we commenced the lease", "commenced"],
    ["I took up yoga", "took"],
    ["I signed up for the choir", "signed"],
    ["she became a nurse", "became"],
    ["she qualified as a nurse", "qualified"],
    ["he converted to Islam", "converted"],
    ["I joined the choir", "joined"],
    ["I enrolled at the college", "enrolled"],
    ["she enrolled at the college", "enrolled"],
    ["he enlisted in the navy", "enlisted"],
    ["I subscribed to the Guardian", "subscribed"],
    ["they married in June", "married"],
    ["they wedded in June", "wedded"],
    ["I moved to Leeds", "moved"],
    ["we settled in York", "settled"],
    ["I switched to oat milk", "switched"],
    ["we bought a Golf", "bought"],
    ["we purchased a Golf", "purchased"],
    ["we adopted a grey cat", "adopted"],
    ["we acquired a grey cat", "acquired"],
    ["I inherited Gran's piano", "inherited"],
    ["I received a kidney", "received"],
    ["we hired a nanny", "hired"],
    ["Rafi was born in March", "born"],
    ["Kit was promoted to head of sound", "promoted"],
    ["she was appointed head", "appointed"],
    ["he was elected mayor", "elected"],
    ["I was diagnosed with asthma", "diagnosed"],
    ["I was prescribed sertraline", "prescribed"],
  ];
  const bases = new Set(BEGINNING_VERBS.split(" "));
  for (const [text, word] of sentences) assert.ok(begins(text, word), text);
  // One sentence for each verb ("enrolled" twice: the past of "enrol" and of "enroll").
  assert.equal(bases.size, sentences.length);
});

Deno.test(`beginsState: begin or start with a gerund or infinitive of one occasion (OCCASION_REACH ${OCCASION_REACH}) tells no state`, () => {
  assert.equal(OCCASION_REACH, 5);
  for (
    const [text, word] of [
      ["i started to cry", "started"],
      ["i started crying", "started"],
      ["i started crying when mum rang", "started"],
      ["i started crying at the vet yesterday", "started"],
      ["she began to laugh as he walked in", "began"],
      ["we started arguing this morning", "started"],
      ["i started shaking last night", "started"],
      ["i began to panic just now", "began"],
      ["we started chatting while we waited", "started"],
      ["i started drinking tonight", "started"],
      ["i started sneezing today", "started"],
      ["i started sneezing earlier", "started"],
    ]
  ) assert.equal(begins(text!, word!), false, text);
  for (
    const [text, word] of [
      ["she started taking sertraline", "started"],
      ["i began working at tesco", "began"],
      ["i started going to the gym last year", "started"],
      ["i started to learn spanish in march", "started"],
      // "as" before no subject pronoun names a role (review41d 2).
      ["i started working as a nurse", "started"],
      ["i began volunteering as a coach", "began"],
      // The occasion's time past the reach is another clause's.
      ["i started going to the gym every week and then yesterday", "started"],
    ]
  ) assert.equal(begins(text!, word!), true, text);
});

Deno.test("beginsState: 'took it up with' and 'took up a lot of' are no beginning", () => {
  for (
    const text of [
      "i took it up with the manager",
      "i took this up with hr",
      "sam took up a lot of the evening",
      "it took up the whole afternoon",
      "the sofa took up most of the room",
      "the move took up all my time",
      "the baby took up half the bed",
      "work took up more of my week",
      "the kids took up lots of space",
      "it took up much of the day",
    ]
  ) assert.equal(begins(text, "took"), false, text);
  assert.equal(begins("i took up running with sam", "took"), true);
  assert.equal(begins("i took up with a new crowd", "took"), true);
});

Deno.test("beginsState: a span after the verb ('for the weekend') bounds what it began", () => {
  for (
    const [text, word] of [
      ["i hired a car for the weekend", "hired"],
      ["i joined the gym for a month", "joined"],
      ["we moved to leeds for a year", "moved"],
      ["i took up yoga for a few weeks", "took"],
      ["she was prescribed sertraline for six months", "prescribed"],
    ]
  ) assert.equal(begins(text!, word!), false, text);
  for (
    const [text, word] of [
      ["i bought a present for christmas", "bought"],
      ["i joined the choir for the first time", "joined"],
      ["we bought a house for two hundred grand", "bought"],
      ["i joined the choir at church last week and later on for a while", "joined"],
    ]
  ) assert.equal(begins(text!, word!), true, text);
});

Deno.test("beginsState: 'turned' and a cardinal reaches an age, a state begun; a count of things is none", () => {
  assert.ok(begins("kenzie turned thirty last spring", "turned"));
  assert.ok(begins("i turned 35 in may", "turned"));
  assert.ok(begins("mila turned five", "turned"));
  assert.ok(begins("the baby turned 3 months old today", "turned"));
  assert.ok(!begins("he turned two pages", "turned"), "a count of things");
  assert.ok(!begins("she turned 90 degrees to the left", "turned"), "a count of things");
  assert.ok(!begins("we turned left at the church", "turned"), "no complement: an occasion");
  assert.ok(!begins("i turned the oven off", "turned"));
  // Another use of "turned" and a number: a particle, a place, a score (review45b L1).
  assert.ok(!begins("she turned one down last spring", "turned"));
  assert.ok(!begins("i turned 180 at the roundabout last week", "turned"));
  assert.ok(!begins("the match turned 2 nil in the second half last week", "turned"));
  assert.ok(begins("mila turned five she loved the cake", "turned"));
  assert.ok(begins("dad turned sixty yesterday", "turned"));
  assert.ok(begins("the twins turned 2 years old", "turned"));
});
