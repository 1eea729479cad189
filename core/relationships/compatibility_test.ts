import assert from "node:assert/strict";
import { personaFixture } from "../personas/testing/fixture.ts";
import {
  compatibility,
  compatibilityScore,
  PREDICTION_BANDS,
  predictionFor,
} from "./compatibility.ts";

const persona = personaFixture;

const warm = {
  agreeableness: 0.9,
  conscientiousness: 0.8,
  extraversion: 0.7,
  neuroticism: 0.2,
  openness: 0.6,
};
const prickly = {
  agreeableness: 0.1,
  conscientiousness: 0.2,
  extraversion: 0.1,
  neuroticism: 0.9,
  openness: 0.6,
};
const loud = {
  agreeableness: 0.2,
  conscientiousness: 0.3,
  extraversion: 1,
  neuroticism: 0.8,
  openness: 0.1,
};

Deno.test("similar agreeable personas score higher than clashing ones", () => {
  const friends = compatibility(
    persona("a", warm, { music: 80 }),
    persona("b", warm, { music: 90 }),
  );
  const clash = compatibility(
    persona("c", prickly, { chess: 80 }),
    persona("d", loud, { parties: 90 }),
  );
  assert.ok(friends.overall > clash.overall + 0.2, `${friends.overall} vs ${clash.overall}`);
  assert.ok(friends.personality > clash.personality);
  assert.deepEqual(friends.recommended_topics, ["music"]);
  assert.ok(clash.potential_challenges.includes("personality_clash"));
  assert.ok(clash.potential_challenges.includes("energy_level_mismatch"));
  assert.ok(clash.potential_challenges.includes("high_stress_potential"));
  assert.ok(clash.potential_challenges.includes("few_shared_interests"));
});

Deno.test("warmth of both partners outweighs mere similarity", () => {
  const twoCold = compatibility(persona("a", prickly), persona("b", prickly));
  const warmAndOk = compatibility(
    persona("c", warm),
    persona("d", { ...warm, openness: 0.1, extraversion: 0.4 }),
  );
  assert.ok(twoCold.personality < warmAndOk.personality);
});

Deno.test("the prediction label matches the documented score band", () => {
  const documented: Array<[number, string]> = [
    [0.81, "excellent"],
    [0.8, "very_good"],
    [0.66, "very_good"],
    [0.65, "good"],
    [0.51, "good"],
    [0.5, "challenging"],
    [0.36, "challenging"],
    [0.35, "difficult"],
    [0.2, "difficult"],
  ];
  for (const [score, label] of documented) assert.equal(predictionFor(score), label, `${score}`);
  assert.equal(PREDICTION_BANDS.length, 5);
  for (const pair of [[warm, warm], [warm, prickly], [prickly, loud]]) {
    const result = compatibility(persona("x", pair[0]), persona("y", pair[1]));
    assert.equal(result.prediction, predictionFor(result.overall));
    assert.ok(result.overall >= 0 && result.overall <= 1);
  }
});

/** A relationship of "a" and "b" with these values, met five times. */
const relationship = (affinity: number, trust: number, strength: number) => ({
  persona1_id: "a",
  persona2_id: "b",
  affinity,
  trust,
  respect: 0,
  intimacy: 0,
  relationship_type: "friend" as const,
  declared_type: null,
  interaction_count: 5,
  total_interaction_minutes: 50,
  strength,
  compatibility_score: 0,
  first_meeting: null,
  last_interaction: null,
});

Deno.test("history moves compatibility: good history raises it, bad lowers it", () => {
  const a = persona("a", warm);
  const b = persona("b", warm);
  const base = compatibility(a, b).overall;
  assert.ok(compatibility(a, b, relationship(0.8, 0.8, 0.7)).overall > base);
  assert.ok(compatibility(a, b, relationship(-0.8, -0.8, 0)).overall < base);
});

Deno.test("compatibilityScore is compatibility's overall score and history, to the bit", () => {
  const people = [
    persona("a", warm, { music: 80, chess: 25 }),
    persona("b", prickly, { music: 30, chess: 90, art: 60 }),
    persona("c", loud, {}),
    persona("d", warm, { art: 10 }),
  ];
  const histories = [
    undefined,
    { ...relationship(0.4, 0.2, 0.3), interaction_count: 0 },
    relationship(0.8, 0.8, 0.7),
    relationship(-0.8, -0.6, 0.1),
  ];
  for (const a of people) {
    for (const b of people) {
      for (const history of histories) {
        const full = compatibility(a, b, history);
        assert.deepEqual(compatibilityScore(a, b, history), {
          overall: full.overall,
          history: full.history,
        });
      }
    }
  }
});

Deno.test("a pair that never interacted has a history of 0.5, whatever its declared values", () => {
  const a = persona("a", warm);
  const b = persona("b", warm);
  const declared = { ...relationship(0.9, 0.9, 0.9), interaction_count: 0 };
  assert.equal(compatibility(a, b, declared).history, 0.5);
  assert.equal(compatibility(a, b).history, 0.5);
  assert.ok(compatibility(a, b, relationship(0.9, 0.9, 0.9)).history > 0.5);
});

Deno.test("interests count topics both rate above 20, not at 20", () => {
  const above = compatibility(persona("a", warm, { chess: 25 }), persona("b", warm, { chess: 25 }));
  // One shared topic rated alike: 1 (same interest) + 0.2 · 1/1, held to 1.
  assert.equal(above.interests, 1);
  const at = compatibility(persona("a", warm, { chess: 20 }), persona("b", warm, { chess: 20 }));
  assert.equal(at.interests, 0.3, "a topic both rate 20 is not shared");
});

Deno.test("overall weighs personality 0.35, social 0.2, interests 0.25, history 0.2", () => {
  const a = persona("a", warm, { music: 80, chess: 40 });
  const b = persona("b", prickly, { music: 50, chess: 90 });
  for (const history of [relationship(0.7, 0.3, 0.5), relationship(-0.6, -0.4, 0.05)]) {
    const c = compatibility(a, b, history);
    assert.notEqual(c.history, 0.5);
    const weighted = 0.35 * c.personality + 0.2 * c.social + 0.25 * c.interests +
      0.2 * c.history;
    assert.ok(Math.abs(c.overall - weighted) <= 2e-4, `${c.overall} vs ${weighted}`);
  }
});

Deno.test("troubled_history is a challenge below a history of 0.3, not at 0.3", () => {
  const a = persona("a", warm);
  const b = persona("b", warm);
  const troubled = compatibility(a, b, relationship(-0.5, -0.5, 0));
  assert.equal(troubled.history, 0.25);
  assert.ok(troubled.potential_challenges.includes("troubled_history"));
  const edge = compatibility(a, b, relationship(-0.4, -0.4, 0));
  assert.equal(edge.history, 0.3);
  assert.ok(!edge.potential_challenges.includes("troubled_history"));
});
