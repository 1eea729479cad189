/**
 * Boundaries of `stated_values.ts`'s "every second Tuesday of the month" (mut62): a month names
 * where the ordinal counts only after "of" or "in".
 */
import assert from "node:assert/strict";
import { statedValues } from "./stated_values.ts";

const days = (text: string) => statedValues(text).map((value) => `${value.type}: ${value.value}`);

Deno.test("'every second Tuesday' stays a rate when a month follows with no 'of' or 'in'", () => {
  assert.deepEqual(days("We meet every second Tuesday until March."), ["day: every 2 tuesday"]);
  assert.deepEqual(days("We meet every second Tuesday, March to May."), ["day: every 2 tuesday"]);
  // "of" or "in" a month: the second Tuesday of each month (review45b M3).
  assert.deepEqual(days("We meet every second Tuesday of March."), ["day: 2 tuesday"]);
  assert.deepEqual(days("We meet every second Tuesday in March."), ["day: 2 tuesday"]);
});

Deno.test("'every second Friday morning' is one rate, the words after the weekday read no more", () => {
  assert.deepEqual(days("We swim every second Friday morning."), ["day: every 2 friday"]);
});

Deno.test("the words of 'every second Friday' are the value's own, none of them its anchor", () => {
  const [value] = statedValues("Choir practice is every second Friday.");
  assert.equal(value!.value, "every 2 friday");
  assert.deepEqual([...value!.anchor], ["choir", "practic"]);
});

Deno.test("the word right after 'every second Friday' may be its anchor, and values after it are read", () => {
  const [value] = statedValues("Every second Friday rehearsal is at the church.");
  assert.deepEqual([...value!.anchor], ["rehears", "church"]);
  assert.deepEqual(days("We meet every second Friday, and on 3 May."), [
    "day: every 2 friday",
    "date: 3 may",
  ]);
});

Deno.test("'every second Friday' reads its anchor within ANCHOR_WINDOW words before the ordinal", () => {
  // "choir" is the 8th word before "second" (in), then the 9th (out).
  const anchor = (text: string) => [...statedValues(text)[0]!.anchor];
  assert.deepEqual(anchor("Choir is what we do together on every second Friday."), ["choir"]);
  assert.deepEqual(anchor("Choir is what we all do together on every second Friday."), []);
});
