/**
 * Pins the documented numbers of the emotion rules (rules.ts module notes): the resting state,
 * the drift and regeneration, one turn of talk, availability bounds and the cooldown. Each
 * assertion fails when its number or comparison changes by a little.
 */
import assert from "node:assert/strict";
import type { PersonalityTraits } from "../personas/mod.ts";
import {
  advance,
  applyTalk,
  availableAt,
  canGoOn,
  cooldownMs,
  type EmotionalState,
  type EmotionRules,
  restingState,
  unavailability,
} from "./rules.ts";

const middle: PersonalityTraits = {
  openness: 0.5,
  conscientiousness: 0.5,
  extraversion: 0.5,
  agreeableness: 0.5,
  neuroticism: 0.5,
};
const rules: EmotionRules = {
  halfLifeMinutes: 60,
  energyRegenPerHour: 10,
  fatigueRecoveryPerHour: 20,
  minSocialEnergy: 30,
  maxFatigue: 80,
};
const HOUR = 3_600_000;

function near(actual: number, expected: number, label = "") {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${label}: ${actual} is not ${expected}`);
}

function state(overrides: Partial<EmotionalState> = {}): EmotionalState {
  return { ...restingState(middle, 0), ...overrides };
}

Deno.test("the resting state follows the documented Big Five weights", () => {
  const { stress_level, curiosity, ...rest } = restingState(middle, 5);
  assert.deepEqual(rest, {
    mood: 0,
    energy_level: 0.75,
    social_energy: 100,
    interaction_fatigue: 0,
    cooldown_until: 0,
    updated_at: 5,
  });
  near(stress_level, 0.3, "stress");
  near(curiosity, 0.55, "curiosity");
  near(restingState({ ...middle, agreeableness: 1 }, 0).mood, 0.3, "agreeableness 0.6");
  near(restingState({ ...middle, extraversion: 1 }, 0).mood, 0.2, "extraversion 0.4");
  near(restingState({ ...middle, neuroticism: 1 }, 0).mood, -0.3, "neuroticism −0.6");
  near(restingState({ ...middle, neuroticism: 1 }, 0).stress_level, 0.5, "stress 0.1 + 0.4·N");
  near(restingState({ ...middle, openness: 1 }, 0).curiosity, 0.9, "curiosity 0.2 + 0.7·O");
});

Deno.test("values drift halfway to rest per half-life; energy and fatigue recover and stop", () => {
  const tired = state({ mood: 1, social_energy: 50, interaction_fatigue: 50, updated_at: 0 });
  const hour = advance(tired, { now: HOUR, rules, traits: middle });
  near(hour.mood, 0.5, "one half-life");
  near(hour.social_energy, 60, "+10 per hour");
  near(hour.interaction_fatigue, 30, "−20 per hour");
  const day = advance(tired, { now: 24 * HOUR, rules, traits: middle });
  assert.equal(day.social_energy, 100, "capped at 100");
  assert.equal(day.interaction_fatigue, 0, "floored at 0");
  assert.equal(advance(tired, { now: 0, rules, traits: middle }), tired, "no time, no change");
});

Deno.test("one turn of talk costs the documented amounts, scaled by introversion", () => {
  // extraversion 0.5: k = 1.4 − 0.4 = 1.
  const start = state({ social_energy: 50, interaction_fatigue: 10 });
  const talk = (role: "speaker" | "listener", quality = 0, interest = 0.5) =>
    applyTalk(start, { traits: middle, effect: { role, quality, interest } });
  near(talk("speaker").social_energy, 44, "speaker −6");
  near(talk("speaker").interaction_fatigue, 14, "speaker +4");
  near(talk("speaker").energy_level, 0.74, "speaker −0.01 energy");
  near(talk("listener").social_energy, 47.5, "listener −2.5");
  near(talk("listener").interaction_fatigue, 12, "listener +2");
  assert.equal(talk("listener").energy_level, 0.75, "listening costs no energy");
  const introvert = applyTalk(start, {
    traits: { ...middle, extraversion: 0 },
    effect: { role: "speaker", quality: 0, interest: 0.5 },
  });
  near(introvert.social_energy, 50 - 6 * 1.4, "k = 1.4 − 0.8·E");
  // From mood 0 the room is the whole half range: full steps.
  near(talk("listener", 1).mood, 0.04, "mood +0.04·q");
  near(talk("listener", -1).mood, -0.04);
  near(talk("listener", -1).stress_level, 0.35, "stress +0.05 on bad talk (full step)");
  near(talk("listener", 1).stress_level, 0.3 - 0.02 * (0.3 / 0.5), "stress −0.02 on good talk");
  near(talk("listener", 0, 1).curiosity, 0.55 + 0.02 * (0.45 / 0.5), "curiosity +0.04·(i − ½)");
  near(talk("listener", 0, 0).curiosity, 0.55 - 0.02, "curiosity falls on dull topics");
  const drained = applyTalk(state({ social_energy: 1 }), {
    traits: middle,
    effect: { role: "speaker", quality: 1, interest: 0.5 },
  });
  assert.equal(drained.social_energy, 0, "social energy stays ≥ 0");
  const cheerful = applyTalk(state({ mood: 0.99 }), {
    traits: middle,
    effect: { role: "speaker", quality: 1, interest: 0.5 },
  });
  assert.ok(cheerful.mood < 1, "mood steps shrink near 1");
});

Deno.test("availability changes exactly at the bounds", () => {
  const at = { now: 1000, rules };
  assert.equal(
    unavailability(state({ cooldown_until: 1000 }), at),
    null,
    "cooldown ends at its time",
  );
  assert.equal(unavailability(state({ cooldown_until: 1001 }), at), "cooldown");
  assert.equal(unavailability(state({ social_energy: 30 }), at), null, "at the minimum energy");
  assert.equal(unavailability(state({ social_energy: 29.9 }), at), "low_energy");
  assert.equal(unavailability(state({ interaction_fatigue: 79.9 }), at), null);
  assert.equal(unavailability(state({ interaction_fatigue: 80 }), at), "fatigued", "at the max");
});

Deno.test("a conversation goes on down to half the minimum energy and below the max fatigue", () => {
  assert.equal(canGoOn(state({ social_energy: 15 }), rules), true, "at half the minimum");
  assert.equal(canGoOn(state({ social_energy: 14.9 }), rules), false);
  assert.equal(canGoOn(state({ interaction_fatigue: 79.9 }), rules), true);
  assert.equal(canGoOn(state({ interaction_fatigue: 80 }), rules), false, "at the max");
});

Deno.test("available again once energy and fatigue have recovered, or the cooldown ended", () => {
  const at = { now: 0, rules };
  assert.equal(availableAt(state({ social_energy: 10 }), at), 2 * HOUR, "20 energy at 10/h");
  near(availableAt(state({ interaction_fatigue: 90 }), at), (10.001 / 20) * HOUR, "just below");
  assert.equal(availableAt(state({ cooldown_until: 5 * HOUR }), at), 5 * HOUR);
  assert.equal(availableAt(state(), at), 0, "available now");
});

Deno.test("cooldown: half after a score above 70, double below 30, longer when fatigued", () => {
  assert.equal(cooldownMs(60, 71, 0), 30_000);
  assert.equal(cooldownMs(60, 70, 0), 60_000, "70 is not above 70");
  assert.equal(cooldownMs(60, 30, 0), 60_000, "30 is not below 30");
  assert.equal(cooldownMs(60, 29, 0), 120_000);
  assert.equal(cooldownMs(60, 50, 50), 90_000, "× (1 + fatigue/100)");
});

Deno.test("cooldown and availability are whole milliseconds (BIGINT columns on PostgreSQL)", () => {
  // 300 s × (1 + 13.2835/100) = 339,850.5 ms; PostgreSQL refuses a fraction in cooldown_until.
  assert.equal(cooldownMs(300, 50, 13.2835), 339_851);
  assert.equal(cooldownMs(1.0001, 50, 0), 1000);
  const later = availableAt(state({ interaction_fatigue: 90 }), { now: 0.5, rules });
  assert.ok(Number.isInteger(later), `${later} is whole`);
  assert.ok(later >= 0.5 + (10.001 / 20) * HOUR, "never earlier than the exact time");
});
