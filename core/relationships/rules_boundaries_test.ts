/**
 * Pins every documented number of the relationship rules (rules.ts module notes): the weight of
 * the duration, the trust asymmetry, the intimacy threshold, each context's effect, the strength
 * weights, the type thresholds and the declared values. Each assertion fails when its number or
 * comparison changes by a little (checked by mutating rules.ts one change at a time).
 */
import assert from "node:assert/strict";
import {
  applyInteraction,
  interactionDeltas,
  relationshipStrength,
  round,
  suggestedType,
  valuesForDeclared,
} from "./rules.ts";
import type { Interaction, RelationshipValues } from "./schema.ts";

const neutral: RelationshipValues = { affinity: 0, trust: 0, respect: 0, intimacy: 0 };

function near(actual: number, expected: number, label = "") {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${label}: ${actual} is not ${expected}`);
}

function deltas(
  quality: number,
  minutes: number,
  context: Interaction["context"] = "conversation",
) {
  return interactionDeltas({ quality, duration_minutes: minutes, context });
}

Deno.test("the duration weighs linearly up to half an hour, then no more", () => {
  near(deltas(1, 15).affinity, 0.06, "15 minutes weigh one half");
  near(deltas(1, 3).affinity, 0.012, "3 minutes weigh one tenth");
  assert.deepEqual(deltas(1, 120), deltas(1, 30), "past 30 minutes the weight stays 1");
});

Deno.test("trust is lost faster than it is won: ×1.25 for bad talks, ×0.8 for good ones", () => {
  const good = deltas(1, 30);
  const bad = deltas(-1, 30);
  near(good.trust, 0.12 * 0.8, "won");
  near(bad.trust, -0.12 * 1.25, "lost");
  assert.ok(Math.abs(bad.trust) > Math.abs(good.trust));
  near(deltas(-0.5, 30).trust, -0.12 * 0.5 * 0.75 * 1.25, "half as bad");
  near(bad.respect, -0.12 * 0.6, "respect moves 0.6 of the base either way");
  near(bad.affinity, -0.12, "affinity moves by the base");
});

Deno.test("closeness needs 10 minutes and a good talk", () => {
  near(deltas(1, 10).intimacy, 0.12 * (10 / 30) * 0.8, "exactly 10 minutes");
  assert.equal(deltas(1, 9.5).intimacy, 0, "under 10 minutes");
  assert.equal(deltas(-1, 30).intimacy, 0, "a bad talk brings no closeness, and takes none");
  near(deltas(1, 30).intimacy, 0.12 * 0.8);
});

Deno.test("each context adds its documented effect, times the duration weight", () => {
  const expected: Record<Interaction["context"], RelationshipValues> = {
    casual: { affinity: 0.03, trust: 0, respect: 0, intimacy: 0 },
    conversation: neutral,
    collaboration: { affinity: 0, trust: 0.05, respect: 0.06, intimacy: 0 },
    conflict: { affinity: -0.06, trust: -0.10, respect: 0, intimacy: 0 },
    deep_conversation: { affinity: 0, trust: 0.03, respect: 0, intimacy: 0.06 },
    professional: { affinity: 0, trust: 0, respect: 0.05, intimacy: 0 },
  };
  for (const [context, values] of Object.entries(expected)) {
    const full = deltas(0, 30, context as Interaction["context"]);
    const half = deltas(0, 15, context as Interaction["context"]);
    for (const key of ["affinity", "trust", "respect", "intimacy"] as const) {
      near(full[key], values[key], `${context} ${key}`);
      near(half[key], values[key] / 2, `${context} ${key} at 15 minutes`);
    }
  }
});

Deno.test("intimacy lives in 0..1, the others in -1..1", () => {
  const deep = { quality: 0, duration_minutes: 30, context: "deep_conversation" } as const;
  // From 0.5 upwards the room (0.5) is the whole half range of 0..1: the full step.
  near(applyInteraction({ ...neutral, intimacy: 0.5 }, deep).intimacy, 0.56, "intimacy");
  const conflict = { quality: -1, duration_minutes: 30, context: "conflict" } as const;
  const after = applyInteraction(neutral, conflict);
  near(after.respect, -0.072, "respect can go negative");
  near(after.trust, -0.25, "trust: the base ×1.25 and the conflict's −0.10");
  near(after.affinity, -0.18, "affinity: the base and the conflict's −0.06");
  assert.equal(after.intimacy, 0, "intimacy never goes below 0");
});

Deno.test("strength weighs affinity 0.35, trust 0.3, respect 0.2, intimacy 0.15; negatives count 0", () => {
  assert.equal(relationshipStrength({ ...neutral, affinity: 1 }), 0.35);
  assert.equal(relationshipStrength({ ...neutral, trust: 1 }), 0.3);
  assert.equal(relationshipStrength({ ...neutral, respect: 1 }), 0.2);
  assert.equal(relationshipStrength({ ...neutral, intimacy: 1 }), 0.15);
  assert.equal(relationshipStrength({ affinity: -1, trust: -1, respect: -1, intimacy: 0 }), 0);
});

Deno.test("the suggested type changes exactly at the documented thresholds", () => {
  const friendly = { affinity: 1, trust: 0, respect: 0, intimacy: 0 };
  assert.equal(suggestedType(friendly, 1), "stranger", "one interaction");
  assert.equal(suggestedType(friendly, 2), "friend", "two interactions");
  const enemy = { affinity: -0.5, trust: -0.3, respect: 0, intimacy: 0 };
  assert.equal(suggestedType(enemy, 5), "enemy", "at both enemy bounds");
  assert.equal(suggestedType({ ...enemy, trust: -0.29 }, 5), "rival", "trust just above");
  assert.equal(suggestedType({ ...enemy, trust: 0 }, 5), "rival", "dislike alone: rival");
  assert.equal(suggestedType({ ...enemy, affinity: -0.49 }, 5), "rival", "affinity just above");
  const cool = { affinity: -0.2, trust: 0, respect: 0, intimacy: 0 };
  assert.equal(suggestedType(cool, 5), "rival", "affinity at -0.2");
  assert.equal(suggestedType({ ...cool, affinity: -0.19 }, 5), "acquaintance");
  assert.equal(suggestedType({ ...cool, affinity: 0, trust: -0.3 }, 5), "rival", "trust -0.3");
  assert.equal(suggestedType({ ...cool, affinity: 0, trust: -0.29 }, 5), "acquaintance");
  // 0.35 + 0.15 + 0.055 + 0.045 = 0.6 exactly, with intimacy exactly 0.3.
  const close = { affinity: 1, trust: 0.5, respect: 0.275, intimacy: 0.3 };
  assert.equal(relationshipStrength(close), 0.6);
  assert.equal(suggestedType(close, 5), "close_friend", "at both close-friend bounds");
  assert.equal(suggestedType({ ...close, respect: 0.27 }, 5), "friend", "strength just below");
  const strongButDistant = { affinity: 1, trust: 1, respect: 1, intimacy: 0 };
  assert.equal(suggestedType(strongButDistant, 5), "friend", "strength alone: friend");
  assert.equal(suggestedType({ ...friendly, affinity: 0.99 }, 5), "acquaintance", "0.3465");
});

Deno.test("declared relationships get the documented values", () => {
  assert.deepEqual(valuesForDeclared("enemy", 0.8), {
    affinity: -0.8,
    trust: -0.8,
    respect: 0,
    intimacy: 0,
  });
  assert.deepEqual(valuesForDeclared("rival", 0.8), {
    affinity: -0.4,
    trust: -0.4,
    respect: 0.4,
    intimacy: 0,
  });
  assert.deepEqual(valuesForDeclared("mentor", 0.8), {
    affinity: 0.8,
    trust: 0.8,
    respect: 0.8,
    intimacy: 0.8,
  });
});

Deno.test("stored values are rounded to 4 decimals", () => {
  assert.equal(round(0.123456), 0.1235);
  assert.equal(
    relationshipStrength({ affinity: 0.123456, trust: 0, respect: 0, intimacy: 0 }),
    0.0432,
  );
});
