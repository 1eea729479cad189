/**
 * Pins each documented persona limit at its exact boundary: the limit itself is accepted, one
 * more is refused.
 */
import assert from "node:assert/strict";
import {
  CARD_TEXT_MAX,
  completeTraits,
  PERSONA_LIMITS,
  PERSONA_MAX_BYTES,
  PersonaCreate,
  PersonaPatch,
} from "./schema.ts";

function accepts(input: Record<string, unknown>): boolean {
  return PersonaCreate.safeParse({ name: "Ann", ...input }).success;
}

/** `build(limit)` is accepted and `build(limit + 1)` refused. */
function pinned(label: string, limit: number, build: (n: number) => Record<string, unknown>) {
  assert.equal(accepts(build(limit)), true, `${label}: ${limit} is allowed`);
  assert.equal(accepts(build(limit + 1)), false, `${label}: ${limit + 1} is refused`);
}

const text = (n: number) => "x".repeat(n);
const list = (n: number, item = "x") => Array.from({ length: n }, () => item);

Deno.test("the documented limits keep their values", () => {
  assert.deepEqual(PERSONA_LIMITS, {
    name: 64,
    backstory: 8_000,
    goals: 20,
    goal: 300,
    speaking_style: 1_000,
  });
  assert.equal(PERSONA_MAX_BYTES, 524_288);
  assert.equal(CARD_TEXT_MAX, 100_000);
});

Deno.test("each persona text and list is refused one past its limit", () => {
  pinned("name", 64, (n) => ({ name: text(n) }));
  pinned("backstory", 8_000, (n) => ({ backstory: text(n) }));
  pinned("goals", 20, (n) => ({ goals: list(n) }));
  pinned("goal", 300, (n) => ({ goals: [text(n)] }));
  pinned("speaking_style", 1_000, (n) => ({ speaking_style: text(n) }));
  pinned("model", 200, (n) => ({ model: text(n) }));
  pinned("description", 100_000, (n) => ({ description: text(n) }));
  pinned("alternate_greetings", 256, (n) => ({ alternate_greetings: list(n) }));
  pinned("one greeting", 100_000, (n) => ({ alternate_greetings: [text(n)] }));
  pinned("tags", 256, (n) => ({ tags: list(n) }));
  pinned("one tag", 500, (n) => ({ tags: [text(n)] }));
  pinned("creator", 500, (n) => ({ creator: text(n) }));
  pinned("character_version", 500, (n) => ({ character_version: text(n) }));
});

Deno.test("empty names, goals and models are refused; empty texts are fine", () => {
  assert.equal(accepts({ name: "  " }), false);
  assert.equal(accepts({ goals: [" "] }), false);
  assert.equal(accepts({ model: "" }), false);
  assert.equal(accepts({ backstory: "" }), true);
  assert.equal(PersonaPatch.safeParse({ name: "" }).success, false, "on update too");
});

Deno.test("topic preferences: 0..100 each, names up to 64 characters, at most 64 topics", () => {
  const topics = (n: number) => Object.fromEntries(list(n).map((_, i) => [`t${i}`, 50]));
  pinned("topics", 64, (n) => ({ topic_preferences: topics(n) }));
  pinned("topic name", 64, (n) => ({ topic_preferences: { [text(n)]: 50 } }));
  assert.equal(accepts({ topic_preferences: { a: 100 } }), true);
  assert.equal(accepts({ topic_preferences: { a: 100.5 } }), false);
  assert.equal(accepts({ topic_preferences: { a: 0 } }), true);
  assert.equal(accepts({ topic_preferences: { a: -0.5 } }), false);
});

Deno.test("traits are 0..1 and missing ones are the neutral 0.5", () => {
  for (const value of [0, 1]) {
    assert.equal(accepts({ personality_traits: { openness: value } }), true, `${value}`);
  }
  for (const value of [-0.001, 1.001]) {
    assert.equal(accepts({ personality_traits: { openness: value } }), false, `${value}`);
  }
  assert.deepEqual(completeTraits({ extraversion: 0.9 }), {
    openness: 0.5,
    conscientiousness: 0.5,
    extraversion: 0.9,
    agreeableness: 0.5,
    neuroticism: 0.5,
  });
});
