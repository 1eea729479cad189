import assert from "node:assert/strict";
import { isUnmarkedNote, PERSON_MARKERS } from "./unmarked_voice.ts";
import { voiceFactor } from "./ranking.ts";
import { GROUP_PERSPECTIVE, PERSPECTIVE } from "./text_factor_shares.ts";

Deno.test("isUnmarkedNote reads a label note in no grammatical person as its keeper's", () => {
  for (
    const note of [
      "boss = Gareth Pryce (assoc. director). 1:1s every other Fri 1000",
      "ALLERGY: penicillin — rash + swelling (2009). tell every new doc/dentist",
      "kids' school → Cotham Gardens Primary. drop-off 0840",
      "GP: Dr Ahmed, Bishopston Medical Practice",
      "summer hols 2026: cottage in Newport, Pembs, 8-15 Aug",
      "car insurance -> Admiral, renews March",
      // A person's label whose value is a name tells who that person is (review46b H3).
      "neighbour: Mr Jones at number 4, spare key",
    ]
  ) assert.equal(isUnmarkedNote(note), true, note);
});

Deno.test("isUnmarkedNote refuses prose, a name in the head and any word of another person", () => {
  for (
    const text of [
      // No head: prose, or a clause before the separator.
      "salary £58,400 + 8% employer pension. bonus in Apr if any",
      "Claire runs a book club on the first Wednesday of every month",
      "the match was cancelled — rain again",
      // A name (title case) in the head: a note about that person, or a clause.
      "Tom Brennan = husband. married 3 Jun 2012",
      "Tomás hates food waste: stale bread becomes migas for the staff lunch.",
      "Leila (sister) — Leeds, NHS comms manager",
      // A pronoun of the second or third person, a report of speech, the user in the third person.
      "dentist: Dr Okoro, she is lovely",
      "boss = Gareth, his office is on floor 3",
      "new job: they start me on Monday",
      "dentist: you need to book by phone",
      "plan: Tom said the cottage is booked",
      "allergy: User is allergic to penicillin",
      // A person's label (kin, a companion, a possessor) with a predicate: about that person.
      "mum: allergic to penicillin, bad rash",
      "MUM: hates cats",
      "dad = diabetic",
      "wife: works at the bank on Corn Street",
      "boss: wants the report by friday",
      "mum's allergy: penicillin",
    ]
  ) assert.equal(isUnmarkedNote(text), false, text);
});

Deno.test("PERSON_MARKERS hold the second and third person pronouns, speech verbs and 'user'", () => {
  for (
    const word of ["you", "your", "he", "him", "his", "she", "her", "they", "them", "their"]
      .concat(["said", "told", "says", "replied", "user"])
  ) assert.ok(PERSON_MARKERS.has(word), word);
  for (const word of ["i", "my", "we", "our", "me", "us", "it", "the", "tell", "say"]) {
    assert.ok(!PERSON_MARKERS.has(word), word);
  }
});

Deno.test("voiceFactor counts an unmarked note in no one's voice as the group's", () => {
  assert.equal(voiceFactor("self", "other", true), 1 - GROUP_PERSPECTIVE);
  assert.equal(voiceFactor("group", "other", true), 1);
  assert.equal(voiceFactor("self", "other", false), 1 - PERSPECTIVE);
  assert.equal(voiceFactor("self", "other"), 1 - PERSPECTIVE);
  // A query in no voice, or a memory in the persona's own, is not touched.
  assert.equal(voiceFactor("other", "other", true), 1);
  assert.equal(voiceFactor(undefined, "other", true), 1);
  assert.equal(voiceFactor("self", "self", true), 1);
});
