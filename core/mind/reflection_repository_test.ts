/**
 * The reflection counters' contract, on SQLite and on PostgreSQL: sums grow, a generation is
 * settled once (a retried reflection does not consume twice), the sum never goes below zero,
 * and additions from two connections (nodes) at once are all counted.
 */
import assert from "node:assert/strict";
import { personaMigrations, PersonaRepository } from "../personas/mod.ts";
import { personaFixture } from "../personas/testing/fixture.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase, eachSharedDatabase } from "../storage/testing/databases.ts";
import { reflectionMigrations, SqlReflectionCounters } from "./reflection_repository.ts";

const aria = personaFixture("Aria");

async function countersIn(db: Database, options: { seed?: boolean } = {}) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...reflectionMigrations]);
  if (options.seed !== false) await new PersonaRepository(db).insert(aria);
  return new SqlReflectionCounters(db);
}

eachDatabase(
  "reflection counters add up, settle each generation once and never go below zero",
  async (db) => {
    const counters = await countersIn(db);
    assert.deepEqual(await counters.get(aria.id), { importance: 0, reflections: 0 });
    await counters.add(aria.id, 0.5);
    const after = await counters.add(aria.id, 1.25);
    assert.deepEqual(after, { importance: 1.75, reflections: 0 });

    await counters.settle(aria.id, { amount: 1.5, generation: 1 });
    assert.deepEqual(await counters.get(aria.id), { importance: 0.25, reflections: 1 });
    await counters.settle(aria.id, { amount: 1.5, generation: 1 });
    assert.deepEqual(await counters.get(aria.id), { importance: 0.25, reflections: 1 }, "once");

    await counters.settle(aria.id, { amount: 9, generation: 2 });
    assert.deepEqual(await counters.get(aria.id), { importance: 0, reflections: 2 }, "floor 0");
    await counters.settle(aria.id, { amount: 1, generation: 4 });
    assert.equal((await counters.get(aria.id)).reflections, 2, "generation 3 comes first");
  },
);

eachSharedDatabase(
  "reflection counters count every addition made by two nodes at once",
  async (one, two) => {
    const counters = [await countersIn(one), await countersIn(two, { seed: false })];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => counters[i % 2]!.add(aria.id, 0.25)),
    );
    assert.deepEqual(await counters[1]!.get(aria.id), { importance: 10, reflections: 0 });
  },
);
