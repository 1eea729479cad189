import assert from "node:assert/strict";
import data from "./meaning/word_relations.gen.json" with { type: "json" };
import { FORM_SIMILARITY, WordRelations } from "./meaning/word_relations.ts";
import { porterStem } from "./porter.ts";
import {
  BEGINNING_IRREGULAR,
  BEGINNING_PARTICLES,
  BEGINNING_VERBS,
  beginsState,
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
