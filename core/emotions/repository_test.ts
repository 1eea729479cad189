/**
 * Kept emotional states (`EmotionRepository` on SQLite): a state read again with nothing written
 * since costs no query, and every way a state changes shows at once: this process's saves
 * (talk, update, cooldown), a rolled back save, a persona's deletion (the row cascades away),
 * and another process's commit to the same file; other tables' writes (a chat's) keep them.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import {
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../personas/mod.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase, eachSharedDatabase } from "../storage/testing/databases.ts";
import { emotionMigrations, EmotionRepository } from "./repository.ts";
import { EmotionService } from "./service.ts";

const RULES = {
  halfLifeMinutes: 60,
  energyRegenPerHour: 40,
  fatigueRecoveryPerHour: 60,
  minSocialEnergy: 20,
  maxFatigue: 80,
};

/** `db` with its reads of persona_states counted. */
function counted(db: Database): { db: Database; reads: () => number } {
  let reads = 0;
  const all = db.all.bind(db);
  db.all = <T>(sql: string, ...params: Parameters<Database["all"]>[1][]) => {
    if (sql.includes("FROM persona_states")) reads++;
    return all<T>(sql, ...params);
  };
  return { db, reads: () => reads };
}

async function setup(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...emotionMigrations]);
  const clock = new ManualClock();
  const personas = new PersonaService(new PersonaRepository(db), clock);
  const shy = await personas.create(PersonaCreate.parse({ name: "Shy" }));
  const bold = await personas.create(PersonaCreate.parse({ name: "Bold" }));
  const repository = new EmotionRepository(db);
  // As core/services.ts wires it: the state row cascades away unseen by the repository.
  personas.onDelete(() => repository.changed());
  const states = new EmotionService({ repository, clock, rules: RULES });
  return { clock, personas, shy, bold, repository, states };
}

eachDatabase(
  "a state read again with nothing written since is kept (SQLite)",
  async (raw, kind) => {
    const { db, reads } = counted(raw);
    const { clock, shy, bold, states } = await setup(db);
    await states.talk(shy, { role: "speaker", quality: 0.5, interest: 0.5 });
    const first = await states.statuses([shy, bold]);
    const before = reads();
    clock.advance(60_000);
    const again = await states.statuses([shy, bold]);
    assert.equal(reads(), kind === "sqlite" ? before : before + 1);
    // Time still passes: the kept row is advanced to now, as a row read again would be.
    assert.ok(again[0]!.state.social_energy > first[0]!.state.social_energy);
    assert.deepEqual(await states.current(shy), again[0]!.state);
    // What a caller does to what it got is not kept (the clock stands: the row is returned as
    // it is, not advanced).
    await states.talk(bold, { role: "speaker", quality: 0.5, interest: 0.5 });
    (await states.current(bold)).mood = 99;
    (await states.current(bold)).mood = 99;
    assert.notEqual((await states.current(bold)).mood, 99);
  },
);

eachDatabase("a write to another table keeps the kept states (a chat's own)", async (raw, kind) => {
  const { db, reads } = counted(raw);
  const { shy, personas, states } = await setup(db);
  await states.talk(shy, { role: "speaker", quality: 0.5, interest: 0.5 });
  const first = await states.statuses([shy]);
  const before = reads();
  await personas.create(PersonaCreate.parse({ name: "Newcomer" }));
  assert.deepEqual(await states.statuses([shy]), first);
  assert.equal(reads(), kind === "sqlite" ? before : before + 1);
});

eachDatabase("each write path shows in the next read of a kept state", async (db) => {
  const { shy, bold, personas, repository, states } = await setup(db);
  const energy = async () => (await states.statuses([shy]))[0]!.state.social_energy;
  const rest = await energy();

  await states.talk(shy, { role: "speaker", quality: 0.5, interest: 0.5 });
  const talked = await energy();
  assert.ok(talked < rest, "talk");

  await states.update(shy, { social_battery: 0.3 });
  assert.equal(await energy(), 30, "update");

  await states.coolDown(shy, { baseSeconds: 600, finalScore: 10 });
  assert.equal((await states.statuses([shy]))[0]!.unavailable, "cooldown", "cooldown");

  await assert.rejects(
    repository.exclusively(shy.id, async () => {
      await repository.save({ ...(await repository.find(shy.id))!, persona_id: shy.id, mood: 1 });
      assert.equal((await repository.find(shy.id))!.mood, 1, "read inside the transaction");
      throw new Error("rolled back");
    }),
    /rolled back/,
  );
  assert.notEqual((await repository.find(shy.id))!.mood, 1, "a rolled back save");

  await states.statuses([shy, bold]);
  await personas.delete(shy.id);
  assert.equal(await repository.find(shy.id), undefined, "the persona's deletion");
});

eachSharedDatabase("another process's save shows at once", async (first, second) => {
  const ours = await setup(first);
  const theirs = new EmotionService({
    repository: new EmotionRepository(second),
    clock: ours.clock,
    rules: RULES,
  });
  const energy = async () => (await ours.states.statuses([ours.shy]))[0]!.state.social_energy;
  const rest = await energy();
  await theirs.update(ours.shy, { social_battery: 0.25 });
  assert.notEqual(rest, 25);
  assert.equal(await energy(), 25);
});

eachDatabase(
  "a turn's states are written in one statement; a persona twice, the last stands",
  async (raw) => {
    const { db } = counted(raw);
    let writes = 0;
    const run = db.run.bind(db);
    db.run = (sql: string, ...params: Parameters<Database["run"]>[1][]) => {
      if (sql.includes("INTO persona_states")) writes++;
      return run(sql, ...params);
    };
    const { shy, bold, repository, states } = await setup(db);
    const [spoke, heard] = await states.talkAll([
      { persona: shy, effect: { role: "speaker", quality: 0.5, interest: 0.5 } },
      { persona: bold, effect: { role: "listener", quality: 0.5, interest: 0.5 } },
    ]);
    assert.equal(writes, 1);
    assert.deepEqual(await repository.find(shy.id), spoke);
    assert.deepEqual(await repository.find(bold.id), heard);

    const row = { ...spoke!, persona_id: shy.id };
    await repository.saveAll([{ ...row, mood: 0.25 }, { ...row, mood: -0.25 }]);
    assert.equal((await repository.find(shy.id))!.mood, -0.25);
    await repository.saveAll([]);
    assert.deepEqual(await repository.find(bold.id), heard);
  },
);
