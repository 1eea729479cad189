import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import {
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../personas/mod.ts";
import { Database } from "../storage/db.ts";
import { cooldownMs, restingState } from "./rules.ts";
import { emotionMigrations, EmotionRepository } from "./repository.ts";
import { EmotionService } from "./service.ts";

const RULES = {
  halfLifeMinutes: 60,
  energyRegenPerHour: 40,
  fatigueRecoveryPerHour: 60,
  minSocialEnergy: 20,
  maxFatigue: 80,
};
const HOUR = 3_600_000;

function setup() {
  const db = new Database(":memory:");
  db.migrate([...personaMigrations, ...emotionMigrations]);
  const clock = new ManualClock();
  const personas = new PersonaService(new PersonaRepository(db), clock);
  const shy = personas.create(PersonaCreate.parse({
    name: "Shy",
    personality_traits: { extraversion: 0.1, agreeableness: 0.6, neuroticism: 0.7 },
  }));
  const bold = personas.create(PersonaCreate.parse({
    name: "Bold",
    personality_traits: { extraversion: 0.95, agreeableness: 0.8, neuroticism: 0.2 },
  }));
  return {
    db,
    clock,
    shy,
    bold,
    states: new EmotionService({ repository: new EmotionRepository(db), clock, rules: RULES }),
  };
}

Deno.test("resting mood follows the traits: warm extraverts rest happier than anxious introverts", () => {
  const { shy, bold, db } = setup();
  assert.ok(
    restingState(bold.personality_traits, 0).mood > restingState(shy.personality_traits, 0).mood,
  );
  db.close();
});

Deno.test("energy drops with talk (introverts faster) and comes back with time", () => {
  const { clock, shy, bold, states, db } = setup();
  for (let i = 0; i < 5; i++) {
    states.talk(shy, { role: "speaker", quality: 0.5, interest: 0.5 });
    states.talk(bold, { role: "speaker", quality: 0.5, interest: 0.5 });
  }
  const tiredShy = states.interaction(shy).social_energy;
  const tiredBold = states.interaction(bold).social_energy;
  assert.ok(tiredShy < 100 && tiredBold < 100);
  assert.ok(tiredShy < tiredBold, "introverts drain faster");
  clock.advance(HOUR / 2);
  assert.ok(states.interaction(shy).social_energy > tiredShy, "energy regenerates");
  clock.advance(10 * HOUR);
  assert.equal(states.interaction(shy).social_energy, 100, "and is capped at 100");
  assert.equal(states.interaction(shy).interaction_fatigue, 0, "fatigue does not ratchet");
  db.close();
});

Deno.test("a tired persona is unavailable, and later available again", () => {
  const { clock, shy, states, db } = setup();
  let turns = 0;
  while (states.interaction(shy).available) {
    states.talk(shy, { role: "speaker", quality: 0, interest: 0.5 });
    turns++;
    assert.ok(turns < 100);
  }
  const tired = states.interaction(shy);
  assert.equal(tired.available, false);
  assert.ok(["low_energy", "fatigued"].includes(tired.unavailable_reason!));
  const comesBack = Date.parse(tired.available_at);
  assert.ok(comesBack > clock.now());
  clock.advance(comesBack - clock.now() + 1000);
  assert.equal(states.interaction(shy).available, true);
  db.close();
});

Deno.test("cooldowns hold until they expire; satisfying talks cool down less", () => {
  const { clock, bold, states, db } = setup();
  states.coolDown(bold, { baseSeconds: 300, finalScore: 50 });
  const state = states.interaction(bold);
  assert.equal(state.available, false);
  assert.equal(state.unavailable_reason, "cooldown");
  clock.advance(299_000);
  assert.equal(states.interaction(bold).available, false);
  clock.advance(2_000);
  assert.equal(states.interaction(bold).available, true);
  assert.ok(cooldownMs(300, 80, 0) < cooldownMs(300, 50, 0));
  assert.ok(cooldownMs(300, 20, 0) > cooldownMs(300, 50, 0));
  assert.ok(cooldownMs(300, 50, 50) > cooldownMs(300, 50, 0), "fatigue lengthens it");
  db.close();
});

Deno.test("good talks lift mood; mood drifts back to rest with the half-life", () => {
  const { clock, bold, states, db } = setup();
  const rest = states.view(bold).mood;
  for (let i = 0; i < 3; i++) states.talk(bold, { role: "listener", quality: 1, interest: 0.9 });
  const lifted = states.view(bold).mood;
  assert.ok(lifted > rest);
  clock.advance(HOUR);
  const half = states.view(bold).mood;
  assert.ok(Math.abs(half - (rest + (lifted - rest) / 2)) < 0.002, `${half}`);
  db.close();
});

Deno.test("updates set values; social_battery is social energy / 100", () => {
  const { shy, states, db } = setup();
  const updated = states.update(shy, { mood: -0.5, social_battery: 0.1 });
  assert.equal(updated.mood, -0.5);
  assert.equal(updated.social_battery, 0.1);
  assert.equal(states.interaction(shy).social_energy, 10);
  assert.equal(states.interaction(shy).available, false);
  db.close();
});
