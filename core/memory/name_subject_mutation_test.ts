/**
 * `nameHold`'s edges (mut59): "!" opens a clause, a possessive takes one or two words before the
 * name (not none, not three), and the context read before a name is 48 characters.
 */
import assert from "node:assert/strict";
import { nameHold } from "./name_subject.ts";

Deno.test("nameHold: a name after each sentence mark opens a clause", () => {
  for (const mark of [".", "!", "?", ";", ":"]) {
    assert.equal(nameHold(`Great news${mark} Kav is back`, ["kav"]), "about", mark);
  }
});

Deno.test("nameHold: a possessed phrase of one or two words before the name introduces it; none or three does not", () => {
  assert.equal(nameHold("dinner with my old Kav tonight", ["kav"]), "about");
  assert.equal(nameHold("dinner with my dear old Kav tonight", ["kav"]), "about");
  assert.equal(nameHold("dinner with my Kav tonight", ["kav"]), "mention");
  assert.equal(nameHold("dinner with my big fat lazy Kav tonight", ["kav"]), "mention");
});

Deno.test("nameHold reads 48 characters before a name: a relation word 48 back counts, 49 back is cut", () => {
  // Blanks no other rule reads: only the word before the name can make it "about".
  const at48 = `cousin${" ".repeat(42)}Kav`;
  assert.equal(at48.indexOf("Kav"), 48);
  assert.equal(nameHold(at48, ["kav"]), "about");
  const at49 = `cousin${" ".repeat(43)}Kav`;
  assert.equal(
    nameHold(at49, ["kav"]),
    "mention",
    "its first letter is cut: 'ousin' is no relation",
  );
});

Deno.test("nameHold reads three characters after a name: a surname after one blank, a bracket after two", () => {
  assert.equal(nameHold("with Bernie Walsh today", ["berni"]), "about");
  assert.equal(nameHold("with Bernie  Walsh today", ["berni"]), "mention");
  assert.equal(nameHold("with Kavita  (a cousin) today", ["kavita"]), "about");
  assert.equal(nameHold("with Kavita   (a cousin) today", ["kavita"]), "mention");
});

Deno.test("nameHold: a name is any one of the names asked", () => {
  assert.equal(nameHold("Kav rang", ["sam", "kav"]), "about");
  assert.equal(nameHold("Kav rang", ["kav", "sam"]), "about");
});
