/**
 * The social section's words: each scale gives the first word whose floor a value reaches, and
 * its last word below (or without) any floor.
 */
import assert from "node:assert/strict";
import type { EmotionalStateView } from "../emotions/mod.ts";
import type { Persona } from "../personas/mod.ts";
import type { Relationship } from "../relationships/mod.ts";
import { describeFeelings, describeRelationship } from "./social_sections.ts";

const feelings = (mood: number, social_battery: number, stress_level: number) =>
  describeFeelings({ mood, social_battery, stress_level } as EmotionalStateView);

Deno.test("feelings: a floor reached gives its word, below the last floor the last word", () => {
  assert.deepEqual(feelings(0.5, 0.7, 0.6), [
    "Mood: cheerful (0.50 on -1..1)",
    "Social energy: fresh",
    "Stress: high",
  ]);
  assert.deepEqual(feelings(0.49, 0.4, 0.3), [
    "Mood: good (0.49 on -1..1)",
    "Social energy: getting tired of company",
    "Stress: some",
  ]);
  assert.equal(feelings(-0.15, 0, 0)[0], "Mood: neutral (-0.15 on -1..1)");
  assert.equal(feelings(-0.5, 0, 0)[0], "Mood: low (-0.50 on -1..1)");
  assert.deepEqual(feelings(-1.5, -0.1, Number.NaN), [
    "Mood: miserable (-1.50 on -1..1)",
    "Social energy: drained; you want to wrap up soon",
    "Stress: relaxed",
  ]);
});

Deno.test("a relationship in words: feeling, trust and counts; none met yet", () => {
  const kira = { name: "Kira" } as Persona;
  assert.equal(describeRelationship(kira, undefined), "Kira: you have not met before.");
  const known = {
    relationship_type: "close_friend",
    affinity: 0.15,
    trust: -0.2,
    interaction_count: 3,
  } as Relationship;
  assert.equal(
    describeRelationship(kira, known),
    "Kira: close friend; you like them and are unsure whether to trust them " +
      "(affinity 0.15, trust -0.20, 3 conversations so far).",
  );
  assert.match(
    describeRelationship(kira, { ...known, affinity: -2, trust: 0.4 }),
    /; you can't stand them and trust them \(/,
  );
});
