import assert from "node:assert/strict";
import { namesSomeoneElse, PEOPLE_WORDS } from "./someone_else.ts";

Deno.test("namesSomeoneElse: a relative, a companion or a name the older memory does not say", () => {
  const rent = "Our rent is 900 euros a month.";
  assert.ok(namesSomeoneElse(rent, "Sam's rent went up to 1,200 euros."), "a possessor");
  assert.ok(namesSomeoneElse(rent, "The rent of our friend went up to 1,200 euros."));
  assert.ok(namesSomeoneElse(rent, "They raised the rent for Sam to 1,200 euros."), "a name");
  assert.ok(namesSomeoneElse("I earn 3,000 euros.", "My wife's salary rose to 3,500 euros."));
  assert.ok(!namesSomeoneElse(rent, "The landlord raised the rent to 1,050 euros."), "an agent");
  assert.ok(!namesSomeoneElse(rent, "Last month the rent went up to 1,050 euros."), "first word");
  assert.ok(
    !namesSomeoneElse("Tom takes 500 mg of metformin.", "Tom's doctor raised it to 850 mg."),
    "named in both",
  );
  assert.ok(
    !namesSomeoneElse("My sister Ana runs 10 km.", "My sister is up to 21 km."),
    "the same person",
  );
  assert.ok(!namesSomeoneElse("Her dose is 50 mg.", "Her GP doubled it to 100 mg."), "all caps");
});

Deno.test("PEOPLE_WORDS: kin and company, not those who act for the owner", () => {
  for (const word of ["wife", "sister", "friend", "neighbour", "colleague", "flatmate"]) {
    assert.ok(PEOPLE_WORDS.has(word), word);
  }
  for (const word of ["doctor", "landlord", "boss", "provider"]) {
    assert.ok(!PEOPLE_WORDS.has(word), word);
  }
});
