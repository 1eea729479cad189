import assert from "node:assert/strict";
import { namesAskedKin } from "./asked_kin_voice.ts";
import { ownKinAsked } from "./kin_owners.ts";
import { TextFactors } from "./text_factors.ts";
import { queryModifiers } from "./noun_modifiers.ts";
import { voiceOf } from "./query.ts";
import { analysedTerms } from "./text.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

const asking = (query: string) => ownKinAsked(query);

Deno.test("namesAskedKin: a line naming the asked relative with no other owner", () => {
  const mother = asking("when does my mother turn a year older");
  assert.ok(namesAskedKin(mother, "mums birthday is 27 sept, shes 46"), "a form of the word");
  assert.ok(namesAskedKin(asking("what's my spouse's name"), "Tom Brennan = husband"), "a kind");
  assert.ok(namesAskedKin(asking("where does my dad live"), "dads in leigh w karen"));
  // Someone else's, or anyone's: another owner, a pronoun, an article or "your".
  assert.ok(!namesAskedKin(mother, "Leah's mum works at asda in longsight"), "a marked owner");
  assert.ok(!namesAskedKin(mother, "leahs mum works at asda"), "an owner without apostrophe");
  assert.ok(!namesAskedKin(mother, "Her mum works at asda"), "a pronoun");
  assert.ok(!namesAskedKin(mother, "my friends mum works at asda"), "a friend's");
  assert.ok(!namesAskedKin(mother, "the mum at the school gate waved"), "an article");
  assert.ok(!namesAskedKin(mother, "a mum at the school gate waved"), "an article");
  assert.ok(!namesAskedKin(mother, "your mum rang"), "the listener's");
  // A title in any case, or a name's label in a note; not a plain family noun.
  assert.ok(namesAskedKin(mother, "Mum does days at the hospice"), "a capitalised title");
  assert.ok(namesAskedKin(asking("what's my sibling's job"), "Leila (sister) — NHS comms"));
  assert.ok(namesAskedKin(asking("what's my sibling's job"), "Leila: sister, NHS comms"));
  const children = asking("What are my children like?");
  assert.ok(!namesAskedKin(children, "the waiting room was full of coughing children"), "plural");
  const grandmother = asking("Tell me about my grandmother");
  assert.ok(!namesAskedKin(grandmother, "We came for grandmother's ninetieth"), "no title");
  assert.ok(namesAskedKin(grandmother, "We came for grandma's ninetieth"), "a title");
  assert.ok(!namesAskedKin(grandmother, "Mila asked why grandma lives so far"), "reported words");
  assert.ok(namesAskedKin(grandmother, "grandma said Mila is tall"), "the title before the report");
  // Another relative, or none asked.
  assert.ok(!namesAskedKin(mother, "dads in leigh w karen"), "not the asked one");
  assert.ok(!namesAskedKin(asking("where do I live"), "mums birthday is 27 sept"), "none asked");
});

Deno.test("TextFactors: such a line is in the speaker's voice for a question about them", () => {
  const line = sampleRecord({ id: "m", content: "mums birthday is 27 sept, shes 46" });
  assert.equal(voiceOf(line.content), "other");
  const of = (query: string) =>
    new TextFactors({ modifiers: queryModifiers(query, analysedTerms(query)) }).voice(line);
  assert.equal(of("when does my mother turn a year older"), "self");
  assert.equal(of("when does Leah's mother turn a year older"), "other", "not the speaker's");
  assert.equal(of("when do I turn a year older"), "other", "no relative asked");
});
