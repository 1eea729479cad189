import assert from "node:assert/strict";
import { broadDeeds } from "./broad_deeds.ts";

const terms = (text: string) => broadDeeds(text)?.terms;

Deno.test("broadDeeds reads the pro-verb do as the only verb of a question", () => {
  assert.deepEqual(terms("what did my dad do"), ["dad"]);
  assert.deepEqual(terms("what did Hayden do"), ["hayden"]);
  assert.deepEqual(terms("What is Hanna doing?"), ["hanna"]);
  // With whom or where the deeds are: the doer's and the place's words.
  assert.deepEqual(terms("what do I do with Moira"), ["moira"]);
  assert.deepEqual(terms("what does Tom do at Fairfield"), ["tom", "fairfield"]);
  assert.deepEqual(terms("what do I do together with Anto"), ["anto"]);
  assert.deepEqual(terms("what have i done about my knees"), ["knee"]);
  // Dialect function words ("dae", "wi", "aboot") read as what they stand for.
  assert.deepEqual(terms("what do i dae wi moira"), ["moira"]);
  assert.deepEqual(terms("what have i done aboot ma knees"), ["knee"]);
});

Deno.test("broadDeeds reads the idiom what's X up to", () => {
  assert.deepEqual(terms("what's Rafi up to"), ["rafi"]);
  assert.deepEqual(terms("what have the kids been up to"), ["kid"]);
  assert.deepEqual(terms("so what is Lars up to"), ["lar"]);
  // "up to" must end the question.
  assert.equal(broadDeeds("what is Rafi up to at school"), undefined);
});

Deno.test("broadDeeds leaves questions that ask one thing of a deed", () => {
  // A purpose, a time or an object after the pro-verb asks about it.
  assert.equal(broadDeeds("what do I do for a living"), undefined);
  assert.equal(broadDeeds("what do I do every morning"), undefined);
  assert.equal(broadDeeds("what do I do to keep fit"), undefined);
  // Another verb than "do" asks what it says.
  assert.equal(broadDeeds("what does Hayden play"), undefined);
  assert.equal(broadDeeds("what sport does Hayden do"), undefined);
  // "What does my brother do?" asks his job (`asksWhatOneDoes`), with or without a hesitation.
  assert.equal(broadDeeds("What does my brother do?"), undefined);
  assert.equal(broadDeeds("um what does Hayden do"), undefined);
  assert.equal(broadDeeds("what does Hayden do now"), undefined);
  // No subject with a content word.
  assert.equal(broadDeeds("what do I do"), undefined);
  assert.equal(broadDeeds("what are you up to"), undefined);
  // No "what", or content words before it.
  assert.equal(broadDeeds("does Hayden do it"), undefined);
  assert.equal(broadDeeds("Colleen asked what Hayden does do"), undefined);
  // Hesitation sounds before "what" are no content words of the question.
  for (const sound of ["um", "umm", "uh", "uhm", "er", "erm", "hmm"]) {
    assert.deepEqual(terms(`${sound} what did Hayden do`), ["hayden"], sound);
  }
  assert.equal(broadDeeds("ah what did Hayden do"), undefined);
});

Deno.test("broadDeeds reads every cut auxiliary after what", () => {
  // "'re", "'ve", "'ll" and "'d" as "'s" is: the auxiliary, no word of the subject.
  assert.deepEqual(broadDeeds("what're the kids up to")?.text, "the kids");
  assert.deepEqual(terms("what've I done about my knees"), ["knee"]);
  assert.deepEqual(terms("what'll Hayden do with Moira"), ["hayden", "moira"]);
  assert.deepEqual(terms("what'd Hayden do at Fairfield"), ["hayden", "fairfield"]);
});

Deno.test("broadDeeds reads a subject's words without the auxiliary or the prepositions", () => {
  // The subject is what stands between the auxiliary and "up to" or the pro-verb.
  assert.equal(broadDeeds("what's Rafi up to")?.text, "rafi");
  assert.equal(broadDeeds("what is Lars up to")?.text, "lars");
  // Every preposition of whom or where before the subject is passed over, not only the first.
  assert.equal(broadDeeds("what do I do together with Anto")?.text, "i anto");
  assert.equal(broadDeeds("what does Tom do at Fairfield")?.text, "tom fairfield");
});

Deno.test("broadDeeds needs up to, or a form of do, and what", () => {
  // "to" alone at the end is no "up to": "listening to" asks what was listened to.
  assert.equal(broadDeeds("what have the kids been listening to"), undefined);
  assert.equal(broadDeeds("what is Rafi going to"), undefined);
  // Without "what" nothing is asked of the subject's deeds: a yes-no question ("did you do [it]
  // with Moira?"), though every word before its last is a stop word.
  assert.equal(broadDeeds("did you do with Moira"), undefined);
  assert.equal(broadDeeds("have you done with Moira"), undefined);
});
