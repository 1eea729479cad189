import assert from "node:assert/strict";
import { actingEvents, SUBJECT_CHARS } from "./fact_events.ts";

const event = (text: string) => actingEvents(text)[0]!;

Deno.test("an opening of up to 120 characters is read as the subject, a longer one is not", () => {
  assert.equal(SUBJECT_CHARS, 120);
  const within = "Anna ".repeat(24); // 120 characters before the verb
  assert.deepEqual(event(`${within}baked cookies`).subject.slice(0, 1), ["anna"]);
  assert.deepEqual(event(` ${within}baked cookies`).subject, []);
});

Deno.test("a verb's object is its next word within 40 characters", () => {
  assert.equal(event(`Anna baked${" ".repeat(32)}cookies`).object, true);
  assert.equal(event(`Anna baked${" ".repeat(40)}cookies`).object, false);
});

Deno.test('a colon after a verb opens its object; "away" and "and" do not', () => {
  assert.equal(event("Anna rejected: Sunny D, Solar Flare").object, true);
  assert.equal(event("Grandpa Karl passed away").object, false);
  assert.equal(event("Anna baked and left").object, false);
});
