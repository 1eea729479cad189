import assert from "node:assert/strict";
import { statedValues } from "./stated_values.ts";

/** The anchors of `text`'s values that are events: two stems, one anchor. */
function events(text: string): string[] {
  return statedValues(text).flatMap((value) =>
    [...value.anchor].filter((term) => term.includes(" "))
  );
}

Deno.test("eventCompound: a word of time, or a word that is no noun, before a word of time names no event", () => {
  // "summer evening": a time of a time; "lovely evening": an adjective, no noun of an event.
  assert.deepEqual(events("the band plays on Saturdays at the summer evening"), []);
  assert.deepEqual(events("the band plays on Saturdays, a lovely evening"), []);
  assert.deepEqual(events("the quiz night is on Thursdays"), ["quiz night"]);
});

Deno.test("anchorNouns: the text's first word is compounded with the noun after it", () => {
  const [value] = statedValues("Piano lessons are on Tuesdays");
  assert.deepEqual([...value!.anchor], ["piano", "lesson"]);
  assert.deepEqual([...value!.modifiers], [["piano", ["lesson"]], ["lesson", ["piano"]]]);
  assert.deepEqual([...value!.heads], [["piano", "lesson"]]);
});

Deno.test("eventCompound: a noun another value takes names no event with the word of time after it", () => {
  // "club" is the third club's, a value of its own: "club night" is no anchor of Friday.
  const values = statedValues("The third club night is on Friday");
  assert.deepEqual(values.map((value) => [value.type, [...value.anchor]]), [
    ["ordinal club", []],
    ["day", []],
  ]);
});

Deno.test("anchorNouns: an anchor noun compounded with none has no modifiers", () => {
  const [value] = statedValues("Swimming is on Tuesdays");
  assert.deepEqual([...value!.anchor], ["swim"]);
  assert.deepEqual([...value!.modifiers], []);
  assert.deepEqual([...value!.heads], []);
});

Deno.test("eventCompound: a word of time opening the text has no noun before it", () => {
  // Read as an event's word, "Evening" would look for the noun before it, and there is none.
  const values = statedValues("Evening swim is on Tuesdays");
  assert.deepEqual(values.map((value) => value.value), ["tuesday"]);
});
