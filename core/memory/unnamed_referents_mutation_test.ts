/**
 * Boundaries of `unnamed_referents.ts` that its other tests leave open (mutation testing, session
 * 44): a person word the question holds keeps a line when it comes before the line's first name,
 * "User ..." counts only for a question about the speaker, and one person's name among things'
 * is enough.
 */
import assert from "node:assert/strict";
import { askedPeople, mayReferToAsked, namesSomePerson } from "./unnamed_referents.ts";

Deno.test("a person word the question holds keeps the line though a name follows one character in", () => {
  const dad = askedPeople("where does dad live");
  // The name stands at 1, after the bracket: the person word, held by the question, comes first.
  assert.equal(mayReferToAsked("(Tobi took dad to the vet)", dad), true);
  // Without the question's person word, the name that opens the line is its person.
  assert.equal(mayReferToAsked("(Tobi took dad to the vet)"), false);
});

Deno.test("a line in the user's voice counts only for a question about the speaker", () => {
  assert.equal(mayReferToAsked("User loves hiking"), false);
  assert.equal(mayReferToAsked("User loves hiking", askedPeople("where do I hike")), true);
});

Deno.test("one of the names asked that is no thing's is enough for a person", () => {
  const asked = askedPeople("her Deliveroo shifts with Anto");
  assert.deepEqual([...asked.thingNames], ["deliveroo"]);
  assert.equal(namesSomePerson(["deliveroo", "anto"], asked), true);
  assert.equal(namesSomePerson(["anto", "deliveroo"], asked), true);
});
