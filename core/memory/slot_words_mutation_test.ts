// Tests that kill mut58's surviving mutants of slot_words.ts and reversed_slots.ts
// (core/memory/HISTORY.md, "Session 42 — mut58"): each word of a closed class is pinned.
import assert from "node:assert/strict";
import { VALUE_END, valueStems } from "./slot_words.ts";
import { HEDGES, reversedSlot } from "./reversed_slots.ts";

Deno.test("valueStems: every word of VALUE_END ends a value (the class pinned)", () => {
  const ends = ("who which that where because since but and with for from as at in on near by to " +
    "who's whose when while so").split(" ");
  assert.deepEqual([...VALUE_END], ends);
  for (const word of ends) {
    const value = `Dev ${word} lovely`;
    assert.deepEqual(valueStems(value), ["dev"], value);
  }
  assert.deepEqual(valueStems("Dev lovely"), ["dev", "love"]);
});

Deno.test("reversedSlot: every word of HEDGES in the sentence tells no slot (the class pinned)", () => {
  assert.deepEqual(reversedSlot("Dev's going to be my best man, Sam said")?.value, ["dev"]);
  const hedges = "maybe perhaps probably possibly presumably supposedly if unless might".split(" ");
  assert.deepEqual([...HEDGES], hedges);
  for (const word of hedges) {
    const text = `Dev's going to be my best man, Sam ${word} said`;
    assert.equal(reversedSlot(text), undefined, text);
  }
});

Deno.test("reversedSlot: a clause's comma right before a line's end ends the sentence there", () => {
  // The sentence is "Kit is my boss now,": what the next line says is not hedged into it.
  assert.deepEqual(reversedSlot("Kit is my boss now,\nmaybe I'll quit")?.value, ["kit"]);
  assert.equal(reversedSlot("Kit is my boss now, maybe"), undefined);
});

Deno.test("reversedSlot: a role's first word is kept whatever it is; a later one ends it at a value's end", () => {
  assert.equal(reversedSlot("Kit is now my other boss")?.key, "self's other boss|be");
  assert.equal(reversedSlot("Dev is now my boss at work")?.key, "self's boss|be");
});

Deno.test("reversedSlot: a role with no noun head, or with a kin word, states no slot", () => {
  assert.equal(reversedSlot("Dev is going to be my usual, he said"), undefined);
  // Kin one has one of, several of, and a friend: not roles one person fills at a time.
  for (
    const text of ["Maja is now my wife", "Dev is now my best friend", "Sam is now my brother"]
  ) {
    assert.equal(reversedSlot(text), undefined, text);
  }
  assert.equal(reversedSlot("Dev is now my best man")?.key, "self's best person|be");
});
