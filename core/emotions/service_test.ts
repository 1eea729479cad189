import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import {
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../personas/mod.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
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

async function setup(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...emotionMigrations]);
  const clock = new ManualClock();
  const personas = new PersonaService(new PersonaRepository(db), clock);
  const shy = await personas.create(PersonaCreate.parse({
    name: "Shy",
    personality_traits: { extraversion: 0.1, agreeableness: 0.6, neuroticism: 0.7 },
  }));
  const bold = await personas.create(PersonaCreate.parse({
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

eachDatabase(
  "resting mood follows the traits: warm extraverts rest happier than anxious introverts",
  async (db) => {
    const { shy, bold } = await setup(db);
    assert.ok(
      restingState(bold.personality_traits, 0).mood > restingState(shy.personality_traits, 0).mood,
    );
  },
);

eachDatabase("energy drops with talk (introverts faster) and comes back with time", async (db) => {
  const { clock, shy, bold, states } = await setup(db);
  for (let i = 0; i < 5; i++) {
    await states.talk(shy, { role: "speaker", quality: 0.5, interest: 0.5 });
    await states.talk(bold, { role: "speaker", quality: 0.5, interest: 0.5 });
  }
  const tiredShy = (await states.interaction(shy)).social_energy;
  const tiredBold = (await states.interaction(bold)).social_energy;
  assert.ok(tiredShy < 100 && tiredBold < 100);
  assert.ok(tiredShy < tiredBold, "introverts drain faster");
  clock.advance(HOUR / 2);
  assert.ok((await states.interaction(shy)).social_energy > tiredShy, "energy regenerates");
  clock.advance(10 * HOUR);
  assert.equal((await states.interaction(shy)).social_energy, 100, "and is capped at 100");
  assert.equal((await states.interaction(shy)).interaction_fatigue, 0, "fatigue does not ratchet");
});

eachDatabase("a tired persona is unavailable, and later available again", async (db) => {
  const { clock, shy, states } = await setup(db);
  let turns = 0;
  while ((await states.interaction(shy)).available) {
    await states.talk(shy, { role: "speaker", quality: 0, interest: 0.5 });
    turns++;
    assert.ok(turns < 100);
  }
  const tired = await states.interaction(shy);
  assert.equal(tired.available, false);
  assert.ok(["low_energy", "fatigued"].includes(tired.unavailable_reason!));
  const comesBack = Date.parse(tired.available_at);
  assert.ok(comesBack > clock.now());
  clock.advance(comesBack - clock.now() + 1000);
  assert.equal((await states.interaction(shy)).available, true);
});

eachDatabase("cooldowns hold until they expire; satisfying talks cool down less", async (db) => {
  const { clock, bold, states } = await setup(db);
  await states.coolDown(bold, { baseSeconds: 300, finalScore: 50 });
  const state = await states.interaction(bold);
  assert.equal(state.available, false);
  assert.equal(state.unavailable_reason, "cooldown");
  clock.advance(299_000);
  assert.equal((await states.interaction(bold)).available, false);
  clock.advance(2_000);
  assert.equal((await states.interaction(bold)).available, true);
  assert.ok(cooldownMs(300, 80, 0) < cooldownMs(300, 50, 0));
  assert.ok(cooldownMs(300, 20, 0) > cooldownMs(300, 50, 0));
  assert.ok(cooldownMs(300, 50, 50) > cooldownMs(300, 50, 0), "fatigue lengthens it");
});

eachDatabase("good talks lift mood; mood drifts back to rest with the half-life", async (db) => {
  const { clock, bold, states } = await setup(db);
  const rest = (await states.view(bold)).mood;
  for (let i = 0; i < 3; i++) {
    await states.talk(bold, { role: "listener", quality: 1, interest: 0.9 });
  }
  const lifted = (await states.view(bold)).mood;
  assert.ok(lifted > rest);
  clock.advance(HOUR);
  const half = (await states.view(bold)).mood;
  assert.ok(Math.abs(half - (rest + (lifted - rest) / 2)) < 0.002, `${half}`);
});

eachDatabase("updates set values; social_battery is social energy / 100", async (db) => {
  const { shy, states } = await setup(db);
  const updated = await states.update(shy, { mood: -0.5, social_battery: 0.1 });
  assert.equal(updated.mood, -0.5);
  assert.equal(updated.social_battery, 0.1);
  assert.equal((await states.interaction(shy)).social_energy, 10);
  assert.equal((await states.interaction(shy)).available, false);
});

eachDatabase(
  "statuses reads a room at once: the same state and availability as each persona alone",
  async (db) => {
    const { clock, shy, bold, states } = await setup(db);
    const personas = new PersonaService(new PersonaRepository(db), clock);
    const rested = await personas.create(PersonaCreate.parse({ name: "Rested" }));
    // Shy is tired out, Bold cools down, Rested never changed from rest (no stored row).
    while ((await states.interaction(shy)).available) {
      await states.talk(shy, { role: "speaker", quality: 0, interest: 0.5 });
    }
    await states.talk(bold, { role: "listener", quality: 0.8, interest: 0.9 });
    await states.coolDown(bold, { baseSeconds: 300, finalScore: 50 });
    clock.advance(60_000);
    const room = [bold, rested, shy, bold];
    const statuses = await states.statuses(room);
    assert.equal(statuses.length, room.length);
    for (const [i, persona] of room.entries()) {
      assert.deepEqual(statuses[i]!.state, await states.current(persona), persona.name);
      assert.equal(statuses[i]!.unavailable, await states.unavailability(persona), persona.name);
    }
    const worn = (await states.interaction(shy)).unavailable_reason;
    assert.ok(worn === "low_energy" || worn === "fatigued", "Shy is worn out");
    assert.deepEqual(
      statuses.map((status) => status.unavailable),
      ["cooldown", null, worn, "cooldown"],
    );
    assert.deepEqual(await states.statuses([]), []);
  },
);

eachDatabase("talkAll changes each persona as talk does, one after the other", async (db) => {
  const { clock, shy, bold, states } = await setup(db);
  clock.advance(HOUR);
  const effects = [
    { persona: shy, effect: { role: "speaker" as const, quality: 0.6, interest: 0.9 } },
    { persona: bold, effect: { role: "listener" as const, quality: 0.6, interest: 0.2 } },
  ];
  await states.talk(bold, { role: "speaker", quality: -0.4, interest: 0.5 });
  clock.advance(10 * 60_000);
  // What talk gives, one persona at a time (then undone by writing the states back).
  const before = [await states.current(shy), await states.current(bold)];
  const one = [];
  for (const { persona, effect } of effects) one.push(await states.talk(persona, effect));
  const repository = new EmotionRepository(db);
  for (const [i, persona] of [shy, bold].entries()) {
    await repository.save({ ...before[i]!, persona_id: persona.id });
  }
  const all = await states.talkAll(effects);
  assert.deepEqual(all, one);
  assert.deepEqual([await states.current(shy), await states.current(bold)], one);
  assert.notDeepEqual(all[0], before[0]);
});
